#pragma once

// Writers for scan files the way office scanners make them: PDFs holding one full-page image per
// page, (multi-page) TIFFs, and single PNG/JPEG pages, all carrying their resolution.

#include <filesystem>
#include <memory>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace certintake::synth {

/// How page pixels are stored. Grey pages (CV_8UC1) stay grey; BGR pages are stored as RGB.
struct ScanEncoding {
  enum class Compression { kLossless, kJpeg };
  Compression compression = Compression::kLossless;  ///< PDF: Flate / DCT; TIFF: LZW / JPEG
  int jpeg_quality = 85;
};

/// Writes a PDF page by page, keeping only compressed pages in memory. The output carries no
/// dates or ids, so the same pages give the same bytes.
class ScannerPdfWriter {
 public:
  ScannerPdfWriter();
  ~ScannerPdfWriter();
  ScannerPdfWriter(const ScannerPdfWriter&) = delete;
  ScannerPdfWriter& operator=(const ScannerPdfWriter&) = delete;

  void AddPage(const cv::Mat& pixels, double dpi, const ScanEncoding& encoding = {});
  /// Writes the file. Throws Error(kInput) when it cannot be written.
  void Finish(const std::filesystem::path& file);

 private:
  struct Page;
  std::vector<Page> pages_;
};

/// Writes a (multi-page) TIFF page by page, straight to disk.
class TiffWriter {
 public:
  /// Throws Error(kInput) when the file cannot be created.
  explicit TiffWriter(const std::filesystem::path& file);
  ~TiffWriter();
  TiffWriter(const TiffWriter&) = delete;
  TiffWriter& operator=(const TiffWriter&) = delete;

  void AddPage(const cv::Mat& pixels, double dpi, const ScanEncoding& encoding = {});
  void Finish();

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// A PDF whose pages each hold one of `pages` as a full-page image at `dpi`, as scanners write.
void WriteScannerPdf(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi,
                     const ScanEncoding& encoding = {});

/// A (multi-page) TIFF with resolution tags.
void WriteTiff(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi,
               const ScanEncoding& encoding = {});

/// One page as PNG or JPEG (chosen by the extension, .png / .jpg / .jpeg) with its resolution in
/// the file (pHYs / JFIF density). `jpeg_quality` applies to JPEG only.
void WritePageImage(const std::filesystem::path& file, const cv::Mat& pixels, double dpi, int jpeg_quality = 85);

}  // namespace certintake::synth
