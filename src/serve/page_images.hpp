#pragma once

// The pictures reviewers look at, cut from the archived originals (never from a derived copy), so
// what the review screen shows is what was scanned.

#include <filesystem>
#include <list>
#include <mutex>
#include <string>
#include <utility>

#include "certintake/core/page_image.hpp"
#include "certintake/store/records.hpp"

namespace certintake::serve {

class PageImages {
 public:
  explicit PageImages(std::filesystem::path archive_root) : archive_root_(std::move(archive_root)) {}

  /// The whole page, turned upright, its longer side at most `max_side` pixels; JPEG bytes.
  std::string PageJpeg(const store::PageRecord& page, int max_side);

  /// A certificate's box on the page (fractions, as scanned) with a small margin, turned upright
  /// as its page was; its longer side at most `max_side` pixels; JPEG bytes.
  std::string CertificateJpeg(const store::PageRecord& page, const double (&bbox)[4], int max_side);

 private:
  /// The decoded page; the last few are kept, since a reviewer walks one page's pieces in turn.
  cv::Mat Upright(const store::PageRecord& page);

  std::filesystem::path archive_root_;
  std::mutex mutex_;
  std::list<std::pair<std::string, cv::Mat>> recent_;  ///< most recent first
};

}  // namespace certintake::serve
