#include "certintake/load/scan_reader.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <opencv2/imgcodecs.hpp>

#include "certintake/core/error.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::load {
namespace {

using ::testing::HasSubstr;
using testing::MakePage;
using ::testing::StartsWith;
using testing::TempDir;
using testing::WriteFile;

std::string OpenError(const std::filesystem::path& file, const LoadLimits& limits = {}) {
  try {
    OpenScan(file, limits);
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::kInput);
    return error.what();
  }
  return "no error";
}

TEST(OpenScan, RendersAScannerPdfPageAtTheResolutionOfItsImage) {
  TempDir dir;
  testing::WriteScannerPdf(dir / "batch.pdf", {MakePage(200), MakePage(200)}, 200);
  auto reader = OpenScan(dir / "batch.pdf");
  ASSERT_EQ(reader->PageCount(), 2);
  const PageImage page = reader->ReadPage(2);
  EXPECT_EQ(page.index, 2);
  EXPECT_EQ(page.dpi, 200);
  EXPECT_EQ(page.dpi_source, DpiSource::kFile);
  EXPECT_NEAR(page.pixels.cols, MakePage(200).cols, 2);
}

TEST(OpenScan, KeepsAGreyScanGreyAndAColourScanColour) {
  TempDir dir;
  testing::WriteScannerPdf(dir / "batch.pdf", {MakePage(100, false), MakePage(100, true)}, 100);
  auto reader = OpenScan(dir / "batch.pdf");
  EXPECT_FALSE(reader->ReadPage(1).IsColour());
  EXPECT_TRUE(reader->ReadPage(2).IsColour());
}

TEST(OpenScan, ReadsEveryPageOfAMultiPageTiffWithItsResolution) {
  TempDir dir;
  testing::WriteTiff(dir / "batch.tif", {MakePage(150), MakePage(150, true), MakePage(150)}, 150);
  auto reader = OpenScan(dir / "batch.tif");
  ASSERT_EQ(reader->PageCount(), 3);
  const PageImage page = reader->ReadPage(2);
  EXPECT_EQ(page.dpi, 150);
  EXPECT_EQ(page.dpi_source, DpiSource::kFile);
  EXPECT_TRUE(page.IsColour());
  EXPECT_EQ(page.pixels.size(), MakePage(150).size());
}

TEST(OpenScan, AssumesThreeHundredDpiWhenAnImageGivesNone) {
  TempDir dir;
  cv::imwrite((dir / "page.png").string(), MakePage(100));
  auto reader = OpenScan(dir / "page.png");
  ASSERT_EQ(reader->PageCount(), 1);
  const PageImage page = reader->ReadPage(1);
  EXPECT_EQ(page.dpi, 300);
  EXPECT_EQ(page.dpi_source, DpiSource::kAssumed);
}

TEST(OpenScan, ReadsAJpegPage) {
  TempDir dir;
  cv::imwrite((dir / "page.jpg").string(), MakePage(100, true));
  EXPECT_EQ(OpenScan(dir / "page.jpg")->ReadPage(1).pixels.size(), MakePage(100).size());
}

TEST(OpenScan, RecognisesAFileByItsContentNotItsName) {
  TempDir dir;
  cv::imwrite((dir / "page.png").string(), MakePage(100));
  std::filesystem::rename(dir / "page.png", dir / "page.pdf");
  EXPECT_EQ(DetectScanFormat(dir / "page.pdf"), ScanFormat::kPng);
}

TEST(OpenScan, RejectsAnEmptyFile) {
  TempDir dir;
  WriteFile(dir / "empty.pdf", "");
  EXPECT_EQ(OpenError(dir / "empty.pdf"), "empty file (0 bytes): nothing was scanned into it; scan the pages again");
}

TEST(OpenScan, RejectsACorruptPdfNamingTheDamage) {
  TempDir dir;
  WriteFile(dir / "corrupt.pdf", "%PDF-1.4\n1 0 obj garbage\n");
  EXPECT_THAT(OpenError(dir / "corrupt.pdf"), StartsWith("not a readable PDF: "));
  EXPECT_THAT(OpenError(dir / "corrupt.pdf"), HasSubstr("damaged"));
}

TEST(OpenScan, RejectsATruncatedTiff) {
  TempDir dir;
  testing::WriteTiff(dir / "full.tif", {MakePage(100), MakePage(100)}, 100);
  const std::string bytes = testing::ReadFile(dir / "full.tif");
  WriteFile(dir / "cut.tif", bytes.substr(0, bytes.size() / 3));
  std::string message;
  try {
    auto reader = OpenScan(dir / "cut.tif");
    for (int page = 1; page <= reader->PageCount(); ++page) {
      reader->ReadPage(page);
    }
  } catch (const Error& error) {
    message = error.what();
  }
  EXPECT_THAT(message, ::testing::AnyOf(StartsWith("not a readable TIFF: "), StartsWith("the page cannot be")));
}

TEST(OpenScan, RejectsAnUnsupportedFileNamingItsExtension) {
  TempDir dir;
  WriteFile(dir / "letter.docx", "PK\x03\x04 zip content");
  EXPECT_EQ(OpenError(dir / "letter.docx"),
            "unsupported file type '.docx': certintake reads PDF, TIFF, PNG and JPEG scans");
}

TEST(OpenScan, RejectsAFileWhoseContentDoesNotMatchItsScanExtension) {
  TempDir dir;
  WriteFile(dir / "scan.PDF", "garbage");
  EXPECT_EQ(OpenError(dir / "scan.PDF"),
            "the file is named .pdf but its content is not a PDF; it may be damaged or incompletely copied");
}

TEST(OpenScan, RejectsAPageOverThePixelLimit) {
  TempDir dir;
  cv::imwrite((dir / "page.png").string(), MakePage(100));
  LoadLimits limits;
  limits.max_pixels = 1000;
  EXPECT_THAT(OpenError(dir / "page.png", limits), StartsWith("the page is too large (827 x 1169 pixels"));
}

}  // namespace
}  // namespace certintake::load
