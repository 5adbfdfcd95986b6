#include "certintake/segment/certificate_finder.hpp"

#include <gtest/gtest.h>

#include <utility>

#include <opencv2/imgproc.hpp>

namespace certintake::segment {
namespace {

constexpr double kDpi = 150.0;

int Px(double mm) {
  return static_cast<int>(mm / 25.4 * kDpi);
}

const cv::Scalar kSheetWhite(238, 240, 240);

/// A plain sheet of A4 paper, slightly off-white, as a scanner sees it.
cv::Mat PlainSheet() {
  return {cv::Size(Px(210), Px(297)), CV_8UC3, kSheetWhite};
}

/// Rows of "text": dark bars the height of 10-point print, with word gaps.
void PrintLines(cv::Mat& sheet, const cv::Rect& area, int lines) {
  const int pitch = area.height / std::max(1, lines);
  for (int line = 0; line < lines; ++line) {
    const int y = area.y + line * pitch;
    for (int x = area.x; x + Px(12) <= area.x + area.width; x += Px(15)) {
      cv::rectangle(sheet, cv::Rect(x, y, Px(12), Px(3)), cv::Scalar(40, 40, 40), cv::FILLED);
    }
  }
}

/// A piece of paper pasted on the sheet: its paper (whiter than the sheet's, unless told), a
/// thin shadow along its right and bottom edges, and a title far from its body text (as on a
/// postcard-sized certificate).
void PastePiece(cv::Mat& sheet, const cv::Rect& paper, const cv::Scalar& colour = cv::Scalar(250, 250, 250)) {
  cv::rectangle(sheet, paper + cv::Point(2, 2), cv::Scalar(205, 205, 205), cv::FILLED);
  cv::rectangle(sheet, paper, colour, cv::FILLED);
  const int margin = Px(10);
  PrintLines(sheet, cv::Rect(paper.x + margin * 2, paper.y + margin, paper.width - margin * 4, Px(8)), 1);
  PrintLines(sheet, cv::Rect(paper.x + margin, paper.y + paper.height / 2, paper.width - 2 * margin, paper.height / 3),
             4);
}

PageImage Page(const cv::Mat& pixels) {
  PageImage page;
  page.pixels = pixels;
  page.dpi = kDpi;
  return page;
}

double Overlap(const cv::Rect& a, const cv::Rect& b) {
  return static_cast<double>((a & b).area()) / static_cast<double>((a | b).area());
}

/// Whether the pieces found are the papers pasted, one each and in reading order, each piece's
/// box over most of its paper (IoU above 0.7).
::testing::AssertionResult FoundThePapers(const std::vector<PieceRegion>& pieces, const std::vector<cv::Rect>& papers) {
  if (pieces.size() != papers.size()) {
    return ::testing::AssertionFailure() << pieces.size() << " pieces found for " << papers.size() << " papers";
  }
  for (std::size_t i = 0; i < papers.size(); ++i) {
    if (const double overlap = Overlap(pieces[i].box, papers[i]); overlap <= 0.7) {
      return ::testing::AssertionFailure() << "piece " << i << " " << pieces[i].box << " covers its paper " << papers[i]
                                           << " only by IoU " << overlap;
    }
  }
  return ::testing::AssertionSuccess();
}

TEST(FindCertificates, FindsNothingOnABlankSheet) {
  EXPECT_TRUE(FindCertificates(Page(PlainSheet()), cv::Mat()).empty());
}

TEST(FindCertificates, FindsOnePieceWhoseTitleLiesFarFromItsBody) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect paper(Px(40), Px(60), Px(100), Px(148));
  PastePiece(sheet, paper);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

TEST(FindCertificates, KeepsTwoPiecesApartWhenAPaperEdgeRunsBetweenThem) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect left(Px(12), Px(60), Px(91), Px(55));
  const cv::Rect right(Px(106), Px(60), Px(91), Px(55));
  PastePiece(sheet, left);
  PastePiece(sheet, right);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  EXPECT_TRUE(FoundThePapers(pieces, {left, right}));
}

TEST(FindCertificates, KeepsOnePieceWholeWhereTheSheetWasFoldedAcrossIt) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect paper(Px(40), Px(60), Px(130), Px(180));
  PastePiece(sheet, paper);
  // The crease of a sheet folded in three for the envelope runs from side to side, through the
  // piece's body text.
  cv::line(sheet, cv::Point(0, Px(173)), cv::Point(sheet.cols, Px(174)), cv::Scalar(205, 205, 205), 1);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

TEST(FindCertificates, KeepsAPrintOutWholeWhereACreaseRunsToTheSheetsEdgeBetweenItsTitleAndBody) {
  cv::Mat sheet = PlainSheet();
  PrintLines(sheet, cv::Rect(Px(50), Px(40), Px(110), Px(24)), 2);
  PrintLines(sheet, cv::Rect(Px(30), Px(90), Px(150), Px(90)), 9);
  // Nothing crosses the crease but it runs on to the edge of the sheet, as no piece's edge does.
  cv::line(sheet, cv::Point(0, Px(77)), cv::Point(sheet.cols, Px(78)), cv::Scalar(205, 205, 205), 1);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, cv::Rect(Px(30), Px(40), Px(150), Px(140))), 0.7);
}

