// Reading rendered certificates with the real OCR engine.

#include "certintake/read/certificate_reader.hpp"

#include <cmath>
#include <numbers>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "certintake/fields/text.hpp"
#include "support/scan_files.hpp"
#include "unit/rules/test_catalog.hpp"

namespace certintake::read {
namespace {

using rules::Attendance;
using rules::Kind;

class ReadCertificateTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    engine_ = ocr::MakeTesseractEngine().release();
    catalog_ = new rules::Catalog(rules::testing::DefaultCatalog());
  }
  static void TearDownTestSuite() {
    delete engine_;
    delete catalog_;
  }

  static CertificateReading Read(const cv::Mat& crop) { return ReadCertificate(crop, 300, *engine_, *catalog_); }

  static cv::Mat AttendanceCertificate() {
    return testing::RenderTextLines(
        {"出席証明書", "山田 花子 殿", "第90回日本消化器内視鏡技師学会", "開催日 2024年5月11日(土) 現地参加",
         "上記の学会に出席したことを証明します", "日本消化器内視鏡技師会 会長 佐藤 一郎"},
        300, 11);
  }

  static ocr::OcrEngine* engine_;
  static rules::Catalog* catalog_;
};

ocr::OcrEngine* ReadCertificateTest::engine_ = nullptr;
rules::Catalog* ReadCertificateTest::catalog_ = nullptr;

TEST_F(ReadCertificateTest, ReadsEveryFieldOfAnAttendanceCertificate) {
  const CertificateReading reading = Read(AttendanceCertificate());
  EXPECT_EQ(reading.kind.kind, Kind::kAttendance);
  EXPECT_EQ(reading.event.event_id, "jgets-national");
  EXPECT_EQ(reading.event.edition, 90);
  ASSERT_TRUE(reading.date);
  EXPECT_EQ(reading.date->value, "2024-05-11");
  EXPECT_EQ(reading.attendance, Attendance::kOnsite);
  EXPECT_FALSE(reading.unreadable);
  EXPECT_THAT(reading.issuer, ::testing::HasSubstr("会長"));
}

TEST_F(ReadCertificateTest, TrustsAClearlyReadCertificate) {
  const rules::CertificateFacts facts = ToFacts(Read(AttendanceCertificate()));
  EXPECT_TRUE(facts.kind_sure);
  EXPECT_TRUE(facts.event_sure);
  EXPECT_TRUE(facts.date_sure);
}

TEST_F(ReadCertificateTest, ReadsACertificatePastedUpsideDown) {
  cv::Mat turned;
  cv::rotate(AttendanceCertificate(), turned, cv::ROTATE_180);
  const CertificateReading reading = Read(turned);
  EXPECT_EQ(reading.rotation_degrees, 180);
  EXPECT_EQ(reading.event.event_id, "jgets-national");
}

TEST_F(ReadCertificateTest, ReadsACertificatePastedSideways) {
  cv::Mat turned;
  cv::rotate(AttendanceCertificate(), turned, cv::ROTATE_90_COUNTERCLOCKWISE);
  const CertificateReading reading = Read(turned);
  EXPECT_EQ(reading.rotation_degrees, 90);
  EXPECT_EQ(reading.event.event_id, "jgets-national");
}

/// The real engine, counting the readings asked of it.
class CountingEngine final : public ocr::OcrEngine {
 public:
  explicit CountingEngine(ocr::OcrEngine& engine) : engine_(engine) {}
  ocr::OcrText Read(const cv::Mat& image, double dpi, ocr::Layout layout) override {
    ++readings;
    return engine_.Read(image, dpi, layout);
  }
  [[nodiscard]] std::string Version() const override { return engine_.Version(); }
  int readings = 0;

 private:
  ocr::OcrEngine& engine_;
};

