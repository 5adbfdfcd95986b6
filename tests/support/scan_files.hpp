#pragma once

// Writers for small scan files, so each test makes exactly the input it is about.

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>
#include <vector>

#include "certintake/synth/scan_writer.hpp"

namespace certintake::testing {

/// A blank A4 page at `dpi` (grey unless `colour`) with a line of marks, so it is not empty.
cv::Mat MakePage(double dpi = 100, bool colour = false);

/// A page with a QR code holding `payload`, as a separator sheet would carry it.
cv::Mat MakeQrPage(const std::string& payload, double dpi = 100);

/// Scanner-style PDF and (multi-page) TIFF writers live with the synthetic corpus generator.
using synth::WriteScannerPdf;
using synth::WriteTiff;

/// Grey image of printed Japanese lines (Noto Sans CJK JP), `point_size` at `dpi`, as a
/// certificate's print would scan.
cv::Mat RenderTextLines(const std::vector<std::string>& lines, double dpi, double point_size);

}  // namespace certintake::testing