TEST(FindCertificates, KeepsAGridOfCardsApartThoughTheirEdgesLineUpAcrossThePage) {
  cv::Mat sheet = PlainSheet();
  const std::vector<cv::Rect> cards = {
      cv::Rect(Px(8), Px(60), Px(95), Px(55)), cv::Rect(Px(107), Px(60), Px(95), Px(55)),
      cv::Rect(Px(8), Px(121), Px(95), Px(55)), cv::Rect(Px(107), Px(121), Px(95), Px(55))};
  for (const cv::Rect& card : cards) PastePiece(sheet, card);
  EXPECT_EQ(FindCertificates(Page(sheet), cv::Mat()).size(), 4U);
}

TEST(FindCertificates, KeepsAPieceWholeWhereTheSheetsCreaseShowsOnlyInStretches) {
  cv::Mat sheet = PlainSheet();
  // Paper of the sheet's own white: only its shadow shows where it lies.
  const cv::Rect paper(Px(40), Px(100), Px(130), Px(100));
  PastePiece(sheet, paper, kSheetWhite);
  // The crease runs through the piece's body text but shows only in stretches, none of them
  // reaching the sheet's sides. The piece's own side edge runs on across it.
  for (const auto& [from, to] : {std::pair{30, 60}, std::pair{70, 130}, std::pair{140, 190}}) {
    cv::line(sheet, cv::Point(Px(from), Px(164)), cv::Point(Px(to), Px(164)), cv::Scalar(205, 205, 205), 1);
  }
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

TEST(FindCertificates, TakesALoosePrintOutForOneCertificate) {
  cv::Mat sheet = PlainSheet();
  PrintLines(sheet, cv::Rect(Px(50), Px(30), Px(110), Px(12)), 1);
  PrintLines(sheet, cv::Rect(Px(25), Px(70), Px(160), Px(180)), 20);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, cv::Rect(0, 0, sheet.cols, sheet.rows)), 0.95);
}

TEST(FindCertificates, TakesAPrintOutForOneCertificateThoughAPaleFrameIsPrintedAcrossIt) {
  cv::Mat sheet = PlainSheet();
  // A watermark's frame: a band a few millimetres wide and only a few grey levels darker than
  // the paper (seven, as on a real scan), its top side running between the title and the body,
  // its bottom side between the body and the issuer.
  cv::rectangle(sheet, cv::Rect(Px(55), Px(60), Px(100), Px(110)), cv::Scalar(231, 233, 233), Px(4));
  PrintLines(sheet, cv::Rect(Px(50), Px(30), Px(110), Px(12)), 1);
  PrintLines(sheet, cv::Rect(Px(20), Px(75), Px(170), Px(80)), 8);
  PrintLines(sheet, cv::Rect(Px(110), Px(185), Px(70), Px(20)), 2);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, cv::Rect(0, 0, sheet.cols, sheet.rows)), 0.95);
}

