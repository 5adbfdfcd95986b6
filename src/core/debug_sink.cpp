#include "certintake/core/debug_sink.hpp"

#include <fstream>
#include <opencv2/imgcodecs.hpp>

namespace certintake {

void DebugSink::Image(const std::string& name, const cv::Mat& image) const {
  if (!enabled() || image.empty()) return;
  std::error_code ignored;
  std::filesystem::create_directories(folder_, ignored);
  cv::imwrite((folder_ / (prefix_ + "_" + name + ".png")).string(), image);
}

void DebugSink::Text(const std::string& name, const std::string& text) const {
  if (!enabled()) return;
  std::error_code ignored;
  std::filesystem::create_directories(folder_, ignored);
  std::ofstream(folder_ / (prefix_ + "_" + name + ".txt")) << text;
}

}  // namespace certintake