TEST_F(ReadCertificateTest, LeavesUnturnedAnUprightPieceWhoseBorderReadsAsNonsense) {
  // A guilloche border reads as lines of nonsense, which outnumber the certificate's own text.
  const cv::Mat bordered = testing::RenderTextLines(
      {"ABCDEFGHIJKLMNOPQRSTUVWXYZ", "出席証明書", "第90回日本消化器内視鏡技師学会", "ZYXWVUTSRQPONMLKJIHGFEDCBA",
       "開催日 2024年5月11日(土) 現地参加", "ABCDEFGHIJKLMNOPQRSTUVWXYZ", "上記の学会に出席したことを証明します",
       "日本消化器内視鏡技師会 会長 佐藤 一郎", "ZYXWVUTSRQPONMLKJIHGFEDCBA", "ABCDEFGHIJKLMNOPQRSTUVWXYZ"},
      300, 11);
  CountingEngine engine(*engine_);
  const CertificateReading reading = ReadCertificate(bordered, 300, engine, *catalog_);
  EXPECT_EQ(reading.rotation_degrees, 0);
  EXPECT_EQ(reading.event.event_id, "jgets-national");
  EXPECT_EQ(engine.readings, 2);  // the block and the large print, no turned readings
}

/// The real engine, keeping the first image it was asked to read.
class RecordingEngine final : public ocr::OcrEngine {
 public:
  explicit RecordingEngine(ocr::OcrEngine& engine) : engine_(engine) {}
  ocr::OcrText Read(const cv::Mat& image, double dpi, ocr::Layout layout) override {
    if (first.empty()) first = image.clone();
    return engine_.Read(image, dpi, layout);
  }
  [[nodiscard]] std::string Version() const override { return engine_.Version(); }
  cv::Mat first;

 private:
  ocr::OcrEngine& engine_;
};

/// `text` in an award-style frame: a rule at the cut and one 7 mm in, guilloche waves between.
cv::Mat InOrnamentalFrame(const cv::Mat& text) {
  const int mm = 12;  // pixels at 300 dpi, near enough
  cv::Mat framed;
  cv::copyMakeBorder(text, framed, 8 * mm, 8 * mm, 8 * mm, 8 * mm, cv::BORDER_CONSTANT, cv::Scalar(255));
  const auto band_point = [&](int along, double offset) {  // `along` the band's midline, clockwise
    const int mid = 4 * mm;
    const int width = framed.cols - 2 * mid;
    const int height = framed.rows - 2 * mid;
    const int out = static_cast<int>(std::lround(offset));
    if (along < width) return cv::Point(mid + along, mid - out);
    along -= width;
    if (along < height) return cv::Point(framed.cols - mid + out, mid + along);
    along -= height;
    if (along < width) return cv::Point(framed.cols - mid - along, framed.rows - mid + out);
    along -= width;
    return cv::Point(mid - out, framed.rows - mid - along);
  };
  const int perimeter = 2 * (framed.cols + framed.rows - 16 * mm);
  for (int wave = 0; wave < 4; ++wave) {
    const auto offset = [&](int at) { return 2.9 * mm * std::sin(at * 2 * std::numbers::pi / (3.5 * mm) + wave); };
    for (int along = 1; along < perimeter; ++along) {
      cv::line(framed, band_point(along - 1, offset(along - 1)), band_point(along, offset(along)), cv::Scalar(40));
    }
  }
  cv::rectangle(framed, cv::Rect(mm / 2, mm / 2, framed.cols - mm, framed.rows - mm), cv::Scalar(40), 4);
  cv::rectangle(framed, cv::Rect(7 * mm, 7 * mm, framed.cols - 14 * mm, framed.rows - 14 * mm), cv::Scalar(40), 3);
  return framed;
}

TEST_F(ReadCertificateTest, PaintsOutTheOrnamentOutsideAPrintedFrame) {
  // Guilloche beside sparse lines reads as rows of nonsense that break the lines apart.
  const cv::Mat framed = InOrnamentalFrame(AttendanceCertificate());
  RecordingEngine engine(*engine_);
  const CertificateReading reading = ReadCertificate(framed, 300, engine, *catalog_);
  const int mm = 12;
  EXPECT_EQ(cv::countNonZero(engine.first(cv::Rect(0, 0, framed.cols, 7 * mm)) < 200), 0);  // the band, white
  EXPECT_EQ(reading.event.event_id, "jgets-national");                                      // the text, kept
}