TEST(FindCertificates, KeepsTwoCardsApartWhereTheEdgeBetweenThemShowsAlongOnlyAFifthOfTheirSide) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect left(Px(12), Px(60), Px(91), Px(80));
  const cv::Rect right(Px(106), Px(60), Px(91), Px(80));
  for (const cv::Rect& card : {left, right}) {
    PrintLines(sheet, cv::Rect(card.x + Px(10), card.y + Px(10), card.width - Px(20), card.height - Px(20)), 6);
  }
  // Glued flat on paper of the same white, the left card casts a shadow only where it lifts.
  const int edge = left.x + left.width;
  cv::line(sheet, cv::Point(edge, Px(90)), cv::Point(edge, Px(107)), cv::Scalar(205, 205, 205), 2);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 2U);
  EXPECT_LT(pieces[0].box.x + pieces[0].box.width, right.x);
}

TEST(FindCertificates, KeepsTwoCardsApartWhereOnlyAFaintHairlineShowsTheEdgeBetweenThem) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect left(Px(12), Px(60), Px(91), Px(55));
  const cv::Rect right(Px(106), Px(60), Px(91), Px(55));
  for (const cv::Rect& card : {left, right}) {
    PrintLines(sheet, cv::Rect(card.x + Px(8), card.y + Px(8), card.width - Px(16), card.height - Px(16)), 5);
  }
  // Cut paper glued flat on paper of the same white: its edge is a hairline a few grey levels
  // darker than either, which line detection at the page's search resolution barely sees.
  const int edge = left.x + left.width + Px(1.5);
  cv::line(sheet, cv::Point(edge, left.y), cv::Point(edge, left.y + left.height), cv::Scalar(218, 218, 218), 1);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 2U);
  EXPECT_LT(pieces[0].box.x + pieces[0].box.width, right.x);
}

TEST(FindCertificates, KeepsAReceiptWholeAcrossTheDashedRulePrintedOnIt) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect receipt(Px(110), Px(70), Px(80), Px(120));
  // Paper of the sheet's own white, with its shadow along two sides: print above and below.
  cv::rectangle(sheet, receipt + cv::Point(2, 2), cv::Scalar(205, 205, 205), cv::FILLED);
  cv::rectangle(sheet, receipt, kSheetWhite, cv::FILLED);
  PrintLines(sheet, cv::Rect(receipt.x + Px(8), receipt.y + Px(8), receipt.width - Px(16), Px(25)), 4);
  PrintLines(sheet, cv::Rect(receipt.x + Px(8), receipt.y + Px(48), receipt.width - Px(16), Px(60)), 8);
  // Between them a row of hyphens, 1 mm long and 1.5 mm apart, pale as thermal print: at the
  // search's resolution they blur into a faint line, like a paper edge's.
  const int rule = receipt.y + Px(41);
  for (int x = receipt.x + Px(4); x + Px(1) <= receipt.x + receipt.width - Px(4); x += Px(1.5)) {
    cv::line(sheet, cv::Point(x, rule), cv::Point(x + Px(1), rule), cv::Scalar(150, 150, 150), 1);
  }
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  EXPECT_TRUE(FoundThePapers(pieces, {receipt}));
}

TEST(FindCertificates, KeepsDiagonalNeighboursApartThoughAStrayMarkBesideOneLiesLevelWithTheOther) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect upper(Px(110), Px(50), Px(91), Px(100));
  const cv::Rect lower(Px(10), Px(135), Px(91), Px(55));
  PastePiece(sheet, upper, kSheetWhite);
  PastePiece(sheet, lower, kSheetWhite);
  // A stray mark on the sheet just above the lower card, level with the upper card's last line:
  // with it, the lower card's print faces the upper card's across its right edge for only a few
  // millimetres. But that edge runs along most of the lower card's side.
  cv::circle(sheet, cv::Point(Px(90), Px(126)), Px(1.5), cv::Scalar(60, 60, 60), cv::FILLED);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  EXPECT_TRUE(FoundThePapers(pieces, {upper, lower}));
}

TEST(FindCertificates, StopsAPieceShortOfItsNeighboursEdgeThoughThatIsTheNearestLineBeyondItsPrint) {
  cv::Mat sheet = PlainSheet();
  // Two cards 4 mm apart. The left card's right edge shows, with its print running to 6 mm from
  // it; the right card's left edge does not show, and its print starts 10 mm in.
  const cv::Rect left(Px(12), Px(60), Px(91), Px(55));
  const cv::Rect right(Px(107), Px(60), Px(91), Px(55));
  cv::line(sheet, cv::Point(left.x + left.width, left.y), cv::Point(left.x + left.width, left.y + left.height),
           cv::Scalar(205, 205, 205), 2);
  PrintLines(sheet, cv::Rect(left.x + Px(13), left.y + Px(10), left.width - Px(16), Px(35)), 4);
  PastePiece(sheet, right, kSheetWhite);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 2U);
  EXPECT_GT(pieces[1].box.x, left.x + left.width + Px(1));
}

