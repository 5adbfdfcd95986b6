// Real Tesseract with Debian's jpn model on rendered certificate lines.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "certintake/core/error.hpp"
#include "certintake/fields/text.hpp"
#include "certintake/ocr/ocr_engine.hpp"
#include "support/scan_files.hpp"

namespace certintake::ocr {
namespace {

using ::testing::HasSubstr;

TEST(TesseractEngine, ReadsPrintedJapaneseCertificateLines) {
  auto engine = MakeTesseractEngine();
  const cv::Mat image = testing::RenderTextLines({"出席証明書", "開催日 2024年5月11日"}, 300, 14);
  const OcrText text = engine->Read(image, 300, Layout::kBlock);
  const std::string normalised = fields::NormaliseOcrText(text.Joined());
  EXPECT_THAT(normalised, HasSubstr("出席証明書"));
  EXPECT_THAT(normalised, HasSubstr("2024年5月11日"));
  ASSERT_EQ(text.lines.size(), 2U);
  EXPECT_GT(text.lines[0].confidence, 0.8);
  EXPECT_LE(text.lines[0].min_confidence, text.lines[0].confidence);
}

TEST(TesseractEngine, GivesLineBoxesInImageCoordinates) {
  auto engine = MakeTesseractEngine();
  const cv::Mat image = testing::RenderTextLines({"上の行", "下の行"}, 300, 14);
  const OcrText text = engine->Read(image, 300, Layout::kBlock);
  ASSERT_EQ(text.lines.size(), 2U);
  EXPECT_LT(text.lines[0].box.y, text.lines[1].box.y);
  EXPECT_TRUE((cv::Rect(0, 0, image.cols, image.rows) & text.lines[1].box) == text.lines[1].box);
}

TEST(OcrText, ScaledPutsAReducedImagesBoxesBackOnTheOriginal) {
  OcrText text;
  text.lines.push_back({"参加証", cv::Rect(10, 20, 30, 5), 0.9, 0.9, {{"参", cv::Rect(10, 20, 10, 5), 0.9}}});
  const OcrText scaled = text.Scaled(3.0);
  EXPECT_EQ(scaled.lines[0].box, cv::Rect(30, 60, 90, 15));
  EXPECT_EQ(scaled.lines[0].symbols[0].box, cv::Rect(30, 60, 30, 15));
  EXPECT_EQ(scaled.lines[0].text, "参加証");
}

TEST(TesseractEngine, ReadsNothingFromABlankImage) {
  auto engine = MakeTesseractEngine();
  const cv::Mat blank(200, 600, CV_8UC1, cv::Scalar(255));
  EXPECT_TRUE(engine->Read(blank, 300, Layout::kBlock).lines.empty());
}

TEST(TesseractEngine, NamesTheMissingModelFile) {
  try {
    MakeTesseractEngine({.tessdata = "/nonexistent", .language = "jpn"});
    FAIL();
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kUsage);
    EXPECT_THAT(std::string(error.what()), HasSubstr("/nonexistent/jpn.traineddata not found"));
  }
}

TEST(TesseractEngine, SaysWhichEngineAndModelItIs) {
  EXPECT_THAT(MakeTesseractEngine()->Version(), HasSubstr("tesseract 5."));
}

}  // namespace
}  // namespace certintake::ocr