TEST_F(ReadCertificateTest, KeepsTheTitleAboveATableThatFillsThePiece) {
  // Ruled along all four sides like a frame, but rows meet its sides: a table, with the title
  // above it.
  cv::Mat table =
      testing::RenderTextLines({"出席証明書", "学会名　第90回日本消化器内視鏡技師学会", "開催日　2024年5月11日",
                                "参加形態　現地参加", "会場　東京国際フォーラム", "主催　日本消化器内視鏡技師会",
                                "氏名　山田 花子", "会員番号　123456", "発行日　2024年5月12日", "備考　なし"},
                               300, 11);
  const double p = 11 * 300 / 72.0;  // the font's size in pixels; RenderTextLines puts baselines 1.8 apart
  const int top = static_cast<int>(p * 1.8 + 0.45 * p);
  const int bottom = static_cast<int>(p * 1.8 * 10 + 0.45 * p);
  for (int row = 1; row <= 10; ++row) {
    const int y = static_cast<int>(p * 1.8 * row + 0.45 * p);
    cv::line(table, {static_cast<int>(0.5 * p), y}, {table.cols - static_cast<int>(0.5 * p), y}, cv::Scalar(0), 4);
  }
  for (const int x : {static_cast<int>(0.5 * p), table.cols - static_cast<int>(0.5 * p)}) {
    cv::line(table, {x, top}, {x, bottom}, cv::Scalar(0), 4);
  }
  RecordingEngine engine(*engine_);
  const CertificateReading reading = ReadCertificate(table, 300, engine, *catalog_);
  EXPECT_GT(cv::countNonZero(engine.first(cv::Rect(0, 0, table.cols, top - 4)) < 128), 0);
  EXPECT_EQ(reading.kind.kind, Kind::kAttendance);
}

TEST_F(ReadCertificateTest, ReadsThroughARedSeal) {
  cv::Mat colour;
  cv::cvtColor(AttendanceCertificate(), colour, cv::COLOR_GRAY2BGR);
  cv::circle(colour, cv::Point(colour.cols / 3, colour.rows * 5 / 6), 60, cv::Scalar(40, 40, 220), 8);
  EXPECT_EQ(Read(colour).event.event_id, "jgets-national");
}

TEST_F(ReadCertificateTest, ReadsTheRowsOfARuledTable) {
  // A web print-out's table: Tesseract drops ruled rows unless the rules are taken out first.
  cv::Mat table = testing::RenderTextLines({"出席証明書", "学会名　　　　第90回日本消化器内視鏡技師学会",
                                            "視聴日　　　　2024年5月11日", "参加形態　　　Web参加"},
                                           300, 11);
  const double p = 11 * 300 / 72.0;  // the font's size in pixels; RenderTextLines puts baselines 1.8 apart
  const auto rule = [&](cv::Point from, cv::Point to) { cv::line(table, from, to, cv::Scalar(0), 4); };
  for (int row = 1; row <= 4; ++row) {
    const int y = static_cast<int>(p * 1.8 * row + 0.45 * p);
    rule({static_cast<int>(0.5 * p), y}, {table.cols - static_cast<int>(0.5 * p), y});
  }
  const int top = static_cast<int>(p * 1.8 + 0.45 * p);
  const int bottom = static_cast<int>(p * 1.8 * 4 + 0.45 * p);
  for (const double x : {0.5 * p, 5.5 * p, 23.5 * p}) {
    rule({static_cast<int>(x), top}, {static_cast<int>(x), bottom});
  }
  const CertificateReading reading = Read(table);
  EXPECT_EQ(reading.attendance, Attendance::kWeb);
  ASSERT_TRUE(reading.date);
  EXPECT_EQ(reading.date->value, "2024-05-11");
}

TEST_F(ReadCertificateTest, CallsAttendingACourseTheCatalogListsTakingIt) {
  const CertificateReading reading =
      Read(testing::RenderTextLines({"山田 花子 殿", "消化器内視鏡機器取扱い講習会（基礎編）",
                                     "上記の者は、標記の講習会に参加したことを証明いたします。"},
                                    300, 11));
  EXPECT_EQ(reading.event.event_id, "equipment-basic");
  EXPECT_EQ(reading.kind.kind, Kind::kCourse);
}