TEST(FindCertificates, LeavesTheScannersBorderOutOfAPieceNearIt) {
  cv::Mat sheet = PlainSheet();
  // The scanner's lid shows as a dark strip along the left of the scan, 12 mm from a card whose
  // own left edge does not show.
  cv::rectangle(sheet, cv::Rect(0, 0, Px(2), sheet.rows), cv::Scalar(90, 90, 90), cv::FILLED);
  const cv::Rect card(Px(14), Px(60), Px(91), Px(55));
  PastePiece(sheet, card, kSheetWhite);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(pieces[0].box.x, Px(8));
}

TEST(FindCertificates, FindsALargePiecePastedOnAPlainSheetByItsPaperEdges) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect paper(Px(20), Px(30), Px(174), Px(240));
  // Paper of the sheet's own white: only its shadow along two sides shows where it lies.
  cv::rectangle(sheet, paper + cv::Point(2, 2), cv::Scalar(205, 205, 205), cv::FILLED);
  cv::rectangle(sheet, paper, kSheetWhite, cv::FILLED);
  // Print over most of the sheet, which alone would make the sheet itself the certificate.
  PrintLines(sheet, cv::Rect(paper.x + Px(12), paper.y + Px(12), paper.width - Px(24), paper.height - Px(24)), 18);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

TEST(FindCertificates, FindsALargePiecePastedOnAPlainSheetByPaperEdgesSeenInParts) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect paper(Px(20), Px(30), Px(174), Px(240));
  PrintLines(sheet, cv::Rect(paper.x + Px(12), paper.y + Px(12), paper.width - Px(24), paper.height - Px(24)), 18);
  // Its shadow shows in stretches, each shorter than half its side, where the glue let it lift.
  const int right = paper.x + paper.width;
  const int bottom = paper.y + paper.height;
  for (int y = paper.y; y + Px(60) <= bottom; y += Px(66)) {
    cv::line(sheet, cv::Point(right, y), cv::Point(right, y + Px(60)), cv::Scalar(205, 205, 205), 2);
  }
  for (int x = paper.x; x + Px(60) <= right; x += Px(66)) {
    cv::line(sheet, cv::Point(x, bottom), cv::Point(x + Px(60), bottom), cv::Scalar(205, 205, 205), 2);
  }
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

TEST(FindCertificates, KeepsANoteWrittenOnTheSheetOffThePieceBesideIt) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect paper(Px(90), Px(30), Px(100), Px(148));
  PrintLines(sheet, cv::Rect(paper.x + Px(20), paper.y + Px(10), paper.width - Px(40), Px(8)), 1);
  PrintLines(sheet, cv::Rect(paper.x + Px(10), paper.y + Px(40), paper.width - Px(20), Px(90)), 9);
  const cv::Scalar shadow(205, 205, 205);
  const int right = paper.x + paper.width;
  const int bottom = paper.y + paper.height;
  cv::line(sheet, cv::Point(right, paper.y), cv::Point(right, bottom), shadow, 2);
  cv::line(sheet, cv::Point(paper.x, bottom), cv::Point(right, bottom), shadow, 2);
  // Its left edge shows in two stretches, each too short alone to part it from the note.
  cv::line(sheet, cv::Point(paper.x, Px(95)), cv::Point(paper.x, Px(125)), shadow, 2);
  cv::line(sheet, cv::Point(paper.x, Px(126)), cv::Point(paper.x, Px(160)), shadow, 2);
  // The member's number written on the sheet, up and to the left of the piece.
  PrintLines(sheet, cv::Rect(Px(20), Px(8), Px(45), Px(4)), 1);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, paper), 0.8);
}

