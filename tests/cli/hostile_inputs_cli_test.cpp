// Hostile and broken inputs, the list the office's scanners, mail and spreadsheets can produce.
// Every bad scan goes into one batch with a good one: each gets its exact one-line message, and the
// good file is ingested as if it were alone. Register and history CSVs and the catalog each get
// their own run. To add a case, add a row.

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <tiffio.h>
#include <zlib.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <string>
#include <vector>

#include "cli/run_cli.hpp"
#include "support/scan_files.hpp"
#include "support/temp_dir.hpp"

namespace certintake::testing {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;

std::string Bytes(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void Write(const fs::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

/// A PDF of `objects` (numbered from 1, the first the catalog) with a correct cross-reference table.
std::string PdfOf(const std::vector<std::string>& objects, const std::string& more_trailer = "") {
  std::string pdf = "%PDF-1.4\n";
  std::vector<std::size_t> offsets;
  for (std::size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += fmt::format("{} 0 obj\n{}\nendobj\n", i + 1, objects[i]);
  }
  const std::size_t xref = pdf.size();
  pdf += fmt::format("xref\n0 {}\n0000000000 65535 f \n", objects.size() + 1);
  for (const std::size_t offset : offsets) pdf += fmt::format("{:010d} 00000 n \n", offset);
  pdf += fmt::format("trailer\n<< /Size {} /Root 1 0 R {}>>\nstartxref\n{}\n%%EOF\n", objects.size() + 1, more_trailer,
                     xref);
  return pdf;
}

/// A PDF with one empty page of `width` x `height` points.
std::string PdfWithPageOf(int width, int height) {
  return PdfOf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                fmt::format("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {} {}] >>", width, height)});
}

std::string PdfWithPages(int count) {
  std::vector<std::string> objects = {"<< /Type /Catalog /Pages 2 0 R >>", ""};
  std::string kids;
  for (int i = 0; i < count; ++i) {
    kids += fmt::format("{} 0 R ", i + 3);
    objects.push_back("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>");
  }
  objects[1] = fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>", kids, count);
  return PdfOf(objects);
}

/// Standard security handler, revision 2, with an owner and a user password (not empty).
std::string EncryptedPdf() {
  const std::string key(64, 'a');
  return PdfOf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
                fmt::format("<< /Filter /Standard /V 1 /R 2 /O <{}> /U <{}> /P -4 >>", key, key)},
               "/Encrypt 4 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>] ");
}

std::string Encoded(const cv::Mat& image, const std::string& extension) {
  std::vector<unsigned char> bytes;
  EXPECT_TRUE(cv::imencode(extension, image, bytes));
  return {bytes.begin(), bytes.end()};
}

/// A PNG whose header claims `width` x `height` (its pixel data is a 1x1 image's).
std::string PngClaiming(std::uint32_t width, std::uint32_t height) {
  std::string png = Encoded(cv::Mat(1, 1, CV_8UC1, cv::Scalar(255)), ".png");
  const auto put = [&](std::size_t at, std::uint32_t value) {
    for (int i = 0; i < 4; ++i) png[at + i] = static_cast<char>((value >> (24 - 8 * i)) & 0xff);
  };
  put(16, width);  // IHDR data starts at byte 16: width, height, ...
  put(20, height);
  put(29, static_cast<std::uint32_t>(crc32(0, reinterpret_cast<const Bytef*>(png.data() + 12), 17)));
  return png;
}

/// A one-page TIFF of `width` x `height` with the given sample layout, every sample `value`; only
/// the first `rows` rows are written (all when 0).
void WriteRawTiff(const fs::path& file, int width, int height, int samples, int bits, int photometric, int value,
                  int rows = 0) {
  TIFF* tif = TIFFOpen(file.c_str(), "w");
  ASSERT_NE(tif, nullptr);
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, width);
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, height);
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, samples);
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, bits);
  TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, photometric);
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, 1);
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, 100.0);
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, 100.0);
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  const std::size_t row_bytes = static_cast<std::size_t>(width) * samples * bits / 8;
  std::vector<unsigned char> row(row_bytes, static_cast<unsigned char>(value));
  for (int y = 0; y < (rows > 0 ? rows : height); ++y)
    TIFFWriteScanline(tif, row.data(), static_cast<std::uint32_t>(y), 0);
  TIFFClose(tif);
}

