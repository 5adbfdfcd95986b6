// The evidence checks on small drawn pieces: what each check finds, and the evidence it leaves.

#include "certintake/evidence/evidence.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <opencv2/imgproc.hpp>
#include <random>

namespace certintake::evidence {
namespace {

using rules::Finding;

constexpr double kDpi = 300;
constexpr double kMm = kDpi / 25.4;

/// A blank 91×55 mm card (a name-plate certificate) of white paper, nothing read from it.
cv::Mat BlankCard() {
  return cv::Mat(static_cast<int>(55 * kMm), static_cast<int>(91 * kMm), CV_8UC3, cv::Scalar::all(245));
}

read::CertificateReading NothingRead() {
  read::CertificateReading reading;
  reading.ocr_dpi = kDpi;
  return reading;
}

/// A scribble of handwriting-sized marks: four "characters" of short strokes, 6 mm tall, centred
/// `y_mm` from the top.
void Scribble(cv::Mat& card, const cv::Scalar& colour, double drop_out = 0, double y_mm = 30, int characters = 4) {
  std::mt19937 random(7);
  std::uniform_real_distribution<double> jitter(-1.0, 1.0);
  for (int character = 0; character < characters; ++character) {
    const cv::Point2d origin((25 + 9 * character) * kMm, y_mm * kMm);
    for (int stroke = 0; stroke < 5; ++stroke) {
      const cv::Point2d a = origin + cv::Point2d(jitter(random) * 3 * kMm, jitter(random) * 3 * kMm);
      const cv::Point2d b = origin + cv::Point2d(jitter(random) * 3 * kMm, jitter(random) * 3 * kMm);
      cv::line(card, a, b, colour, static_cast<int>(0.45 * kMm), cv::LINE_AA);
    }
  }
  if (drop_out > 0) {  // graphite only on the paper's peaks: holes in the strokes
    std::uniform_real_distribution<double> chance(0, 1);
    for (int y = 0; y < card.rows; ++y) {
      for (int x = 0; x < card.cols; ++x) {
        auto& p = card.at<cv::Vec3b>(y, x);
        if (p[0] < 240 && chance(random) < drop_out) p = cv::Vec3b(235, 235, 235);
      }
    }
  }
}

const Evidence& CheckNamed(const EvidenceReport& report, const std::string& check) {
  const auto found =
      std::find_if(report.checks.begin(), report.checks.end(), [&](const Evidence& e) { return e.check == check; });
  EXPECT_NE(found, report.checks.end()) << check;
  return *found;
}

TEST(CheckEvidence, ABlankCardHasNoName) {
  const EvidenceReport report = CheckEvidence(BlankCard(), kDpi, NothingRead());
  EXPECT_EQ(report.name_present, Finding::kFail);
  const Evidence& name = CheckNamed(report, "name_present");
  EXPECT_EQ(name.finding, Finding::kFail);
  EXPECT_FALSE(name.message_ja.empty());
}

TEST(CheckEvidence, BlueHandwritingIsANameInInk) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar(160, 60, 30));
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(report.name_present, Finding::kPass);
  EXPECT_EQ(report.name_in_pencil, Finding::kPass);
  const Evidence& name = CheckNamed(report, "name_present");
  EXPECT_GT(name.region[0], 0.1);  // it points at the writing, not at the whole card
  EXPECT_LT(name.region[2], 0.9);
}

TEST(CheckEvidence, LightGrainyGreyWritingIsPencil) {
  cv::Mat card = BlankCard();
  cv::putText(card, "PRINTED", cv::Point(static_cast<int>(10 * kMm), static_cast<int>(12 * kMm)),
              cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar::all(20), 4);  // the card's own black
  Scribble(card, cv::Scalar::all(150), 0.35);
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine printed;
  printed.text = "PRINTED";
  printed.confidence = 0.95;
  printed.symbols.push_back({"P",
                             cv::Rect(static_cast<int>(9 * kMm), static_cast<int>(4 * kMm), static_cast<int>(60 * kMm),
                                      static_cast<int>(10 * kMm)),
                             0.95});
  reading.ocr.lines.push_back(printed);
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
  EXPECT_EQ(report.name_in_pencil, Finding::kFail);
  EXPECT_LT(*CheckNamed(report, "name_instrument").value, 0.6);
}

