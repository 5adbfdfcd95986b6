#include "certintake/core/debug_sink.hpp"

#include <opencv2/imgcodecs.hpp>

namespace certintake {

void DebugSink::Image(const std::string& name, const cv::Mat& image) const {
  if (!enabled() || image.empty()) return;
  std::error_code ignored;
  std::filesystem::create_directories(folder_, ignored);
  cv::imwrite((folder_ / (prefix_ + "_" + name + ".png")).string(), image);
}

}  // namespace certintake