/// One bad input: how to make it, and the line certintake must say about it.
struct BadFile {
  std::string name;
  std::function<void(const fs::path&)> write;
  std::string line;
};

std::vector<BadFile> BadScans() {
  const auto bytes = [](std::string content) { return [content](const fs::path& file) { Write(file, content); }; };
  const cv::Mat page = MakePage(100);
  const std::string pdf = [&] {
    TempDir dir;
    WriteScannerPdf(dir / "p.pdf", {page, page}, 100);
    return Bytes(dir / "p.pdf");
  }();
  const std::string jpeg = Encoded(page, ".jpg");
  const std::string png = Encoded(page, ".png");
  return {
      {"truncated.pdf", bytes(pdf.substr(0, pdf.size() / 2)),
       "error: truncated.pdf: not a readable PDF: PDF document is damaged; the file may be damaged or incompletely "
       "copied"},
      {"encrypted.pdf", bytes(EncryptedPdf()),
       "error: encrypted.pdf: the PDF is password-protected: save it again without a password, or scan the pages "
       "again"},
      {"ten-thousand-pages.pdf", bytes(PdfWithPages(10000)),
       "error: ten-thousand-pages.pdf: the PDF has 10000 pages, more than the limit of 5000; split the batch"},
      {"huge-page.pdf", bytes(PdfWithPageOf(4800, 4800)),
       "error: huge-page.pdf: page 1: the page is too large (20000 x 20000 pixels, limit 150 megapixels)"},
      {"zero-size-page.pdf", bytes(PdfWithPageOf(0, 0)), "zero-size-page.pdf: 1 page -> no application; 1 unassigned"},
      {"no-pages.pdf", bytes(PdfWithPages(0)), "error: no-pages.pdf: the PDF has no pages"},
      {"header-only.pdf", bytes("%PDF-1.7\n"),
       "error: header-only.pdf: not a readable PDF: PDF document is damaged; the file may be damaged or incompletely "
       "copied"},
      {"looping-pages.pdf",
       bytes(PdfOf({"<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [2 0 R] /Count 1 >>"})),
       "error: looping-pages.pdf: page 1: the page cannot be read from the PDF"},
      {"empty.pdf", bytes(""),
       "error: empty.pdf: empty file (0 bytes): nothing was scanned into it; scan the pages again"},
      {"empty.png", bytes(""),
       "empty.png: already ingested as empty.pdf (received 2025-01-15), when it could not be read; skipped"},
      {"empty.tif", bytes(""),
       "empty.tif: already ingested as empty.pdf (received 2025-01-15), when it could not be read; skipped"},
      {"empty.jpg", bytes(""),
       "empty.jpg: already ingested as empty.pdf (received 2025-01-15), when it could not be read; skipped"},
      {"one-pixel.png", bytes(Encoded(cv::Mat(1, 1, CV_8UC1, cv::Scalar(255)), ".png")),
       "error: one-pixel.png: the page is too small to be a scan (1 x 1 pixels, at least 100 x 100)"},
      {"one-pixel.jpg", bytes(Encoded(cv::Mat(1, 1, CV_8UC3, cv::Scalar(255, 255, 255)), ".jpg")),
       "error: one-pixel.jpg: the page is too small to be a scan (1 x 1 pixels, at least 100 x 100)"},
      {"one-pixel-high.png", bytes(Encoded(cv::Mat(1, 2000, CV_8UC1, cv::Scalar(255)), ".png")),
       "error: one-pixel-high.png: the page is too small to be a scan (2000 x 1 pixels, at least 100 x 100)"},
      {"huge.png", bytes(PngClaiming(20000, 20000)),
       "error: huge.png: the page is too large (20000 x 20000 pixels, limit 150 megapixels)"},
      {"truncated.png", bytes(png.substr(0, png.size() / 2)),
       "error: truncated.png: not a readable image: libpng error: Read Error; the file may be damaged or incompletely "
       "copied"},
      {"bad-checksum.png",
       [png](const fs::path& file) {
         std::string damaged = png;
         damaged[damaged.find("IDAT") + 20] ^= 0x55;
         Write(file, damaged);
       },
       "error: bad-checksum.png: not a readable image: libpng error: IDAT: invalid bit length repeat; the file may be "
       "damaged or incompletely copied"},
      {"truncated.jpg", bytes(jpeg.substr(0, jpeg.size() / 2)),
       "error: truncated.jpg: not a readable image: Premature end of JPEG file; the file may be damaged or "
       "incompletely copied"},
      {"garbage-after-end.jpg", bytes(jpeg + std::string(4096, '\x5a')),
       "garbage-after-end.jpg: 1 page -> no application; 1 unassigned"},
      {"cmyk.tif", [](const fs::path& file) { WriteRawTiff(file, 850, 1100, 4, 8, PHOTOMETRIC_SEPARATED, 0); },
       "cmyk.tif: 1 page -> no application; 1 unassigned"},
      {"sixteen-bit.tif",
       [](const fs::path& file) { WriteRawTiff(file, 850, 1100, 1, 16, PHOTOMETRIC_MINISBLACK, 0xff); },
       "sixteen-bit.tif: 1 page -> no application; 1 unassigned"},
      {"sixteen-bit.png", bytes(Encoded(cv::Mat(1100, 850, CV_16UC1, cv::Scalar(65535)), ".png")),
       "sixteen-bit.png: 1 page -> no application; 1 unassigned"},
      {"huge.tif", [](const fs::path& file) { WriteRawTiff(file, 20000, 20000, 1, 8, PHOTOMETRIC_MINISBLACK, 255, 1); },
       "error: huge.tif: page 1: the page is too large (20000 x 20000 pixels, limit 150 megapixels)"},
      {"header-only.tif", bytes(std::string("II*\0\0\0\0\0", 8)),
       "error: header-only.tif: not a readable TIFF: no page could be found in it; the file may be damaged or "
       "incompletely copied"},
      {"text-named.pdf", bytes("Dear office, please find enclosed..."),
       "error: text-named.pdf: the file is named .pdf but its content is not a PDF; it may be damaged or incompletely "
       "copied"},
      {"bitmap-named.png", bytes(Encoded(page, ".bmp")),
       "error: bitmap-named.png: the file is named .png but its content is not a PNG; it may be damaged or "
       "incompletely copied"},
      {"png-named.jpg", bytes(png), "png-named.jpg: 1 page -> no application; 1 unassigned"},
      {"notes.txt", bytes("call the member back"),
       "error: notes.txt: unsupported file type '.txt': certintake reads PDF, TIFF, PNG and JPEG scans"},
      {"photo.heic",
       bytes(std::string("\0\0\0\x18"
                         "ftypheic",
                         12)),
       "error: photo.heic: unsupported file type '.heic': certintake reads PDF, TIFF, PNG and JPEG scans"},
      {"wrong-payload-qr.pdf",
       [](const fs::path& file) { WriteScannerPdf(file, {MakeQrPage("certintake:member:../../etc", 100)}, 100); },
       "warning: wrong-payload-qr.pdf: page 1: QR code 'certintake:member:../../etc' is not a valid separator "
       "(expected certintake:member:<member id>); the page stays with the application before it"},
  };
}