/// One OCR line over the scribble, each character read at .9, the line as a whole at `line_confidence`.
read::CertificateReading ScribbleReadAs(const std::string& text, double line_confidence) {
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine line;
  line.text = text;
  line.confidence = line_confidence;
  for (int character = 0; character < 4; ++character) {
    const cv::Rect box(static_cast<int>((21 + 9 * character) * kMm), static_cast<int>(26 * kMm),
                       static_cast<int>(8 * kMm), static_cast<int>(8 * kMm));
    line.symbols.push_back({"X", box, 0.9});
    line.box |= box;
  }
  reading.ocr.lines.push_back(line);
  return reading;
}

/// Whether a name is found on a black scribble the OCR read as `text` (see ScribbleReadAs).
Finding NameOnAScribbleReadAs(const std::string& text, double line_confidence) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));
  return CheckEvidence(card, kDpi, ScribbleReadAs(text, line_confidence)).name_present;
}

TEST(CheckEvidence, HandwritingReadAsSureCharactersOfANonsenseLineIsStillAName) {
  EXPECT_EQ(NameOnAScribbleReadAs("TIWU大", 0.34), Finding::kPass);
}

TEST(CheckEvidence, PrintTheOcrDoubtsIsStillPrintWhenItsWordsSaySo) {
  EXPECT_EQ(NameOnAScribbleReadAs("会長遠藤虹理", 0.46), Finding::kFail);
}

cv::Rect Mm(double x0, double y0, double x1, double y1) {
  return {cv::Point(static_cast<int>(x0 * kMm), static_cast<int>(y0 * kMm)),
          cv::Point(static_cast<int>(x1 * kMm), static_cast<int>(y1 * kMm))};
}

/// A line of print the OCR read surely, as one symbol over `box`.
ocr::OcrLine PrintedLine(const std::string& text, const cv::Rect& box) {
  ocr::OcrLine line;
  line.text = text;
  line.confidence = 0.95;
  line.box = box;
  line.symbols.push_back({text, box, 0.95});
  return line;
}

TEST(CheckEvidence, ARoundSealIsNoNameEvenWherePrintCutsItsRim) {
  cv::Mat card = BlankCard();
  cv::circle(card, cv::Point(static_cast<int>(70 * kMm), static_cast<int>(38 * kMm)), static_cast<int>(6 * kMm),
             cv::Scalar::all(110), static_cast<int>(0.5 * kMm), cv::LINE_AA);
  read::CertificateReading reading = NothingRead();
  reading.ocr.lines.push_back(PrintedLine("会長 山本 智子", Mm(20, 41, 86, 50)));  // the issuer's line, under it
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kFail);
}

TEST(CheckEvidence, ANameFieldInATableEndsAtItsRowsRules) {
  cv::Mat card = BlankCard();
  for (double y : {20.0, 30.0, 42.0}) {
    cv::line(card, Mm(8, y, 86, y).tl(), Mm(8, y, 86, y).br(), cv::Scalar::all(20), static_cast<int>(0.3 * kMm));
  }
  Scribble(card, cv::Scalar(160, 60, 30), 0, 25);  // the name, in its row
  // The next row's print, which the OCR did not read: more ink than the name.
  cv::putText(card, "PRINTED", Mm(24, 39, 80, 40).tl(), cv::FONT_HERSHEY_SIMPLEX, 3.0, cv::Scalar::all(20),
              static_cast<int>(0.5 * kMm));
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine label = PrintedLine("氏名", Mm(10, 21, 20, 29));
  label.symbols = {{"氏", Mm(10, 21, 15, 29), 0.95}, {"名", Mm(15, 21, 20, 29), 0.95}};
  reading.ocr.lines.push_back(label);
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
  EXPECT_LT(CheckNamed(report, "name_present").region[3], 30.5 / 55);  // the name's row, not the next one
}

