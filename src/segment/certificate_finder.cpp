#include "certintake/segment/certificate_finder.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>

#include "certintake/core/models.hpp"
#include "certintake/load/scan_reader.hpp"

namespace certintake::segment {
namespace {

cv::Mat Grey(const cv::Mat& image) {
  if (image.channels() == 1) return image;
  cv::Mat grey;
  cv::cvtColor(image, grey, cv::COLOR_BGR2GRAY);
  return grey;
}

/// The page's own paper colour: the median of its lighter half, per channel (Lab).
cv::Vec3f PaperColour(const cv::Mat& lab) {
  std::vector<cv::Mat> channels;
  cv::split(lab, channels);
  cv::Vec3f paper;
  for (int c = 0; c < 3; ++c) {
    cv::Mat flat = channels[static_cast<std::size_t>(c)].reshape(1, 1).clone();
    std::vector<float> values(flat.begin<float>(), flat.end<float>());
    const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() * (c == 0 ? 3 : 2) / 4);
    std::nth_element(values.begin(), middle, values.end());
    paper[c] = *middle;
  }
  return paper;
}

/// Pixels that are not the page's plain paper: ink, tinted card stock, shadows along edges.
cv::Mat NotPaper(const cv::Mat& small, const SegmentOptions& options) {
  cv::Mat bgr;
  if (small.channels() == 1) {
    cv::cvtColor(small, bgr, cv::COLOR_GRAY2BGR);
  } else {
    bgr = small;
  }
  cv::Mat bgr_float;
  bgr.convertTo(bgr_float, CV_32F, 1.0 / 255.0);
  cv::Mat lab;
  cv::cvtColor(bgr_float, lab, cv::COLOR_BGR2Lab);
  cv::GaussianBlur(lab, lab, cv::Size(3, 3), 0);
  const cv::Vec3f paper = PaperColour(lab);
  cv::Mat mask(small.size(), CV_8UC1);
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3f>(y);
    auto* out = mask.ptr<uchar>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const cv::Vec3f d = row[x] - paper;
      const bool ink = d[0] < -options.ink_contrast * 100.0 / 255.0;
      const bool tint = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) > options.paper_contrast;
      out[x] = (ink || tint) ? 255 : 0;
    }
  }
  return mask;
}

/// The blank form's print in the scan's coordinates (dilated), or an empty mask when the scan
/// cannot be registered to the form.
cv::Mat FormPrint(const cv::Mat& small_grey, const cv::Mat& blank) {
  if (blank.empty()) return {};
  cv::Mat form;
  cv::resize(blank, form, small_grey.size(), 0, 0, cv::INTER_AREA);
  cv::Mat warp = cv::Mat::eye(2, 3, CV_32F);
  try {
    cv::findTransformECC(form, small_grey, warp, cv::MOTION_AFFINE,
                         cv::TermCriteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, 60, 1e-4), cv::noArray(), 5);
  } catch (const cv::Exception&) {
    warp = cv::Mat::eye(2, 3, CV_32F);  // no convergence: assume the page lies as printed
  }
  cv::Mat warped;
  cv::warpAffine(form, warped, warp, small_grey.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  cv::Mat print;
  cv::threshold(warped, print, 200, 255, cv::THRESH_BINARY_INV);
  cv::dilate(print, print, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  return print;
}

}  // namespace

const cv::Mat& BlankBackPage(double dpi) {
  static std::mutex mutex;
  static std::map<int, cv::Mat> cache;
  const std::lock_guard lock(mutex);
  cv::Mat& blank = cache[static_cast<int>(dpi)];
  if (blank.empty()) {
    load::LoadLimits limits;
    limits.default_dpi = dpi;
    auto reader = load::OpenScan(ModelsDirectory() / "forms" / "back-page.pdf", limits);
    blank = Grey(reader->ReadPage(1).pixels);
  }
  return blank;
}

std::vector<PieceRegion> FindCertificates(const PageImage& page, const cv::Mat& blank_form,
                                          const SegmentOptions& options) {
  const double scale = options.working_dpi / page.dpi;
  cv::Mat small;
  cv::resize(page.pixels, small, cv::Size(), scale, scale, cv::INTER_AREA);
  const cv::Mat small_grey = Grey(small);

  cv::Mat candidate = NotPaper(small, options);
  if (const cv::Mat print = FormPrint(small_grey, blank_form); !print.empty()) {
    candidate.setTo(0, print);
  }
  const auto px = [&](double mm) { return std::max(1, static_cast<int>(std::lround(mm / 25.4 * options.working_dpi))); };
  cv::morphologyEx(candidate, candidate, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
  cv::morphologyEx(candidate, candidate, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(px(options.close_mm), px(options.close_mm))));

  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(candidate, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<PieceRegion> pieces;
  const double min_side = px(options.min_side_mm);
  const cv::Rect page_rect(0, 0, page.pixels.cols, page.pixels.rows);
  for (const auto& contour : contours) {
    const cv::RotatedRect outline = cv::minAreaRect(contour);
    if (std::min(outline.size.width, outline.size.height) < min_side) continue;
    const double fill = cv::contourArea(contour) / std::max(1.0f, outline.size.area());
    if (fill < 0.5) continue;
    PieceRegion piece;
    piece.outline = cv::RotatedRect(outline.center / scale, cv::Size2f(outline.size.width / static_cast<float>(scale),
                                                                       outline.size.height / static_cast<float>(scale)),
                                    outline.angle);
    piece.box = piece.outline.boundingRect() & page_rect;
    piece.score = fill;
    pieces.push_back(piece);
  }
  std::sort(pieces.begin(), pieces.end(), [](const PieceRegion& a, const PieceRegion& b) {
    return std::tie(a.box.y, a.box.x) < std::tie(b.box.y, b.box.x);
  });
  return pieces;
}

cv::Mat CropPiece(const PageImage& page, const PieceRegion& piece) {
  cv::RotatedRect outline = piece.outline;
  // minAreaRect reports angles in (0, 90]: turn the smaller way so text stays upright.
  if (outline.angle > 45) {
    outline.angle -= 90;
    std::swap(outline.size.width, outline.size.height);
  }
  const cv::Mat rotation = cv::getRotationMatrix2D(outline.center, outline.angle, 1.0);
  cv::Mat rotated = rotation.clone();
  rotated.at<double>(0, 2) += outline.size.width / 2.0 - outline.center.x;
  rotated.at<double>(1, 2) += outline.size.height / 2.0 - outline.center.y;
  cv::Mat crop;
  cv::warpAffine(page.pixels, crop, rotated, outline.size, cv::INTER_LINEAR, cv::BORDER_REPLICATE);
  return crop;
}

}  // namespace certintake::segment
