#include "certintake/synth/scan_writer.hpp"

#include <tiffio.h>
#include <zlib.h>

#include <fmt/format.h>
#include <cmath>
#include <cstring>
#include <fstream>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "certintake/core/error.hpp"

namespace certintake::synth {
namespace {

std::vector<unsigned char> EncodeJpeg(const cv::Mat& pixels, int quality) {
  std::vector<unsigned char> bytes;
  if (!cv::imencode(".jpg", pixels, bytes, {cv::IMWRITE_JPEG_QUALITY, quality})) {
    throw InputError("cannot encode a page as JPEG");
  }
  return bytes;
}

/// Raw samples, RGB order for colour, row after row.
std::vector<unsigned char> RawSamples(const cv::Mat& pixels) {
  cv::Mat samples;
  if (pixels.channels() == 3) {
    cv::cvtColor(pixels, samples, cv::COLOR_BGR2RGB);
  } else {
    samples = pixels.isContinuous() ? pixels : pixels.clone();
  }
  const auto* begin = samples.ptr<unsigned char>(0);
  return {begin, begin + samples.total() * samples.elemSize()};
}

std::vector<unsigned char> Deflate(const std::vector<unsigned char>& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::vector<unsigned char> out(size);
  // Level 1: scan noise leaves little for harder work to find, and it is several times faster.
  if (compress2(out.data(), &size, data.data(), static_cast<uLong>(data.size()), 1) != Z_OK) {
    throw InputError("cannot compress a page");
  }
  out.resize(size);
  return out;
}

void CheckPixels(const cv::Mat& pixels) {
  if (pixels.empty() || pixels.depth() != CV_8U || (pixels.channels() != 1 && pixels.channels() != 3)) {
    throw Error(ErrorKind::kInternal, "scan pages must be 8-bit grey or BGR images");
  }
}

void WriteBytes(const std::filesystem::path& file, const std::string& head, const std::vector<unsigned char>& body) {
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out.write(head.data(), static_cast<std::streamsize>(head.size()));
  out.write(reinterpret_cast<const char*>(body.data()), static_cast<std::streamsize>(body.size()));
  if (!out) {
    throw InputError(fmt::format("cannot write {}", file.string()));
  }
}

std::uint32_t BigEndian32(const unsigned char* p) {
  return (std::uint32_t{p[0]} << 24U) | (std::uint32_t{p[1]} << 16U) | (std::uint32_t{p[2]} << 8U) | p[3];
}

void PutBigEndian32(std::vector<unsigned char>& out, std::uint32_t value) {
  out.push_back(static_cast<unsigned char>(value >> 24U));
  out.push_back(static_cast<unsigned char>(value >> 16U));
  out.push_back(static_cast<unsigned char>(value >> 8U));
  out.push_back(static_cast<unsigned char>(value));
}

/// Adds a pHYs chunk (pixels per metre) right after PNG's IHDR.
std::vector<unsigned char> WithPngResolution(std::vector<unsigned char> png, double dpi) {
  constexpr std::size_t kSignature = 8;
  if (png.size() < kSignature + 8) {
    return png;
  }
  const std::size_t ihdr_end = kSignature + 12 + BigEndian32(png.data() + kSignature);
  const auto per_metre = static_cast<std::uint32_t>(std::lround(dpi / 0.0254));
  std::vector<unsigned char> chunk;
  PutBigEndian32(chunk, 9);
  const std::size_t type_at = chunk.size();
  for (char c : std::string_view("pHYs")) {
    chunk.push_back(static_cast<unsigned char>(c));
  }
  PutBigEndian32(chunk, per_metre);
  PutBigEndian32(chunk, per_metre);
  chunk.push_back(1);  // unit: metre
  const uLong crc = crc32(0, chunk.data() + type_at, static_cast<uInt>(chunk.size() - type_at));
  PutBigEndian32(chunk, static_cast<std::uint32_t>(crc));
  png.insert(png.begin() + static_cast<std::ptrdiff_t>(ihdr_end), chunk.begin(), chunk.end());
  return png;
}

/// Sets the JFIF density of OpenCV's JPEG (APP0 right after SOI) to `dpi` dots per inch.
std::vector<unsigned char> WithJpegResolution(std::vector<unsigned char> jpeg, double dpi) {
  if (jpeg.size() > 18 && jpeg[2] == 0xFF && jpeg[3] == 0xE0 && std::memcmp(jpeg.data() + 6, "JFIF", 5) == 0) {
    const auto density = static_cast<std::uint16_t>(std::lround(dpi));
    jpeg[13] = 1;  // dots per inch
    jpeg[14] = static_cast<unsigned char>(density >> 8U);
    jpeg[15] = static_cast<unsigned char>(density & 0xFFU);
    jpeg[16] = jpeg[14];
    jpeg[17] = jpeg[15];
  }
  return jpeg;
}

}  // namespace

struct ScannerPdfWriter::Page {
  int width = 0;
  int height = 0;
  bool colour = false;
  bool jpeg = false;
  double dpi = 300;
  std::vector<unsigned char> data;
};

ScannerPdfWriter::ScannerPdfWriter() = default;
ScannerPdfWriter::~ScannerPdfWriter() = default;

void ScannerPdfWriter::AddPage(const cv::Mat& pixels, double dpi, const ScanEncoding& encoding) {
  CheckPixels(pixels);
  Page page;
  page.width = pixels.cols;
  page.height = pixels.rows;
  page.colour = pixels.channels() == 3;
  page.dpi = dpi;
  page.jpeg = encoding.compression == ScanEncoding::Compression::kJpeg;
  page.data = page.jpeg ? EncodeJpeg(pixels, encoding.jpeg_quality) : Deflate(RawSamples(pixels));
  pages_.push_back(std::move(page));
}

void ScannerPdfWriter::Finish(const std::filesystem::path& file) {
  // Objects: 1 catalog, 2 page tree, 3 info, then per page: page, content, image.
  const std::string_view header = "%PDF-1.4\n%\xE2\xE3\xCF\xD3\n";
  std::vector<std::size_t> offsets;
  std::vector<unsigned char> pdf(header.begin(), header.end());
  auto append = [&pdf](std::string_view text) { pdf.insert(pdf.end(), text.begin(), text.end()); };
  auto begin_object = [&](int number) {
    offsets.resize(std::max<std::size_t>(offsets.size(), static_cast<std::size_t>(number)));
    offsets[static_cast<std::size_t>(number - 1)] = pdf.size();
    append(fmt::format("{} 0 obj\n", number));
  };
  const int page_count = static_cast<int>(pages_.size());
  std::string kids;
  for (int i = 0; i < page_count; ++i) {
    kids += fmt::format("{}{} 0 R", i == 0 ? "" : " ", 4 + 3 * i);
  }
  begin_object(1);
  append("<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
  begin_object(2);
  append(fmt::format("<< /Type /Pages /Kids [{}] /Count {} >>\nendobj\n", kids, page_count));
  begin_object(3);
  append("<< /Producer (certintake-synth) >>\nendobj\n");
  for (int i = 0; i < page_count; ++i) {
    const Page& page = pages_[static_cast<std::size_t>(i)];
    const int page_object = 4 + 3 * i;
    const double width_pt = page.width * 72.0 / page.dpi;
    const double height_pt = page.height * 72.0 / page.dpi;
    begin_object(page_object);
    append(fmt::format(
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {:.4f} {:.4f}] /Resources << /XObject << /Im0 {} 0 R >> >> "
        "/Contents {} 0 R >>\nendobj\n",
        width_pt, height_pt, page_object + 2, page_object + 1));
    const std::string content = fmt::format("q {:.4f} 0 0 {:.4f} 0 0 cm /Im0 Do Q\n", width_pt, height_pt);
    begin_object(page_object + 1);
    append(fmt::format("<< /Length {} >>\nstream\n{}endstream\nendobj\n", content.size(), content));
    begin_object(page_object + 2);
    append(fmt::format(
        "<< /Type /XObject /Subtype /Image /Width {} /Height {} /ColorSpace /{} /BitsPerComponent 8 /Filter /{} "
        "/Length {} >>\nstream\n",
        page.width, page.height, page.colour ? "DeviceRGB" : "DeviceGray", page.jpeg ? "DCTDecode" : "FlateDecode",
        page.data.size()));
    pdf.insert(pdf.end(), page.data.begin(), page.data.end());
    append("\nendstream\nendobj\n");
  }
  const std::size_t xref_at = pdf.size();
  append(fmt::format("xref\n0 {}\n0000000000 65535 f \n", offsets.size() + 1));
  for (std::size_t offset : offsets) {
    append(fmt::format("{:010d} 00000 n \n", offset));
  }
  append(fmt::format("trailer\n<< /Size {} /Root 1 0 R /Info 3 0 R >>\nstartxref\n{}\n%%EOF\n", offsets.size() + 1,
                     xref_at));
  WriteBytes(file, std::string(), pdf);
}

struct TiffWriter::State {
  std::filesystem::path file;
  TIFF* tif = nullptr;
};

TiffWriter::TiffWriter(const std::filesystem::path& file) : state_(std::make_unique<State>()) {
  state_->file = file;
  state_->tif = TIFFOpen(file.c_str(), "w");
  if (state_->tif == nullptr) {
    throw InputError(fmt::format("cannot write {}", file.string()));
  }
}

TiffWriter::~TiffWriter() {
  if (state_ && state_->tif != nullptr) {
    TIFFClose(state_->tif);
  }
}

void TiffWriter::AddPage(const cv::Mat& page, double dpi, const ScanEncoding& encoding) {
  CheckPixels(page);
  TIFF* tif = state_->tif;
  cv::Mat pixels;
  if (page.channels() == 3) {
    cv::cvtColor(page, pixels, cv::COLOR_BGR2RGB);
  } else {
    pixels = page;
  }
  const bool colour = pixels.channels() == 3;
  const bool jpeg = encoding.compression == ScanEncoding::Compression::kJpeg;
  TIFFSetField(tif, TIFFTAG_IMAGEWIDTH, static_cast<uint32_t>(pixels.cols));
  TIFFSetField(tif, TIFFTAG_IMAGELENGTH, static_cast<uint32_t>(pixels.rows));
  TIFFSetField(tif, TIFFTAG_SAMPLESPERPIXEL, static_cast<uint16_t>(pixels.channels()));
  TIFFSetField(tif, TIFFTAG_BITSPERSAMPLE, static_cast<uint16_t>(8));
  TIFFSetField(tif, TIFFTAG_PLANARCONFIG, PLANARCONFIG_CONTIG);
  if (jpeg) {
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_JPEG);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, colour ? PHOTOMETRIC_YCBCR : PHOTOMETRIC_MINISBLACK);
    TIFFSetField(tif, TIFFTAG_JPEGQUALITY, encoding.jpeg_quality);
    if (colour) {
      TIFFSetField(tif, TIFFTAG_JPEGCOLORMODE, JPEGCOLORMODE_RGB);
    }
  } else {
    TIFFSetField(tif, TIFFTAG_COMPRESSION, COMPRESSION_LZW);
    TIFFSetField(tif, TIFFTAG_PREDICTOR, PREDICTOR_HORIZONTAL);
    TIFFSetField(tif, TIFFTAG_PHOTOMETRIC, colour ? PHOTOMETRIC_RGB : PHOTOMETRIC_MINISBLACK);
  }
  TIFFSetField(tif, TIFFTAG_ROWSPERSTRIP, static_cast<uint32_t>(64));
  TIFFSetField(tif, TIFFTAG_XRESOLUTION, static_cast<float>(dpi));
  TIFFSetField(tif, TIFFTAG_YRESOLUTION, static_cast<float>(dpi));
  TIFFSetField(tif, TIFFTAG_RESOLUTIONUNIT, RESUNIT_INCH);
  TIFFSetField(tif, TIFFTAG_SUBFILETYPE, FILETYPE_PAGE);
  TIFFSetField(tif, TIFFTAG_SOFTWARE, "certintake-synth");
  for (int y = 0; y < pixels.rows; ++y) {
    if (TIFFWriteScanline(tif, pixels.ptr(y), static_cast<uint32_t>(y), 0) != 1) {
      throw InputError(fmt::format("cannot write {}", state_->file.string()));
    }
  }
  if (TIFFWriteDirectory(tif) != 1) {
    throw InputError(fmt::format("cannot write {}", state_->file.string()));
  }
}