TEST(CheckEvidence, ADateIsPrintEvenWhenTheOcrDoubtsItsLine) {
  EXPECT_EQ(NameOnAScribbleReadAs("会期:2024.8.2324", 0.67), Finding::kFail);
}

TEST(CheckEvidence, DigitsInALineTheOcrMadeNoSenseOfAreNoPrint) {
  EXPECT_EQ(NameOnAScribbleReadAs("TI5000IIIキIt1I1", 0.0), Finding::kPass);
}

TEST(CheckEvidence, ANameReadAsSurelyAsPrintOnALineOfItsOwnBesideTheLabelIsStillAName) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine label = PrintedLine("氏名", Mm(8, 26, 18, 34));
  label.symbols = {{"氏", Mm(8, 26, 13, 34), 0.95}, {"名", Mm(13, 26, 18, 34), 0.95}};
  reading.ocr.lines.push_back(label);
  reading.ocr.lines.push_back(PrintedLine("山田花子", Mm(21, 26, 58, 34)));  // neat writing, read surely
  EXPECT_EQ(CheckEvidence(card, kDpi, reading).name_present, Finding::kPass);
}

TEST(CheckEvidence, TheHonorificOfRunningTextIsNoNameField) {
  cv::Mat card = BlankCard();
  // 貴殿は第1回…: the body's first line; the OCR read it surely, but for its first character.
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine body;
  body.text = "貴殿は第1回";
  body.confidence = 0.9;
  int x = 10;
  for (const char* character : {"貴", "殿", "は", "第", "1", "回"}) {
    cv::putText(card, "W", Mm(x, 34, x + 1, 35).tl(), cv::FONT_HERSHEY_SIMPLEX, 2.2, cv::Scalar::all(20),
                static_cast<int>(0.5 * kMm));
    const bool doubted = std::string(character) == "貴";
    body.symbols.push_back({character, Mm(x - 0.5, 28, x + 6.5, 35), doubted ? 0.5 : 0.95});
    body.box |= body.symbols.back().box;
    x += 7;
  }
  reading.ocr.lines.push_back(body);
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_NE(report.name_present, Finding::kPass);
}

TEST(CheckEvidence, AnHonorificEndsTheNameLineThoughABordersPatternIsReadFarBeyondIt) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));
  // The label read as garbage, then 殿, then a glyph the OCR made of the border 14 mm further on.
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine line;
  line.text = "民独殿略";
  const std::vector<std::pair<const char*, cv::Rect>> symbols = {
      {"民", Mm(4, 27, 9, 33)}, {"独", Mm(9, 27, 14, 33)}, {"殿", Mm(66, 27, 72, 33)}, {"略", Mm(86, 27, 90, 33)}};
  for (const auto& [character, box] : symbols) {
    line.symbols.push_back({character, box, 0.8});
    line.box |= box;
  }
  reading.ocr.lines.push_back(line);
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
  EXPECT_NE(CheckNamed(report, "name_present").message_ja.find("氏名欄"), std::string::npos);  // the field's
}

TEST(CheckEvidence, ALoneSquareGlyphIsNoName) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30), 0, 30, 1);  // a printed 殿 the OCR missed looks like this
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_NE(report.name_present, Finding::kPass);
}

TEST(CheckEvidence, PrintReachingOutOfTheLineItWasReadInIsNoName) {
  // A logo the OCR read as letters of the heading beside it; its arc hangs below the line's box.
  cv::Mat card = BlankCard();
  const cv::Point centre(static_cast<int>(20 * kMm), static_cast<int>(12 * kMm));
  cv::circle(card, centre, static_cast<int>(3 * kMm), cv::Scalar::all(40), static_cast<int>(1.2 * kMm));
  cv::ellipse(card, centre, cv::Size(static_cast<int>(8 * kMm), static_cast<int>(8 * kMm)), 0, 10, 170,
              cv::Scalar::all(40), static_cast<int>(1.0 * kMm));
  read::CertificateReading reading = NothingRead();
  ocr::OcrLine heading;
  heading.text = "NO 日本消化器内視鏡技師会";
  heading.confidence = 0.9;
  heading.box = cv::Rect(static_cast<int>(12 * kMm), static_cast<int>(7 * kMm), static_cast<int>(70 * kMm),
                         static_cast<int>(11 * kMm));
  for (int i = 0; i < 14; ++i) {
    heading.symbols.push_back({"X",
                               cv::Rect(heading.box.x + i * static_cast<int>(5 * kMm), heading.box.y,
                                        static_cast<int>(5 * kMm), heading.box.height),
                               0.9});
  }
  reading.ocr.lines.push_back(heading);
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_NE(report.name_present, Finding::kPass);
}

