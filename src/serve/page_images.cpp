#include "page_images.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "certintake/archive/archive.hpp"
#include "certintake/core/error.hpp"
#include "certintake/load/scan_reader.hpp"

namespace certintake::serve {
namespace {

constexpr std::size_t kPagesKept = 4;

std::string Jpeg(const cv::Mat& image, int max_side) {
  cv::Mat scaled = image;
  const int longer = std::max(image.cols, image.rows);
  if (longer > max_side) {
    const double factor = static_cast<double>(max_side) / longer;
    cv::resize(image, scaled, cv::Size(), factor, factor, cv::INTER_AREA);
  }
  std::vector<unsigned char> bytes;
  cv::imencode(".jpg", scaled, bytes, {cv::IMWRITE_JPEG_QUALITY, 88});
  return {bytes.begin(), bytes.end()};
}

}  // namespace

cv::Mat PageImages::Upright(const store::PageRecord& page) {
  const std::string key = fmt::format("{}#{}", page.file_sha256, page.index);
  {
    const std::lock_guard lock(mutex_);
    const auto kept =
        std::find_if(recent_.begin(), recent_.end(), [&](const auto& entry) { return entry.first == key; });
    if (kept != recent_.end()) {
      recent_.splice(recent_.begin(), recent_, kept);
      return kept->second;
    }
  }
  const archive::Archive archive(archive_root_);
  const std::filesystem::path original = archive.PathOf(page.file_sha256);
  if (!std::filesystem::exists(original)) {
    throw InputError(fmt::format("{}: the archived original is missing", page.file_name));
  }
  const auto reader = load::OpenScan(original, {}, page.file_name);
  cv::Mat upright = TurnClockwise(reader->ReadPage(page.index).pixels, page.rotation_degrees.value_or(0));
  const std::lock_guard lock(mutex_);
  recent_.emplace_front(key, upright);
  if (recent_.size() > kPagesKept) recent_.pop_back();
  return upright;
}

std::string PageImages::PageJpeg(const store::PageRecord& page, int max_side) {
  return Jpeg(Upright(page), max_side);
}

std::string PageImages::CertificateJpeg(const store::PageRecord& page, const double (&bbox)[4], int max_side) {
  const cv::Mat upright = Upright(page);
  // The box is in fractions of the page as scanned: turn its corners as the page was turned.
  const auto turned = [&](double x, double y) {
    switch (page.rotation_degrees.value_or(0)) {
      case 90: return cv::Point2d(1 - y, x);
      case 180: return cv::Point2d(1 - x, 1 - y);
      case 270: return cv::Point2d(y, 1 - x);
      default: return cv::Point2d(x, y);
    }
  };
  const double margin = 0.01;
  const cv::Point2d a = turned(bbox[0] - margin, bbox[1] - margin);
  const cv::Point2d b = turned(bbox[2] + margin, bbox[3] + margin);
  const cv::Rect box =
      cv::Rect(cv::Point(cvRound(std::min(a.x, b.x) * upright.cols), cvRound(std::min(a.y, b.y) * upright.rows)),
               cv::Point(cvRound(std::max(a.x, b.x) * upright.cols), cvRound(std::max(a.y, b.y) * upright.rows))) &
      cv::Rect(0, 0, upright.cols, upright.rows);
  if (box.area() == 0) {
    throw InputError(fmt::format("{} page {}: the certificate lies outside the page", page.file_name, page.index));
  }
  return Jpeg(upright(box), max_side);
}

}  // namespace certintake::serve