class HostileInputs : public ::testing::Test {
 protected:
  nlohmann::json Export() {
    const CliResult result = RunCli(dir_.path(), {"export"});
    EXPECT_EQ(result.exit_code, 0) << result.err;
    return nlohmann::json::parse(result.out);
  }

  TempDir dir_;
};

TEST_F(HostileInputs, EachBadScanGetsItsOwnLineAndTheGoodFileIsIngestedAsIfAlone) {
  const std::vector<BadFile> cases = BadScans();
  std::vector<std::string> arguments = {"ingest", "--received", "2025-01-15"};
  for (const BadFile& bad : cases) {
    bad.write(dir_ / bad.name);
    arguments.push_back(bad.name);
  }
  WriteScannerPdf(dir_ / "123456.pdf", {MakePage(100)}, 100);
  arguments.push_back("123456.pdf");

  const CliResult result = RunCli(dir_.path(), arguments);

  EXPECT_EQ(result.exit_code, 1);
  for (const BadFile& bad : cases) EXPECT_THAT(result.err, HasSubstr(bad.line + "\n")) << bad.name;
  EXPECT_THAT(result.err, HasSubstr("123456.pdf: 1 page -> member 123456\n"));
}

TEST_F(HostileInputs, FeedingTheSameBadBatchAgainAddsNothing) {
  std::vector<std::string> arguments = {"ingest", "--received", "2025-01-15"};
  for (const BadFile& bad : BadScans()) {
    bad.write(dir_ / bad.name);
    arguments.push_back(bad.name);
  }
  RunCli(dir_.path(), arguments);
  const nlohmann::json before = Export();

  const CliResult again = RunCli(dir_.path(), arguments);

  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_THAT(again.err, HasSubstr("(0 ingested, 31 already ingested, 0 with errors), 0 pages"));
  EXPECT_EQ(Export(), before);
}

