#include "certintake/load/scan_reader.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <cstring>
#include <fstream>
#include <string>
#include <utility>

#include "certintake/core/error.hpp"
#include "readers.hpp"

namespace certintake::load {
namespace {

bool StartsWith(std::string_view head, std::string_view magic) {
  return head.substr(0, magic.size()) == magic;
}

}  // namespace

std::string_view ScanFormatName(ScanFormat format) {
  switch (format) {
    case ScanFormat::kPdf: return "PDF";
    case ScanFormat::kTiff: return "TIFF";
    case ScanFormat::kPng: return "PNG";
    case ScanFormat::kJpeg: return "JPEG";
    case ScanFormat::kUnsupported: break;
  }
  return "unsupported";
}

ScanFormat DetectScanFormat(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw InputError(fmt::format("cannot open the file: {}", std::strerror(errno)));
  }
  std::array<char, 1024> buffer{};
  in.read(buffer.data(), buffer.size());
  const std::string_view head(buffer.data(), static_cast<std::size_t>(in.gcount()));
  if (head.empty()) {
    throw InputError("empty file (0 bytes): nothing was scanned into it; scan the pages again");
  }
  // PDF allows junk before the header within the first 1024 bytes.
  if (head.find("%PDF-") != std::string_view::npos) {
    return ScanFormat::kPdf;
  }
  if (StartsWith(head, std::string_view("II*\0", 4)) || StartsWith(head, std::string_view("MM\0*", 4)) ||
      StartsWith(head, std::string_view("II+\0", 4)) || StartsWith(head, std::string_view("MM\0+", 4))) {
    return ScanFormat::kTiff;
  }
  if (StartsWith(head, "\x89PNG\r\n\x1a\n")) {
    return ScanFormat::kPng;
  }
  if (StartsWith(head, "\xFF\xD8\xFF")) {
    return ScanFormat::kJpeg;
  }
  return ScanFormat::kUnsupported;
}

void CheckPageSize(double width, double height, const LoadLimits& limits) {
  if (width < 1 || height < 1) {
    throw InputError(fmt::format("the page has no pixels ({:.0f} x {:.0f})", width, height));
  }
  if (width < limits.min_side || height < limits.min_side) {
    throw InputError(fmt::format("the page is too small to be a scan ({:.0f} x {:.0f} pixels, at least {} x {})", width,
                                 height, limits.min_side, limits.min_side));
  }
  if (width * height > limits.max_pixels) {
    throw InputError(fmt::format("the page is too large ({:.0f} x {:.0f} pixels, limit {:g} megapixels)", width, height,
                                 limits.max_pixels / 1e6));
  }
}

std::unique_ptr<ScanReader> OpenScan(const std::filesystem::path& file, const LoadLimits& limits,
                                     const std::filesystem::path& original_name) {
  switch (DetectScanFormat(file)) {
    case ScanFormat::kPdf: return OpenPdf(file, limits);
    case ScanFormat::kTiff: return OpenTiff(file, limits);
    case ScanFormat::kPng:
    case ScanFormat::kJpeg: return OpenSingleImage(file, limits);
    case ScanFormat::kUnsupported: break;
  }
  std::string extension = (original_name.empty() ? file : original_name).extension().string();
  std::transform(extension.begin(), extension.end(), extension.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const auto& [known, name] : {std::pair{".pdf", "PDF"},
                                    {".tif", "TIFF"},
                                    {".tiff", "TIFF"},
                                    {".png", "PNG"},
                                    {".jpg", "JPEG"},
                                    {".jpeg", "JPEG"}}) {
    if (extension == known) {
      throw InputError(
          fmt::format("the file is named {} but its content is not a {}; it may be damaged or "
                      "incompletely copied",
                      extension, name));
    }
  }
  throw InputError(fmt::format("unsupported file type{}: certintake reads PDF, TIFF, PNG and JPEG scans",
                               extension.empty() ? std::string() : " '" + extension + "'"));
}

}  // namespace certintake::load