TEST(CheckEvidence, ATitleTheLargePrintLookReadsIsPrint) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));  // 参 加 証, letter-spaced: the block reading missed it
  read::CertificateReading reading = NothingRead();
  reading.large_print = ScribbleReadAs("参加証", 0.93).ocr;
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kFail);
}

TEST(CheckEvidence, ANameTheLargePrintLookReadsSurelyIsStillAName) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));
  read::CertificateReading reading = NothingRead();
  reading.large_print = ScribbleReadAs("池田優子", 0.9).ocr;
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
}

TEST(CheckEvidence, ALoneTitleCharacterInAGarbledReadingOfTheNameIsNoSignOfPrint) {
  cv::Mat card = BlankCard();
  Scribble(card, cv::Scalar::all(30));
  read::CertificateReading reading = NothingRead();
  reading.large_print = ScribbleReadAs("証memy織", 0.0).ocr;  // 証 of the label's 氏, and the name
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
}

TEST(CheckEvidence, TwoWritingsOneInPencilOneInInkAreForAPersonToJudge) {
  cv::Mat card = BlankCard();
  cv::putText(card, "PRINTED", Mm(10, 12, 11, 13).tl(), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar::all(20), 4);
  Scribble(card, cv::Scalar::all(150), 0.35, 27);  // the name, in pencil
  Scribble(card, cv::Scalar::all(20), 0, 44, 3);   // an unread printed label, as black as print
  read::CertificateReading reading = NothingRead();
  reading.ocr.lines.push_back(PrintedLine("PRINTED", Mm(9, 4, 69, 14)));
  const EvidenceReport report = CheckEvidence(card, kDpi, reading);
  EXPECT_EQ(report.name_present, Finding::kPass);
  EXPECT_EQ(report.name_in_pencil, Finding::kInconclusive);
  EXPECT_FALSE(CheckNamed(report, "name_instrument").message_ja.empty());
}

TEST(CheckEvidence, ACopierLidShadowIsACopySign) {
  cv::Mat card = BlankCard();
  card(cv::Rect(0, 0, static_cast<int>(3 * kMm), card.rows)).setTo(cv::Scalar::all(150));
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_NE(std::find(report.copy_signs.begin(), report.copy_signs.end(), "edge_shadow"), report.copy_signs.end());
  EXPECT_EQ(CheckNamed(report, "copy_edge_shadow").finding, Finding::kFail);
  EXPECT_NE(report.copy, Finding::kPass);  // one sign alone: a person looks
}

TEST(CheckEvidence, ABandPrintedToTheEdgeWithLetteringInItIsNoCopySign) {
  cv::Mat card = BlankCard();
  // A name card's header: a dark band 12 mm deep along the top, the meeting's name in white on it.
  card(cv::Rect(0, 0, card.cols, static_cast<int>(12 * kMm))).setTo(cv::Scalar::all(70));
  cv::putText(card, "THE 92ND MEETING", Mm(12, 6, 13, 7).tl(), cv::FONT_HERSHEY_SIMPLEX, 2.0, cv::Scalar::all(245),
              static_cast<int>(0.4 * kMm));
  cv::putText(card, "Tokyo 2024.5.11-12 on site", Mm(12, 10.5, 13, 11).tl(), cv::FONT_HERSHEY_SIMPLEX, 0.9,
              cv::Scalar::all(245), 2);
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_TRUE(report.copy_signs.empty());
  EXPECT_EQ(report.copy, Finding::kPass);
}