std::vector<BadFile> BadRegisters() {
  const auto csv = [](std::string content) { return [content](const fs::path& file) { Write(file, content); }; };
  const std::string header = "member_id,name,name_kana,cert_start,cert_end,fees_paid\n";
  const std::string row = "100001,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n";
  const std::string hint = "the first line must be: member_id,name,name_kana,cert_start,cert_end,fees_paid";
  return {
      {"excel-bom.csv", csv("\xEF\xBB\xBF" + header + row), "excel-bom.csv: 1 members imported, 0 rows skipped\n"},
      {"shift-jis.csv", csv(header + "100001,\x8E\x52\x93\x63 \x89\xD4\x8E\x71,,2020-04-01,2025-03-31,true\n"),
       "error: shift-jis.csv:2: the file is not UTF-8 text (perhaps Shift_JIS from Excel); save it as \"CSV UTF-8\"; "
       "nothing imported\nshift-jis.csv: nothing imported\n"},
      {"utf-16.csv", csv(std::string("\xFF\xFEm\0e\0m\0", 8)),
       "error: utf-16.csv:1: the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"; nothing "
       "imported\nutf-16.csv: nothing imported\n"},
      {"missing-column.csv", csv("member_id,name,name_kana,cert_start,cert_end\n100001,a,b,2020-04-01,2025-03-31\n"),
       "error: missing-column.csv:1: missing column 'fees_paid'; " + hint +
           "; nothing imported\nmissing-column.csv: nothing imported\n"},
      {"tab-separated.csv", csv("member_id\tname\tname_kana\tcert_start\tcert_end\tfees_paid\n"),
       "error: tab-separated.csv:1: the columns are separated by tabs, not commas; save it as \"CSV UTF-8\"; nothing "
       "imported\ntab-separated.csv: nothing imported\n"},
      {"duplicate-id.csv", csv(header + row + row),
       "error: duplicate-id.csv:3: member_id 100001 is already on line 2; row skipped\n"
       "duplicate-id.csv: 1 members imported, 1 row skipped\n"},
      {"unclosed-quote.csv", csv(header + "100001,\"山田 花子,x,2020-04-01,2025-03-31,true\n"),
       "error: unclosed-quote.csv:2: a quoted field is never closed (missing \"); nothing imported\n"
       "unclosed-quote.csv: nothing imported\n"},
      {"impossible-date.csv", csv(header + row + "100002,a,b,2020-02-30,2025-03-31,true\n"),
       "error: impossible-date.csv:3: cert_start '2020-02-30' is not a valid date (YYYY-MM-DD); row skipped\n"
       "impossible-date.csv: 1 members imported, 1 row skipped\n"},
      {"empty.csv", csv(""),
       "error: empty.csv:1: the file is empty; " + hint + "; nothing imported\nempty.csv: nothing imported\n"},
      {"header-only.csv", csv(header), "header-only.csv: 0 members imported, 0 rows skipped\n"},
  };
}