/// A name card of the sheet's own white: a band of colour printed across it to its edges, a
/// few lines of text, and a shadow along its right edge beside its paper, fading out a couple of
/// millimetres short of the band.
void PasteBandedCard(cv::Mat& sheet, const cv::Rect& card, const cv::Rect& band) {
  cv::rectangle(sheet, band, cv::Scalar(60, 60, 60), cv::FILLED);
  const int right = card.x + card.width;
  const int body_top = band.y == card.y ? band.y + band.height : card.y;
  const int body_bottom = band.y == card.y ? card.y + card.height : band.y;
  cv::line(sheet, cv::Point(right, body_top + Px(2)), cv::Point(right, body_bottom - Px(2)), cv::Scalar(205, 205, 205),
           2);
  PrintLines(sheet, cv::Rect(card.x + Px(10), body_top + Px(8), card.width - Px(20), body_bottom - body_top - Px(16)),
             3);
}

TEST(FindCertificates, KeepsTwoCardsApartWhoseBandsPrintedToTheirEdgesFaceEachOther) {
  cv::Mat sheet = PlainSheet();
  // One card's footer band runs to its bottom edge; the card below has its header band at its
  // top edge. Between the two bands only the sheet shows, with no shadow.
  const cv::Rect upper(Px(20), Px(40), Px(90), Px(55));
  const cv::Rect lower(Px(20), Px(99), Px(90), Px(55));
  PasteBandedCard(sheet, upper, cv::Rect(upper.x, upper.y + upper.height - Px(13), upper.width, Px(13)));
  PasteBandedCard(sheet, lower, cv::Rect(lower.x, lower.y, lower.width, Px(13)));
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 2U);
  // Each piece holds its own card's band, and not the other's.
  const int upper_band_middle = upper.y + upper.height - Px(6);
  const int lower_band_middle = lower.y + Px(6);
  EXPECT_GT(pieces[0].box.y + pieces[0].box.height, upper_band_middle);
  EXPECT_LT(pieces[0].box.y + pieces[0].box.height, lower_band_middle);
  EXPECT_LT(pieces[1].box.y, lower_band_middle);
  EXPECT_GT(pieces[1].box.y, upper_band_middle);
}

TEST(FindCertificates, KeepsACardApartFromTheOneBelowWhereItsDeepFooterHidesTheEndsOfItsSideEdge) {
  cv::Mat sheet = PlainSheet();
  // A footer band 12 mm deep printed to the card's edges. The card's right edge shows down to
  // the band and is lost beside it; the band's boundary ends where that edge would.
  const cv::Rect upper(Px(20), Px(40), Px(90), Px(60));
  const cv::Rect band(upper.x, upper.y + upper.height - Px(12), upper.width, Px(12));
  cv::rectangle(sheet, band, cv::Scalar(60, 60, 60), cv::FILLED);
  const int right = upper.x + upper.width;
  cv::line(sheet, cv::Point(right, upper.y + Px(2)), cv::Point(right, band.y), cv::Scalar(205, 205, 205), 2);
  PrintLines(sheet, cv::Rect(upper.x + Px(10), upper.y + Px(8), upper.width - Px(20), Px(30)), 3);
  // The card below, 6 mm off, with no edge showing along its top.
  const cv::Rect lower(Px(20), Px(106), Px(91), Px(55));
  PastePiece(sheet, lower, kSheetWhite);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  EXPECT_TRUE(FoundThePapers(pieces, {upper, lower}));
}

TEST(FindCertificates, KeepsACardWholeWhoseSideEdgeRunsOnPastTheBandPrintedAcrossIt) {
  cv::Mat sheet = PlainSheet();
  // The footer band's top boundary has print on one side only, like a paper edge, and the band's
  // sides are too short to show as lines. But the card's right edge runs on above the band: the
  // card goes on beyond it.
  const cv::Rect card(Px(20), Px(40), Px(90), Px(55));
  PasteBandedCard(sheet, card, cv::Rect(card.x, card.y + card.height - Px(10), card.width, Px(10)));
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(pieces[0].box.y + pieces[0].box.height, card.y + card.height - Px(5));  // with its band
}

TEST(FindCertificates, TakesTintedCardStockForAPieceEvenWithoutAShadow) {
  cv::Mat sheet = PlainSheet();
  const cv::Rect card(Px(30), Px(80), Px(91), Px(55));
  cv::rectangle(sheet, card, cv::Scalar(200, 235, 200), cv::FILLED);
  PrintLines(sheet, cv::Rect(card.x + Px(10), card.y + Px(20), card.width - Px(20), Px(25)), 2);
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  EXPECT_GT(Overlap(pieces[0].box, card), 0.8);
}

