#pragma once

// Writers for small scan files, so each test makes exactly the input it is about.

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

namespace certintake::testing {

/// A blank A4 page at `dpi` (grey unless `colour`) with a line of marks, so it is not empty.
cv::Mat MakePage(double dpi = 100, bool colour = false);

/// A page with a QR code holding `payload`, as a separator sheet would carry it.
cv::Mat MakeQrPage(const std::string& payload, double dpi = 100);

/// A PDF whose pages each hold one of `pages` as a full-page image at `dpi`, as scanners write.
void WriteScannerPdf(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi);

/// A (multi-page) TIFF with resolution tags.
void WriteTiff(const std::filesystem::path& file, const std::vector<cv::Mat>& pages, double dpi);

/// Grey image of printed Japanese lines (Noto Sans CJK JP), `point_size` at `dpi`, as a
/// certificate's print would scan.
cv::Mat RenderTextLines(const std::vector<std::string>& lines, double dpi, double point_size);

}  // namespace certintake::testing