TEST_F(ReadCertificateTest, ReadsAReceipt) {
  const CertificateReading reading = Read(testing::RenderTextLines(
      {"領収書", "山田 花子 様", "¥5,000-", "但し 第90回日本消化器内視鏡技師学会 参加費として"}, 300, 11));
  EXPECT_EQ(reading.kind.kind, Kind::kReceipt);
}

/// A reading whose title line names no catalog event: read at `line_confidence`, and at best
/// `similarity` like a catalog name.
CertificateReading OtherEvent(double similarity, double line_confidence) {
  CertificateReading reading;
  ocr::OcrLine line;
  line.text = "第12回北海道臨床工学会";
  line.confidence = line_confidence;
  reading.ocr.lines.push_back(line);
  reading.text = line.text;
  reading.text_confidence = line_confidence;
  reading.event.matched_text = line.text;
  reading.event.confidence = similarity;
  return reading;
}

TEST(ToFacts, AClearlyReadEventLikeNoCatalogNameIsSurelyUnknown) {
  EXPECT_TRUE(ToFacts(OtherEvent(0.4, 0.95)).event_sure);
}

TEST(ToFacts, AnEventNearlyLikeACatalogNameIsNotSurelyUnknown) {
  EXPECT_FALSE(ToFacts(OtherEvent(0.8, 0.95)).event_sure);
}

TEST(ToFacts, AnEventReadPoorlyIsNotSurelyUnknown) {
  EXPECT_FALSE(ToFacts(OtherEvent(0.4, 0.5)).event_sure);
}

TEST(ToFacts, ALineTheLargePrintLookReadSurelyIsClear) {
  CertificateReading reading = OtherEvent(0.4, 0.5);
  reading.large_print = reading.ocr;
  reading.large_print.lines[0].confidence = 0.95;
  EXPECT_TRUE(ToFacts(reading).event_sure);
}

/// A line read as `parts`, each character at its part's confidence; the line's confidence is the
/// mean of its characters', as the engine gives it.
ocr::OcrLine LineOf(const std::vector<std::pair<std::string, double>>& parts) {
  ocr::OcrLine line;
  double sum = 0.0;
  for (const auto& [text, confidence] : parts) {
    line.text += text;
    for (const char32_t c : fields::DecodeUtf8(text)) {
      line.symbols.push_back({fields::EncodeUtf8(std::u32string(1, c)), {}, confidence});
      sum += confidence;
    }
  }
  line.confidence = sum / static_cast<double>(line.symbols.size());
  return line;
}

/// A reading whose one line holds an event's name read surely, then an issuer's name read through
/// a seal as junk; `event_id` is what the name matched, if anything.
CertificateReading NameBesideJunk(std::optional<std::string> event_id) {
  CertificateReading reading;
  const std::string name = "第73回関東消化器内視鏡技師研究会";
  reading.ocr.lines.push_back(LineOf({{name, 0.95}, {" 当番世話人 地証ミ計", 0.1}}));
  reading.text = reading.ocr.lines[0].text;
  reading.text_confidence = reading.ocr.lines[0].confidence;
  reading.event.matched_text = name;
  reading.event.event_id = std::move(event_id);
  reading.event.confidence = reading.event.event_id ? 1.0 : 0.4;
  return reading;
}

TEST(ToFacts, AnEventNameReadSurelyIsSureWhateverElseItsLineHolds) {
  ASSERT_LT(NameBesideJunk("jgets-branch-kanto").ocr.lines[0].confidence, 0.7);
  EXPECT_TRUE(ToFacts(NameBesideJunk("jgets-branch-kanto")).event_sure);
}

TEST(ToFacts, NoEventIsSurelyNamedWhenTheRestOfItsLineReadPoorly) {
  EXPECT_FALSE(ToFacts(NameBesideJunk(std::nullopt)).event_sure);
}

TEST_F(ReadCertificateTest, CallsABlankPieceUnreadable) {
  const cv::Mat blank(400, 800, CV_8UC1, cv::Scalar(250));
  EXPECT_TRUE(Read(blank).unreadable);
  EXPECT_TRUE(ToFacts(Read(blank)).unreadable);
}

}  // namespace
}  // namespace certintake::read
