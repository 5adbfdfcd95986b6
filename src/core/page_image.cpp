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

cv::Mat TurnClockwise(const cv::Mat& image, int degrees) {
  cv::Mat turned;
  switch (degrees) {
    case 90: cv::rotate(image, turned, cv::ROTATE_90_CLOCKWISE); return turned;
    case 180: cv::rotate(image, turned, cv::ROTATE_180); return turned;
    case 270: cv::rotate(image, turned, cv::ROTATE_90_COUNTERCLOCKWISE); return turned;
    default: return image;
  }
}

}  // namespace certintake
