#include "paper.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "canvas.hpp"

namespace certintake::synth {
namespace {

cv::Matx23d Compose(const cv::Matx23d& second, const cv::Matx23d& first) {
  const cv::Matx33d a(second(0, 0), second(0, 1), second(0, 2), second(1, 0), second(1, 1), second(1, 2), 0, 0, 1);
  const cv::Matx33d b(first(0, 0), first(0, 1), first(0, 2), first(1, 0), first(1, 1), first(1, 2), 0, 0, 1);
  const cv::Matx33d c = a * b;
  return {c(0, 0), c(0, 1), c(0, 2), c(1, 0), c(1, 1), c(1, 2)};
}

cv::Point2d Apply(const cv::Matx23d& m, cv::Point2d p) {
  return {m(0, 0) * p.x + m(0, 1) * p.y + m(0, 2), m(1, 0) * p.x + m(1, 1) * p.y + m(1, 2)};
}

/// A smooth random field in [lo, hi], at `size`: random values on a coarse grid, interpolated.
cv::Mat SmoothField(cv::Size size, int cell_px, double lo, double hi, Rng& rng) {
  cv::Mat coarse(std::max(2, size.height / std::max(1, cell_px) + 2),
                 std::max(2, size.width / std::max(1, cell_px) + 2), CV_32F);
  FillUniform(coarse, lo, hi, rng);
  cv::Mat field;
  cv::resize(coarse, field, size, 0, 0, cv::INTER_CUBIC);
  return field;
}

/// A linear ramp a + b*x + c*y over `size`, as CV_32F.
cv::Mat Ramp(cv::Size size, double a, double bx, double cy) {
  cv::Mat xs(1, size.width, CV_32F);
  cv::Mat ys(size.height, 1, CV_32F);
  for (int x = 0; x < size.width; ++x) {
    xs.at<float>(0, x) = static_cast<float>(bx * x);
  }
  for (int y = 0; y < size.height; ++y) {
    ys.at<float>(y, 0) = static_cast<float>(a + cy * y);
  }
  return cv::repeat(xs, size.height, 1) + cv::repeat(ys, 1, size.width);
}

/// Multiplies every channel by `factor` (CV_32F, about 0.5..1), in 8-bit arithmetic.
void MultiplyBy(cv::Mat& bgr, const cv::Mat& factor) {
  cv::Mat factor8;
  factor.convertTo(factor8, CV_8U, 255.0);
  std::vector<cv::Mat> channels;
  cv::split(bgr, channels);
  for (cv::Mat& channel : channels) {
    cv::multiply(channel, factor8, channel, 1.0 / 255);
  }
  cv::merge(channels, bgr);
}

/// The halftone screen a copier lays over greys: dots on a rotated grid, as a threshold map.
cv::Mat Screen(cv::Size size, double period_px, double angle) {
  const double k = 2 * std::numbers::pi / period_px;
  const cv::Mat u = Ramp(size, 0, k * std::cos(angle), k * std::sin(angle));
  const cv::Mat v = Ramp(size, 0, -k * std::sin(angle), k * std::cos(angle));
  cv::Mat ones(size, CV_32F, cv::Scalar(1));
  cv::Mat cos_u;
  cv::Mat sin_u;
  cv::Mat cos_v;
  cv::Mat sin_v;
  cv::polarToCart(ones, u, cos_u, sin_u);
  cv::polarToCart(ones, v, cos_v, sin_v);
  return (cos_u + cos_v) * (255.0 / 4) + 127.5;  // 0..255
}

}  // namespace

Piece Photocopy(const Piece& original, double px_per_mm, const CopyLook& look, Rng& rng) {
  const int margin = static_cast<int>(std::lround(look.margin_mm * px_per_mm));
  const cv::Size size(original.image.cols + 2 * margin, original.image.rows + 2 * margin);
  const bool lid_open = rng.Chance(0.15);
  const double lid = lid_open ? rng.Uniform(40, 80) : rng.Uniform(235, 250);

  // The original lies on the glass a little crooked; where it has no paper the lid shows.
  const double tilt = margin > 0 ? rng.Uniform(-1.2, 1.2) : rng.Uniform(-0.3, 0.3);
  const cv::Point2d centre(size.width / 2.0, size.height / 2.0);
  cv::Matx23d place = cv::getRotationMatrix2D(centre, tilt, 1.0);
  place(0, 2) += margin;
  place(1, 2) += margin;
  cv::Mat content;
  cv::Mat paper_mask;
  cv::warpAffine(original.image, content, place, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(lid));
  cv::warpAffine(original.alpha, paper_mask, place, size, cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
  cv::Mat glass(size, CV_8UC3, cv::Scalar::all(lid));
  content.copyTo(glass, paper_mask > 127);
  // The original's edge throws a thin shadow line on the copy.
  if (margin > 0 || rng.Chance(0.5)) {
    const double w = original.image.cols;
    const double h = original.image.rows;
    std::vector<cv::Point> outline;
    for (cv::Point2d p : {cv::Point2d(0, 0), cv::Point2d(w, 0), cv::Point2d(w, h), cv::Point2d(0, h)}) {
      const cv::Point2d q = Apply(place, p);
      outline.emplace_back(static_cast<int>(q.x), static_cast<int>(q.y));
    }
    cv::polylines(glass, outline, true, cv::Scalar::all(rng.Uniform(90, 170)),
                  std::max(1, static_cast<int>(px_per_mm * rng.Uniform(0.1, 0.25))), cv::LINE_AA);
  }

  std::vector<cv::Mat> planes;
  if (look.colour) {
    cv::Mat hsv;
    cv::cvtColor(glass, hsv, cv::COLOR_BGR2HSV);
    std::vector<cv::Mat> hsv_planes;
    cv::split(hsv, hsv_planes);
    hsv_planes[1] *= rng.Uniform(0.55, 0.8);
    cv::merge(hsv_planes, hsv);
    cv::cvtColor(hsv, glass, cv::COLOR_HSV2BGR);
    cv::split(glass, planes);
  } else {
    cv::Mat grey;
    cv::cvtColor(glass, grey, cv::COLOR_BGR2GRAY);
    planes = {grey};
  }

  const double blur = rng.Uniform(0.5, 0.9) * px_per_mm / 11.8;
  const double black = rng.Uniform(30, 65);
  const double white = rng.Uniform(180, 215);
  const double gamma = rng.Uniform(1.05, 1.4);
  const double period = px_per_mm * 25.4 / rng.Uniform(65, 110);  // a coarse copier screen, in px
  const double fog = rng.Uniform(236, 250);
  for (std::size_t i = 0; i < planes.size(); ++i) {
    cv::Mat v;
    planes[i].convertTo(v, CV_32F);
    cv::GaussianBlur(v, v, cv::Size(0, 0), blur);
    v = (v - black) * (1.0 / (white - black));
    cv::max(v, 0.0, v);
    cv::min(v, 1.0, v);
    cv::pow(v, gamma, v);
    v *= 255.0;
    // Mid-tones (tints, logos, seals, pencil) break into the screen's dots; black text and white
    // paper stay solid.
    const cv::Mat screen = Screen(v.size(), period, std::numbers::pi / 4 + 0.26 * static_cast<double>(i));
    cv::Mat dots = (v > screen);
    dots.convertTo(dots, CV_32F, 1.0 / 255);
    dots = dots * 245.0 + 10.0;
    cv::Mat mid = cv::abs(v - 128.0) * (1.0 / 128.0);
    mid = 1.0 - mid;
    cv::min(mid * 1.6, 1.0, mid);
    v = v.mul(1.0 - mid) + dots.mul(mid);
    cv::GaussianBlur(v, v, cv::Size(0, 0), 0.45 * px_per_mm / 11.8);
    v *= fog / 255.0;
    v.convertTo(planes[i], CV_8U);
  }
  cv::Mat copy;
  if (planes.size() == 1) {
    cv::cvtColor(planes[0], copy, cv::COLOR_GRAY2BGR);
  } else {
    cv::merge(planes, copy);
  }

  // Toner specks in the blank areas, and a darker band where the lid let light in.
  const double area_cm2 = size.area() / (px_per_mm * px_per_mm * 100.0);
  const int specks = static_cast<int>(area_cm2 * rng.Uniform(1, 9));
  for (int i = 0; i < specks; ++i) {
    const cv::Point p(rng.Int(0, size.width - 1), rng.Int(0, size.height - 1));
    const double r = rng.Uniform(0.4, 1.6) * px_per_mm / 11.8;
    cv::circle(copy, p, std::max(1, static_cast<int>(r)), cv::Scalar::all(rng.Uniform(30, 140)), cv::FILLED,
               cv::LINE_AA);
  }
  if (rng.Chance(0.6)) {
    const int side = rng.Int(0, 3);
    const double band = rng.Uniform(1.5, 6) * px_per_mm;
    const double depth = rng.Uniform(0.25, 0.7);
    cv::Mat factor;
    switch (side) {
      case 0: factor = Ramp(size, -1.0, 1.0 / band, 0); break;
      case 1: factor = Ramp(size, -1.0 + size.width / band, -1.0 / band, 0); break;
      case 2: factor = Ramp(size, -1.0, 0, 1.0 / band); break;
      default: factor = Ramp(size, -1.0 + size.height / band, 0, -1.0 / band); break;
    }
    // factor < 0 inside the band: darken there, smoothly.
    cv::min(factor, 0.0, factor);
    factor = 1.0 + factor * depth;
    cv::max(factor, 1.0 - depth, factor);
    MultiplyBy(copy, factor);
  }
  Piece piece;
  piece.image = copy;
  piece.alpha = cv::Mat(size, CV_8U, cv::Scalar(255));
  return piece;
}

void AgePaper(Piece& piece, double px_per_mm, Rng& rng) {
  const cv::Size size = piece.image.size();
  const double span = std::max(size.width, size.height);
  const double depth = rng.Uniform(0.0, 0.04);
  const double angle = rng.Uniform(0, 2 * std::numbers::pi);
  cv::Mat factor = Ramp(size, 1.0 - depth, -depth * std::cos(angle) / span, -depth * std::sin(angle) / span);
  factor += SmoothField(size, static_cast<int>(20 * px_per_mm), -0.008, 0.008, rng) + depth;
  cv::min(factor, 1.0, factor);
  MultiplyBy(piece.image, factor);
}

std::array<cv::Point2d, 4> Paste(cv::Mat& sheet, const Piece& piece, cv::Point2d centre_px, double angle_degrees,
                                 double px_per_mm, double shadow_strength, Rng& rng) {
  const cv::Point2d piece_centre(piece.image.cols / 2.0, piece.image.rows / 2.0);
  cv::Matx23d m = cv::getRotationMatrix2D(piece_centre, angle_degrees, 1.0);
  m(0, 2) += centre_px.x - piece_centre.x;
  m(1, 2) += centre_px.y - piece_centre.y;
  const double w = piece.image.cols;
  const double h = piece.image.rows;
  const std::array<cv::Point2d, 4> corners = {Apply(m, {0, 0}), Apply(m, {w, 0}), Apply(m, {w, h}), Apply(m, {0, h})};
  double x0 = corners[0].x;
  double y0 = corners[0].y;
  double x1 = x0;
  double y1 = y0;
  for (const cv::Point2d& p : corners) {
    x0 = std::min(x0, p.x);
    y0 = std::min(y0, p.y);
    x1 = std::max(x1, p.x);
    y1 = std::max(y1, p.y);
  }
  const int pad = static_cast<int>(std::ceil(px_per_mm * 1.5));
  const cv::Rect want(static_cast<int>(std::floor(x0)) - pad, static_cast<int>(std::floor(y0)) - pad,
                      static_cast<int>(std::ceil(x1 - x0)) + 2 * pad, static_cast<int>(std::ceil(y1 - y0)) + 2 * pad);
  const cv::Rect roi = want & cv::Rect(0, 0, sheet.cols, sheet.rows);
  if (roi.empty()) {
    return corners;
  }
  cv::Matx23d local = m;
  local(0, 2) -= roi.x;
  local(1, 2) -= roi.y;
  cv::Mat image;
  cv::Mat alpha;
  cv::warpAffine(piece.image, image, local, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar::all(0));
  cv::warpAffine(piece.alpha, alpha, local, roi.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
  alpha.convertTo(alpha, CV_32F, 1.0 / 255);

  // The shadow of a slightly lifted edge, offset toward the scanner's light.
  cv::Mat shadow;
  const double sigma = rng.Uniform(0.12, 0.3) * px_per_mm;
  const cv::Matx23d offset(1, 0, rng.Uniform(0.05, 0.2) * px_per_mm, 0, 1, rng.Uniform(0.08, 0.25) * px_per_mm);
  cv::warpAffine(alpha, shadow, offset, alpha.size());
  cv::GaussianBlur(shadow, shadow, cv::Size(0, 0), sigma);
  cv::Mat eroded;
  cv::erode(alpha, eroded, cv::Mat());
  const cv::Mat edge = alpha - eroded;

  cv::Mat base;
  sheet(roi).convertTo(base, CV_32FC3);
  cv::Mat shade = 1.0 - shadow * shadow_strength - edge * rng.Uniform(0.05, 0.14);
  cv::Mat shade3;
  cv::merge(std::vector<cv::Mat>{shade, shade, shade}, shade3);
  base = base.mul(shade3);
  cv::Mat top;
  image.convertTo(top, CV_32FC3);
  cv::Mat a3;
  cv::merge(std::vector<cv::Mat>{alpha, alpha, alpha}, a3);
  base = base.mul(cv::Scalar::all(1.0) - a3) + top.mul(a3);
  base.convertTo(sheet(roi), CV_8UC3);
  return corners;
}

void Tape(cv::Mat& sheet, cv::Point2d corner, cv::Point2d towards_centre, double px_per_mm, Rng& rng) {
  const cv::Point2d direction = towards_centre - corner;
  const double length = cv::norm(direction);
  if (length < 1) {
    return;
  }
  // A strip about 15 × 30 mm laid diagonally over the corner.
  const cv::Point2d along = direction / length;
  const cv::Point2d across(-along.y, along.x);
  const double half_length = rng.Uniform(12, 18) * px_per_mm;
  const double half_width = rng.Uniform(6, 9) * px_per_mm;
  const cv::Point2d centre = corner + along * rng.Uniform(-2, 3) * px_per_mm;
  std::vector<cv::Point> strip;
  for (const auto& [a, b] : {std::pair{1, 1}, std::pair{1, -1}, std::pair{-1, -1}, std::pair{-1, 1}}) {
    const cv::Point2d p = centre + across * (a * half_length) + along * (b * half_width);
    strip.emplace_back(static_cast<int>(p.x), static_cast<int>(p.y));
  }
  const cv::Rect box = cv::boundingRect(strip) & cv::Rect(0, 0, sheet.cols, sheet.rows);
  if (box.empty()) {
    return;
  }
  for (cv::Point& p : strip) {
    p -= box.tl();
  }
  cv::Mat mask(box.size(), CV_8U, cv::Scalar(0));
  cv::fillConvexPoly(mask, strip, cv::Scalar(static_cast<int>(rng.Uniform(8, 22))), cv::LINE_AA);
  MultiplyInk(sheet, mask, box.tl(), cv::Scalar(150, 200, 210));
}

cv::Mat BlankPaper(cv::Size size, const cv::Scalar& tone, Rng& rng) {
  // Fibre texture: a coarse random grid, interpolated up in one 8-bit resize.
  const int cell = std::max(4, size.width / 300);
  cv::Mat fibres(size.height / cell + 2, size.width / cell + 2, CV_32F);
  FillUniform(fibres, -2.5, 2.5, rng);
  std::vector<cv::Mat> planes(3);
  for (int c = 0; c < 3; ++c) {
    fibres.convertTo(planes[static_cast<std::size_t>(c)], CV_8U, 1.0, tone[c]);
  }
  cv::Mat coarse;
  cv::merge(planes, coarse);
  cv::Mat sheet;
  cv::resize(coarse, sheet, size, 0, 0, cv::INTER_CUBIC);
  return sheet;
}

cv::Matx23d PrintForm(cv::Mat& sheet, const cv::Mat& form, double px_per_mm, Rng& rng) {
  cv::Mat toner;
  cv::subtract(cv::Scalar(255), form, toner);  // toner coverage, 8-bit
  const cv::Point2d centre(form.cols / 2.0, form.rows / 2.0);
  const double scale = rng.Chance(0.4) ? rng.Uniform(0.955, 0.985) : rng.Uniform(0.993, 1.003);
  cv::Matx23d m = cv::getRotationMatrix2D(centre, rng.Uniform(-0.35, 0.35), scale);
  m(0, 2) += rng.Uniform(-2.5, 2.5) * px_per_mm;
  m(1, 2) += rng.Uniform(-2.5, 2.5) * px_per_mm;
  cv::warpAffine(toner, toner, m, sheet.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(0));
  // Uneven density over the page, and sometimes a pale streak from a worn drum.
  cv::Mat density(8, 6, CV_32F);
  FillUniform(density, 0.9, 1.0, rng);
  density *= rng.Uniform(0.72, 1.0) * 255.0;
  cv::Mat density8;
  density.convertTo(density8, CV_8U);
  cv::resize(density8, density8, sheet.size(), 0, 0, cv::INTER_LINEAR);
  cv::multiply(toner, density8, toner, 1.0 / 255);
  if (rng.Chance(0.15)) {
    const int x = rng.Int(0, sheet.cols - 1);
    const int width = static_cast<int>(rng.Uniform(3, 15) * px_per_mm);
    const cv::Rect band = cv::Rect(x, 0, width, sheet.rows) & cv::Rect(0, 0, sheet.cols, sheet.rows);
    cv::Mat streak = toner(band);
    streak.convertTo(streak, CV_8U, rng.Uniform(0.45, 0.8));
  }
  cv::GaussianBlur(toner, toner, cv::Size(0, 0), rng.Uniform(0.3, 0.7) * px_per_mm / 11.8);
  const double black = rng.Uniform(20, 45);
  MultiplyInk(sheet, toner, cv::Point(0, 0), cv::Scalar(black + rng.Uniform(0, 8), black, black));
  return m;
}

void Handle(cv::Mat& sheet, double px_per_mm, bool folded, bool punched, const cv::Scalar& backing, Rng& rng) {
  if (folded) {
    for (double third : {1.0 / 3, 2.0 / 3}) {
      const int y = static_cast<int>(sheet.rows * third + rng.Uniform(-4, 4) * px_per_mm);
      const double tilt = rng.Uniform(-1.5, 1.5) * px_per_mm;
      // A crease: a thin dark line with a soft shade on one side where the paper still bends.
      const int shade = static_cast<int>(rng.Uniform(2, 6) * px_per_mm);
      const int side = rng.Chance(0.5) ? 1 : -1;
      const cv::Rect band =
          cv::Rect(0, std::min(y, y + side * shade), sheet.cols, shade) & cv::Rect(0, 0, sheet.cols, sheet.rows);
      if (!band.empty()) {
        cv::Mat ramp = Ramp(band.size(), 0, 0, 1.0 / band.height);
        if (side < 0) {
          cv::flip(ramp, ramp, 0);
        }
        cv::Mat factor = 1.0 - (1.0 - ramp) * rng.Uniform(0.01, 0.035);
        cv::Mat part = sheet(band);
        MultiplyBy(part, factor);
      }
      cv::line(sheet, cv::Point(0, y), cv::Point(sheet.cols, static_cast<int>(y + tilt)),
               cv::Scalar::all(rng.Uniform(175, 215)), 1, cv::LINE_AA);
    }
  }
  if (punched) {
    const double x = rng.Uniform(9, 13) * px_per_mm;
    const double radius = 3 * px_per_mm;
    for (double y : {sheet.rows / 2.0 - 40 * px_per_mm, sheet.rows / 2.0 + 40 * px_per_mm}) {
      cv::circle(sheet, cv::Point(static_cast<int>(x), static_cast<int>(y)), static_cast<int>(radius), backing,
                 cv::FILLED, cv::LINE_AA);
    }
  }
}

ScanSettings RandomScanSettings(bool colour, double px_per_mm, Rng& rng) {
  ScanSettings s;
  s.colour = colour;
  s.skew_degrees = std::clamp(rng.Normal(0, 0.55), -1.6, 1.6);
  s.shift_px = cv::Point2d(rng.Uniform(-1.5, 1.5), rng.Uniform(-1.5, 1.5)) * px_per_mm;
  s.blur_px = rng.Uniform(0.3, 1.0) * px_per_mm / 11.8;
  s.noise = rng.Uniform(1.2, 4.0);
  if (colour) {
    s.gain = cv::Scalar(rng.Uniform(0.975, 1.01), rng.Uniform(0.985, 1.01), rng.Uniform(0.98, 1.015));
  }
  const double lift = rng.Uniform(-6, 5);
  s.offset = cv::Scalar(lift + rng.Uniform(-1.5, 1.5), lift, lift + rng.Uniform(-1.5, 1.5));
  if (rng.Chance(0.55)) {
    s.white_point = rng.Uniform(228, 246);
    s.black_point = rng.Uniform(0, 18);
  }
  s.backing = rng.Chance(0.8) ? cv::Scalar::all(rng.Uniform(225, 248)) : cv::Scalar::all(rng.Uniform(35, 70));
  return s;
}

cv::Mat Scan(const cv::Mat& sheet, const ScanSettings& settings, Rng& rng, cv::Matx23d* transform) {
  const cv::Point2d centre(sheet.cols / 2.0, sheet.rows / 2.0);
  cv::Matx23d m = cv::getRotationMatrix2D(centre, settings.skew_degrees, 1.0);
  m(0, 2) += settings.shift_px.x;
  m(1, 2) += settings.shift_px.y;
  cv::Mat page;
  cv::warpAffine(sheet, page, m, sheet.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, settings.backing);
  // The paper's own edge, where the backing shows.
  std::vector<cv::Point> outline;
  for (cv::Point2d p : {cv::Point2d(0, 0), cv::Point2d(sheet.cols, 0), cv::Point2d(sheet.cols, sheet.rows),
                        cv::Point2d(0, sheet.rows)}) {
    const cv::Point2d q = Apply(m, p);
    outline.emplace_back(static_cast<int>(q.x), static_cast<int>(q.y));
  }
  cv::polylines(page, outline, true, cv::Scalar::all(rng.Uniform(120, 190)), 1, cv::LINE_AA);

  if (settings.blur_px > 0.05) {
    cv::GaussianBlur(page, page, cv::Size(0, 0), settings.blur_px);
  }
  const cv::Matx34f cast(static_cast<float>(settings.gain[0]), 0, 0, static_cast<float>(settings.offset[0]), 0,
                         static_cast<float>(settings.gain[1]), 0, static_cast<float>(settings.offset[1]), 0, 0,
                         static_cast<float>(settings.gain[2]), static_cast<float>(settings.offset[2]));
  cv::transform(page, page, cast);
  // Dust on the glass.
  for (int i = rng.Int(0, 5); i > 0; --i) {
    cv::circle(page, cv::Point(rng.Int(0, page.cols - 1), rng.Int(0, page.rows - 1)), rng.Int(1, 3),
               cv::Scalar::all(rng.Uniform(40, 120)), cv::FILLED, cv::LINE_AA);
  }
  if (!settings.colour) {
    cv::cvtColor(page, page, cv::COLOR_BGR2GRAY);
  }
  cv::Mat noise(page.size(), CV_8SC(page.channels()));
  FillNormal(noise, 0, settings.noise, rng);
  cv::add(page, noise, page, cv::noArray(), page.type());

  if (settings.white_point < 255 || settings.black_point > 0) {
    cv::Mat lut(1, 256, CV_8U);
    const double range = std::max(1.0, settings.white_point - settings.black_point);
    for (int v = 0; v < 256; ++v) {
      lut.at<uchar>(v) = cv::saturate_cast<uchar>((v - settings.black_point) * 255.0 / range);
    }
    cv::LUT(page, lut, page);
  }
  cv::Matx23d total = m;
  // Turn the page so that it needs `rotation_degrees` clockwise to stand upright again.
  const double w = page.cols;
  const double h = page.rows;
  if (settings.rotation_degrees == 180) {
    cv::rotate(page, page, cv::ROTATE_180);
    total = Compose(cv::Matx23d(-1, 0, w, 0, -1, h), m);
  } else if (settings.rotation_degrees == 90) {
    cv::rotate(page, page, cv::ROTATE_90_COUNTERCLOCKWISE);
    total = Compose(cv::Matx23d(0, 1, 0, -1, 0, w), m);
  } else if (settings.rotation_degrees == 270) {
    cv::rotate(page, page, cv::ROTATE_90_CLOCKWISE);
    total = Compose(cv::Matx23d(0, -1, h, 1, 0, 0), m);
  }
  if (settings.pre_jpeg_quality > 0) {
    std::vector<unsigned char> bytes;
    cv::imencode(".jpg", page, bytes, {cv::IMWRITE_JPEG_QUALITY, settings.pre_jpeg_quality});
    page = cv::imdecode(bytes, settings.colour ? cv::IMREAD_COLOR : cv::IMREAD_GRAYSCALE);
  }
  if (transform != nullptr) {
    *transform = total;
  }
  return page;
}

}  // namespace certintake::synth