TEST(FindCertificates, ReportsAPieceTurnedAFewDegreesWithItsAngle) {
  cv::Mat sheet = PlainSheet();
  cv::Mat piece(Px(148), Px(100), CV_8UC3, kSheetWhite);
  PastePiece(piece, cv::Rect(Px(4), Px(4), Px(90), Px(138)));
  const cv::Mat turn = cv::getRotationMatrix2D(
      cv::Point2f(static_cast<float>(piece.cols) / 2, static_cast<float>(piece.rows) / 2), 4.0, 1.0);
  cv::Mat turned;
  cv::warpAffine(piece, turned, turn, piece.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, kSheetWhite);
  turned.copyTo(sheet(cv::Rect(Px(50), Px(70), piece.cols, piece.rows)));
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  const double angle = std::fmod(pieces[0].outline.angle + 360.0, 90.0);
  EXPECT_NEAR(std::min(angle, 90.0 - angle), 4.0, 1.5);
}

TEST(FindCertificates, TurnsAPieceToTheAngleOfItsEdgeRatherThanOfItsPrintsOutline) {
  cv::Mat sheet = PlainSheet();
  // A name card of the sheet's own white turned 3 degrees: a short title high up, a footer band
  // across its full width. The tightest rectangle around that print leans less than the card.
  cv::Mat card(Px(90), Px(60), CV_8UC3, kSheetWhite);
  PrintLines(card, cv::Rect(Px(20), Px(8), Px(24), Px(4)), 1);
  PrintLines(card, cv::Rect(Px(8), Px(30), Px(44), Px(20)), 3);
  cv::rectangle(card, cv::Rect(0, Px(78), card.cols, Px(12)), cv::Scalar(90, 90, 90), cv::FILLED);
  cv::Mat on_sheet(Px(110), Px(80), CV_8UC3, kSheetWhite);
  const cv::Rect paper(Px(10), Px(10), card.cols, card.rows);
  cv::rectangle(on_sheet, paper + cv::Point(2, 2), cv::Scalar(205, 205, 205), cv::FILLED);
  card.copyTo(on_sheet(paper));
  const cv::Mat turn = cv::getRotationMatrix2D(
      cv::Point2f(static_cast<float>(on_sheet.cols) / 2, static_cast<float>(on_sheet.rows) / 2), 3.0, 1.0);
  cv::Mat turned;
  cv::warpAffine(on_sheet, turned, turn, on_sheet.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, kSheetWhite);
  turned.copyTo(sheet(cv::Rect(Px(60), Px(70), turned.cols, turned.rows)));
  const std::vector<PieceRegion> pieces = FindCertificates(Page(sheet), cv::Mat());
  ASSERT_EQ(pieces.size(), 1U);
  const double angle = std::fmod(pieces[0].outline.angle + 360.0, 90.0);
  EXPECT_NEAR(std::min(angle, 90.0 - angle), 3.0, 0.5);
}

/// `form` as an office printer and scanner give it back: printed at `scale`, a little off.
cv::Mat PrintedAt(const cv::Mat& form, double scale) {
  cv::Mat warp = (cv::Mat_<double>(2, 3) << scale, 0, 4, 0, scale, 6);
  cv::Mat printed;
  cv::warpAffine(form, printed, warp, form.size(), cv::INTER_AREA, cv::BORDER_CONSTANT, cv::Scalar(255));
  return printed;
}

TEST(FormHeaderScore, FindsTheFormsHeaderOnAPagePrintedSmallerAndOffset) {
  const cv::Mat& back = BlankBackPage(75);
  EXPECT_GT(FormHeaderScore(back, PrintedAt(back, 0.95)), 0.8);
}

TEST(FormHeaderScore, TellsTheBackPageFromTheApplicationForm) {
  const cv::Mat& back = BlankBackPage(75);
  const cv::Mat& front = BlankForm("application-form.pdf", 75);
  EXPECT_LT(FormHeaderScore(back, PrintedAt(front, 0.97)), FormHeaderScore(back, PrintedAt(back, 0.97)) - 0.08);
}

}  // namespace
}  // namespace certintake::segment