TEST_F(HostileInputs, EachBadRegisterIsExplainedAndItsGoodRowsAreImported) {
  for (const BadFile& bad : BadRegisters()) {
    bad.write(dir_ / bad.name);
    const CliResult result = RunCli(dir_.path(), {"members", "import", "--db", bad.name + ".db", bad.name});
    EXPECT_EQ(result.err, bad.line) << bad.name;
  }
}

TEST_F(HostileInputs, RefusedRegisterAndHistoryRowsDoNotStopTheScansOfTheSameIngest) {
  Write(dir_ / "members.csv", "member_id,name\n");
  Write(dir_ / "history.csv", "member_id,event_id,date,points\n123456,jgets-national,2023-05-13,ten\n");
  WriteScannerPdf(dir_ / "123456.pdf", {MakePage(100)}, 100);

  const CliResult result = RunCli(dir_.path(), {"ingest", "--received", "2025-01-15", "--members", "members.csv",
                                                "--history", "history.csv", "123456.pdf"});

  EXPECT_EQ(result.exit_code, 1);
  EXPECT_THAT(result.err, HasSubstr("error: members.csv:1: missing column 'name_kana'; "));
  EXPECT_THAT(result.err,
              HasSubstr("error: history.csv:2: points 'ten' must be a whole number from 0 to 100; row skipped\n"));
  EXPECT_THAT(result.err, HasSubstr("123456.pdf: 1 page -> member 123456\n"));
}

TEST_F(HostileInputs, PageCountAndPageSizeLimitsAreSetOnTheCommandLine) {
  WriteScannerPdf(dir_ / "three-pages.pdf", {MakePage(100), MakePage(100), MakePage(100)}, 100);
  WriteScannerPdf(dir_ / "one-page.pdf", {MakePage(100)}, 100);

  const CliResult result =
      RunCli(dir_.path(), {"ingest", "--max-pages", "2", "--max-megapixels", "0.5", "three-pages.pdf", "one-page.pdf"});

  EXPECT_THAT(result.err,
              HasSubstr("error: three-pages.pdf: the PDF has 3 pages, more than the limit of 2; split the batch\n"));
  EXPECT_THAT(result.err, HasSubstr("error: one-page.pdf: page 1: the page is too large (827 x 1169 pixels, limit 0.5 "
                                    "megapixels)\n"));
}

TEST_F(HostileInputs, ACatalogWithAMisspeltKeyStopsTheIngestBeforeAnythingIsStoredNamingTheKey) {
  fs::create_directories(dir_ / "models");
  fs::copy(fs::path(CERTINTAKE_SOURCE_DIR) / "models", dir_ / "models", fs::copy_options::recursive);
  std::string catalog = Bytes(dir_ / "models" / "catalog.json");
  catalog.replace(catalog.find("\"requires_issuer\""), 17, "\"requires_isuer\"");
  Write(dir_ / "models" / "catalog.json", catalog);
  WriteScannerPdf(dir_ / "123456.pdf", {MakePage(100)}, 100);

  setenv("CERTINTAKE_MODELS", (dir_ / "models").c_str(), 1);
  const CliResult result = RunCli(dir_.path(), {"ingest", "123456.pdf"});
  unsetenv("CERTINTAKE_MODELS");

  EXPECT_EQ(result.exit_code, 2);
  EXPECT_THAT(result.err, HasSubstr("catalog.json: events[11].requires_isuer: unknown key (expected id, category, "));
  EXPECT_FALSE(fs::exists(dir_ / "certintake.db.archive" / "incoming")) << "nothing archived";
}

}  // namespace
}  // namespace certintake::testing
