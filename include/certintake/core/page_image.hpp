#pragma once

#include <opencv2/core.hpp>
#include <string>

namespace certintake {

/// Where a page's resolution came from.
enum class DpiSource {
  kFile,     ///< the file says so (TIFF/PNG/JPEG resolution tags, a PDF page's embedded scan)
  kAssumed,  ///< the file says nothing usable; 300 dpi assumed
};

/// One scanned page, decoded to pixels. `pixels` is CV_8UC3 (BGR) for colour pages and CV_8UC1
/// for grey ones; treat it as immutable once made (clone before drawing on it).
struct PageImage {
  int index = 0;  ///< 1-based position within its file
  double dpi = 300.0;
  DpiSource dpi_source = DpiSource::kAssumed;
  cv::Mat pixels;

  [[nodiscard]] bool IsColour() const { return pixels.channels() == 3; }
};

/// Turns a BGR image whose three channels are equal everywhere into one grey channel; leaves
/// real colour alone. Scanners often store grey scans as RGB.
cv::Mat CollapseGreyToOneChannel(cv::Mat bgr);

/// `image` turned clockwise by 0, 90, 180 or 270 degrees (any other value: unchanged).
cv::Mat TurnClockwise(const cv::Mat& image, int degrees);

}  // namespace certintake
