#include "certintake/core/page_image.hpp"

#include <opencv2/core.hpp>

namespace certintake {

cv::Mat CollapseGreyToOneChannel(cv::Mat bgr) {
  if (bgr.channels() != 3) {
    return bgr;
  }
  for (int y = 0; y < bgr.rows; ++y) {
    const auto* row = bgr.ptr<cv::Vec3b>(y);
    for (int x = 0; x < bgr.cols; ++x) {
      if (row[x][0] != row[x][1] || row[x][1] != row[x][2]) {
        return bgr;
      }
    }
  }
  cv::Mat grey;
  cv::extractChannel(bgr, grey, 0);
  return grey;
}

}  // namespace certintake