TEST(CheckEvidence, AFramePrintedAlongTheCutIsNoCopySign) {
  cv::Mat card = BlankCard();
  // A postcard's double frame: a 1 mm purple rule 1.5 mm inside the cut and a thin one inside it.
  const auto frame = [&](double inset_mm, double width_mm) {
    const cv::Rect outline = Mm(inset_mm, inset_mm, 91 - inset_mm, 55 - inset_mm);
    cv::rectangle(card, outline, cv::Scalar(110, 40, 100), static_cast<int>(width_mm * kMm));
  };
  frame(2.0, 1.0);
  frame(3.2, 0.3);
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(CheckNamed(report, "copy_edge_shadow").finding, Finding::kPass);
}

TEST(CheckEvidence, ALidShadowWhoseInnerSideRunsAslantIsStillACopySign) {
  cv::Mat card = BlankCard();
  // The original lay a little crooked on the glass: the lid's dark runs 4 mm in at the top of
  // the left side and 8 mm in at its bottom.
  const std::vector<cv::Point> shadow = {
      {0, 0}, {static_cast<int>(4 * kMm), 0}, {static_cast<int>(8 * kMm), card.rows}, {0, card.rows}};
  cv::fillConvexPoly(card, shadow, cv::Scalar::all(150));
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(CheckNamed(report, "copy_edge_shadow").finding, Finding::kFail);
}

/// `count` toner-sized dots (0.2 mm, dark grey) scattered over the card, away from its cut edges.
void Specks(cv::Mat& card, int count) {
  std::mt19937 random(11);
  std::uniform_int_distribution<int> x(static_cast<int>(5 * kMm), card.cols - static_cast<int>(5 * kMm));
  std::uniform_int_distribution<int> y(static_cast<int>(5 * kMm), card.rows - static_cast<int>(5 * kMm));
  for (int i = 0; i < count; ++i) cv::circle(card, cv::Point(x(random), y(random)), 1, cv::Scalar::all(70), cv::FILLED);
}

TEST(CheckEvidence, DenseTonerSpecksAreACopyOnTheirOwn) {
  cv::Mat card = BlankCard();
  Specks(card, 250);
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(CheckNamed(report, "copy_toner_specks").finding, Finding::kFail);
  EXPECT_EQ(report.copy, Finding::kFail);
}

TEST(CheckEvidence, ADarkEdgeBacksUpTonerSpecks) {
  cv::Mat card = BlankCard();
  card(cv::Rect(0, 0, static_cast<int>(3 * kMm), card.rows)).setTo(cv::Scalar::all(150));
  Specks(card, 60);  // more than dust, fewer than a copy on their own
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(report.copy_signs.size(), 2U);
  EXPECT_EQ(report.copy, Finding::kFail);
}

TEST(CheckEvidence, AFewSpecksOfDustProveNothing) {
  cv::Mat card = BlankCard();
  Specks(card, 4);
  const EvidenceReport report = CheckEvidence(card, kDpi, NothingRead());
  EXPECT_EQ(CheckNamed(report, "copy_toner_specks").finding, Finding::kPass);
  EXPECT_EQ(report.copy, Finding::kPass);
}

TEST(CheckEvidence, CleanPaperShowsNoCopySign) {
  const EvidenceReport report = CheckEvidence(BlankCard(), kDpi, NothingRead());
  EXPECT_TRUE(report.copy_signs.empty());
  EXPECT_EQ(report.copy, Finding::kPass);
}

TEST(CheckEvidence, ApplyToWritesTheFindingsIntoTheFacts) {
  EvidenceReport report;
  report.name_present = Finding::kPass;
  report.name_in_pencil = Finding::kFail;
  report.copy = Finding::kInconclusive;
  report.reduced_copy = Finding::kPass;
  rules::CertificateFacts facts;
  ApplyTo(report, facts);
  EXPECT_EQ(facts.name_present, Finding::kPass);
  EXPECT_EQ(facts.name_in_pencil, Finding::kFail);
  EXPECT_EQ(facts.copy, Finding::kInconclusive);
  EXPECT_EQ(facts.reduced_copy, Finding::kPass);
}

}  // namespace
}  // namespace certintake::evidence