void TiffWriter::Finish() {
  if (state_->tif != nullptr) {
    TIFFClose(state_->tif);
    state_->tif = nullptr;
  }
}

void WriteScannerPdf(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi,
                     const ScanEncoding& encoding) {
  ScannerPdfWriter writer;
  for (const cv::Mat& page : pages) {
    writer.AddPage(page, dpi, encoding);
  }
  writer.Finish(file);
}

void WriteTiff(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi,
               const ScanEncoding& encoding) {
  TiffWriter writer(file);
  for (const cv::Mat& page : pages) {
    writer.AddPage(page, dpi, encoding);
  }
  writer.Finish();
}

void WritePageImage(const std::filesystem::path& file, const cv::Mat& pixels, double dpi, int jpeg_quality) {
  CheckPixels(pixels);
  std::string extension = file.extension().string();
  for (char& c : extension) {
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  std::vector<unsigned char> bytes;
  if (extension == ".png") {
    if (!cv::imencode(".png", pixels, bytes, {cv::IMWRITE_PNG_COMPRESSION, 6})) {
      throw InputError("cannot encode a page as PNG");
    }
    bytes = WithPngResolution(std::move(bytes), dpi);
  } else if (extension == ".jpg" || extension == ".jpeg") {
    bytes = WithJpegResolution(EncodeJpeg(pixels, jpeg_quality), dpi);
  } else {
    throw Error(ErrorKind::kInternal, fmt::format("no page image writer for '{}'", extension));
  }
  WriteBytes(file, std::string(), bytes);
}

}  // namespace certintake::synth
