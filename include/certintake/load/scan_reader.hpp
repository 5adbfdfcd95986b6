#pragma once

#include <filesystem>
#include <memory>
#include <string_view>

#include "certintake/core/page_image.hpp"

namespace certintake::load {

enum class ScanFormat { kPdf, kTiff, kPng, kJpeg, kUnsupported };

std::string_view ScanFormatName(ScanFormat format);

/// Recognises a scan by its first bytes, not its name. Throws Error(kInput) for an unreadable or
/// empty file.
ScanFormat DetectScanFormat(const std::filesystem::path& file);

/// Guards against pages that would exhaust memory, and images too small to be a scan.
struct LoadLimits {
  double default_dpi = 300.0;  ///< used when a file gives no resolution
  double max_pixels = 150e6;   ///< per page, after rendering (A4 at 1200 dpi is 140 Mpx)
  int max_pages = 5000;        ///< per file
  int min_side = 100;          ///< pixels, per side (a postcard at 200 dpi is 790 x 1170)
};

/// Reads the pages of one scan file one at a time, so that a long batch never has to fit in
/// memory. Not thread-safe: one reader per thread.
class ScanReader {
 public:
  virtual ~ScanReader() = default;
  [[nodiscard]] virtual int PageCount() const = 0;
  /// Decodes page `index` (1-based). Throws Error(kInput) naming the problem when that page alone
  /// is unreadable; the other pages stay readable.
  virtual PageImage ReadPage(int index) = 0;
};

/// Opens a scan (PDF, TIFF incl. multi-page, PNG, JPEG). Throws Error(kInput) with a one-line
/// reason for an empty, corrupt, encrypted, oversized or unsupported file. `original_name` is the
/// name the file came in under, when `file` is its archived copy (messages mention its extension).
std::unique_ptr<ScanReader> OpenScan(const std::filesystem::path& file, const LoadLimits& limits = {},
                                     const std::filesystem::path& original_name = {});

}  // namespace certintake::load
