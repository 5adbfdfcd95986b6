#include "certintake/synth/scan_writer.hpp"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "certintake/load/scan_reader.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::synth {
namespace {

using testing::MakePage;
using testing::TempDir;

ScanEncoding Jpeg(int quality) {
  ScanEncoding encoding;
  encoding.compression = ScanEncoding::Compression::kJpeg;
  encoding.jpeg_quality = quality;
  return encoding;
}

TEST(WriteScannerPdf, StoresJpegPagesThatOpenAtTheirResolution) {
  TempDir dir;
  WriteScannerPdf(dir / "batch.pdf", {MakePage(150, true), MakePage(150, false)}, 150, Jpeg(80));
  auto reader = load::OpenScan(dir / "batch.pdf");
  ASSERT_EQ(reader->PageCount(), 2);
  const PageImage colour = reader->ReadPage(1);
  EXPECT_EQ(colour.dpi, 150);
  EXPECT_TRUE(colour.IsColour());
  EXPECT_NEAR(colour.pixels.cols, MakePage(150).cols, 2);
  EXPECT_FALSE(reader->ReadPage(2).IsColour());
}

TEST(WriteScannerPdf, WritesTheSameBytesForTheSamePages) {
  TempDir dir;
  WriteScannerPdf(dir / "a.pdf", {MakePage(100, true)}, 100, Jpeg(70));
  WriteScannerPdf(dir / "b.pdf", {MakePage(100, true)}, 100, Jpeg(70));
  EXPECT_EQ(testing::ReadFile(dir / "a.pdf"), testing::ReadFile(dir / "b.pdf"));
}

TEST(WriteTiff, StoresJpegCompressedColourPages) {
  TempDir dir;
  WriteTiff(dir / "batch.tif", {MakePage(120, true), MakePage(120, true)}, 120, Jpeg(75));
  auto reader = load::OpenScan(dir / "batch.tif");
  ASSERT_EQ(reader->PageCount(), 2);
  const PageImage page = reader->ReadPage(2);
  EXPECT_EQ(page.dpi, 120);
  EXPECT_TRUE(page.IsColour());
  EXPECT_EQ(page.pixels.size(), MakePage(120).size());
}

TEST(WritePageImage, RecordsTheResolutionInPngAndJpeg) {
  TempDir dir;
  WritePageImage(dir / "page.png", MakePage(200, false), 200);
  WritePageImage(dir / "page.jpg", MakePage(200, true), 200, 80);
  for (const char* name : {"page.png", "page.jpg"}) {
    const PageImage page = load::OpenScan(dir / name)->ReadPage(1);
    EXPECT_EQ(page.dpi, 200) << name;
    EXPECT_EQ(page.dpi_source, DpiSource::kFile) << name;
  }
}

}  // namespace
}  // namespace certintake::synth
