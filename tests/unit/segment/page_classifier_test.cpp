// Recognising the office's blank forms, however the sheet was fed, with the real OCR engine.

#include "certintake/segment/page_classifier.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "certintake/segment/certificate_finder.hpp"

namespace certintake::segment {
namespace {

constexpr double kDpi = 150.0;

class ClassifyPageTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() { engine_ = ocr::MakeTesseractEngine().release(); }
  static void TearDownTestSuite() { delete engine_; }

  /// The blank back page as a scanner stores it after the sheet was turned `degrees` clockwise.
  static PageClassification ClassifyBackPageTurned(int degrees) {
    PageImage page;
    page.dpi = kDpi;
    page.pixels = TurnClockwise(BlankBackPage(kDpi), degrees);
    return ClassifyPage(page, *engine_);
  }

  static ocr::OcrEngine* engine_;
};

ocr::OcrEngine* ClassifyPageTest::engine_ = nullptr;

TEST_F(ClassifyPageTest, RecognisesTheBackPageFedUpright) {
  const PageClassification classification = ClassifyBackPageTurned(0);
  EXPECT_EQ(classification.form, FormKind::kBackPage);
  EXPECT_EQ(classification.rotation_degrees, 0);
}

TEST_F(ClassifyPageTest, TurnsABackPageFedUpsideDownUpright) {
  const PageClassification classification = ClassifyBackPageTurned(180);
  EXPECT_EQ(classification.form, FormKind::kBackPage);
  EXPECT_EQ(classification.rotation_degrees, 180);
}

TEST_F(ClassifyPageTest, TurnsABackPageLaidSidewaysUpright) {
  // Stored turned a quarter clockwise, it needs a quarter anticlockwise (270 clockwise) to stand.
  EXPECT_EQ(ClassifyBackPageTurned(90).rotation_degrees, 270);
  EXPECT_EQ(ClassifyBackPageTurned(270).rotation_degrees, 90);
}

TEST_F(ClassifyPageTest, TellsTheBackPageByItsLayoutWhenItsTitleReadsAsTheFront) {
  PageImage page;
  page.dpi = kDpi;
  page.pixels = BlankBackPage(kDpi).clone();
  // （裏面） smudged away from the title and from the first note beneath it: what is left reads
  // as the front page's title.
  const auto blot = [&](double x0, double y0, double x1, double y1) {
    const cv::Size size = page.pixels.size();
    cv::rectangle(page.pixels, cv::Point2d(x0 * size.width, y0 * size.height),
                  cv::Point2d(x1 * size.width, y1 * size.height), cv::Scalar(255), cv::FILLED);
  };
  blot(0.64, 0.03, 0.80, 0.08);
  blot(0.29, 0.11, 0.37, 0.13);
  EXPECT_EQ(ClassifyPage(page, *engine_).form, FormKind::kBackPage);
}

TEST_F(ClassifyPageTest, LeavesAPlainSheetUnrecognised) {
  PageImage page;
  page.dpi = kDpi;
  page.pixels = cv::Mat(BlankBackPage(kDpi).size(), CV_8UC1, cv::Scalar(240));
  EXPECT_EQ(ClassifyPage(page, *engine_).form, FormKind::kNone);
}

}  // namespace
}  // namespace certintake::segment
