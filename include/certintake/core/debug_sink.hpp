#pragma once

#include <filesystem>
#include <opencv2/core.hpp>
#include <string>

namespace certintake {

/// Where stages write pictures of their intermediate steps (`--debug-dir`). A default-made sink
/// writes nothing, so stages call it unconditionally.
class DebugSink {
 public:
  DebugSink() = default;
  explicit DebugSink(std::filesystem::path folder, std::string prefix = "")
      : folder_(std::move(folder)), prefix_(std::move(prefix)) {}

  [[nodiscard]] bool enabled() const { return !folder_.empty(); }

  /// A sink for one part of the work: its images are named "<prefix>_<name>.png".
  [[nodiscard]] DebugSink Child(const std::string& prefix) const {
    return enabled() ? DebugSink(folder_, prefix_.empty() ? prefix : prefix_ + "_" + prefix) : DebugSink();
  }

  /// Writes `image` as PNG when enabled.
  void Image(const std::string& name, const cv::Mat& image) const;

  /// Writes `text` as "<prefix>_<name>.txt" when enabled (what OCR read, for instance).
  void Text(const std::string& name, const std::string& text) const;

 private:
  std::filesystem::path folder_;
  std::string prefix_;
};

}  // namespace certintake
