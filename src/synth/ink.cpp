#include "ink.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <opencv2/ximgproc.hpp>
#include <string>
#include <vector>

namespace certintake::synth {
namespace {

constexpr double kReferenceEm = 128;  // glyph skeletons are traced once at this size
constexpr int kReferenceMargin = 16;

/// A character's skeleton as a distance map: each pixel holds its distance to the nearest
/// skeleton pixel at the reference size. Drawing with a round pen of width w covers the pixels
/// closer than w/2, at any scale, after one warp of this map.
struct Glyph {
  cv::Mat distance;    // CV_32F
  double advance = 0;  // in em
};

const Glyph& GlyphFor(FontId font, const std::string& character) {
  static std::map<std::pair<FontId, std::string>, Glyph> cache;
  const auto key = std::make_pair(font, character);
  if (auto found = cache.find(key); found != cache.end()) {
    return found->second;
  }
  const cv::Mat mask = TextMask(character, font, kReferenceEm, kReferenceMargin);
  cv::Mat binary;
  cv::threshold(mask, binary, 110, 255, cv::THRESH_BINARY);
  cv::Mat skeleton;
  if (cv::countNonZero(binary) > 0) {
    cv::ximgproc::thinning(binary, skeleton, cv::ximgproc::THINNING_ZHANGSUEN);
  } else {
    skeleton = binary;
  }
  Glyph glyph;
  cv::Mat background = skeleton == 0;
  if (cv::countNonZero(skeleton) == 0) {
    glyph.distance = cv::Mat(mask.size(), CV_32F, cv::Scalar(1e4));
  } else {
    cv::distanceTransform(background, glyph.distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  }
  glyph.advance = TextWidthPx(character, font, kReferenceEm) / kReferenceEm;
  return cache.emplace(key, std::move(glyph)).first->second;
}

struct PenLook {
  cv::Scalar colour;  // BGR of full ink
  double width_mm;
  double strength;  // 0..1, how much of the ink colour a fully covered pixel takes
  double grain;     // 0 for ink; fraction of missing graphite for pencil
  double unevenness;
};

PenLook LookOf(Pen pen, Rng& rng) {
  switch (pen) {
    case Pen::kBallpointBlack:
      return {cv::Scalar(rng.Uniform(25, 45), rng.Uniform(20, 35), rng.Uniform(20, 35)), rng.Uniform(0.3, 0.45),
              rng.Uniform(0.85, 0.97), 0.0, 0.25};
    case Pen::kBallpointBlue:
      return {cv::Scalar(rng.Uniform(140, 175), rng.Uniform(50, 80), rng.Uniform(20, 45)), rng.Uniform(0.3, 0.45),
              rng.Uniform(0.85, 0.97), 0.0, 0.25};
    case Pen::kMarker:
      return {cv::Scalar(rng.Uniform(15, 30), rng.Uniform(15, 30), rng.Uniform(15, 30)), rng.Uniform(0.55, 0.95), 1.0,
              0.0, 0.05};
    case Pen::kPencil: break;
  }
  const double grey = rng.Uniform(70, 105);
  return {cv::Scalar(grey + 4, grey + 1, grey), rng.Uniform(0.3, 0.5), rng.Uniform(0.5, 0.75), rng.Uniform(0.3, 0.5),
          0.3};
}

/// Multiplies the ink into the image: paper under full ink takes the ink's colour.
void Deposit(cv::Mat& bgr, const cv::Mat& coverage, cv::Point origin, const PenLook& look, Rng& rng) {
  const cv::Rect target = cv::Rect(origin, coverage.size()) & cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (target.empty()) {
    return;
  }
  cv::Mat alpha = coverage(cv::Rect(target.tl() - origin, target.size())).clone();
  // Pressure and ink flow: a slow variation along the strokes.
  if (look.unevenness > 0) {
    cv::Mat flow(std::max(2, alpha.rows / 12), std::max(2, alpha.cols / 12), CV_32F);
    FillUniform(flow, 1.0 - look.unevenness, 1.0, rng);
    cv::resize(flow, flow, alpha.size(), 0, 0, cv::INTER_CUBIC);
    alpha = alpha.mul(flow);
  }
  if (look.grain > 0) {
    // Graphite sits on the paper fibres' peaks: speckled, with holes.
    cv::Mat grain(alpha.size(), CV_32F);
    FillUniform(grain, 0, 1, rng);
    cv::GaussianBlur(grain, grain, cv::Size(3, 3), 0.6);
    cv::Mat holes;
    cv::threshold(grain, holes, look.grain, 1.0, cv::THRESH_BINARY);
    alpha = alpha.mul(holes * 0.75 + 0.25);
  }
  alpha *= look.strength;
  cv::min(alpha, 1.0, alpha);
  MultiplyInk(bgr, alpha, target.tl(), look.colour);
}

}  // namespace

Hand RandomHand(Rng& rng) {
  Hand hand;
  const std::span<const FontId> fonts = HandwritingFonts();
  hand.font = fonts[rng.Index(fonts.size())];
  hand.slant = rng.Uniform(-0.05, 0.2);
  hand.size_jitter = rng.Uniform(0.04, 0.11);
  hand.angle_jitter = rng.Uniform(2, 6);
  hand.rise = rng.Uniform(-0.03, 0.04);
  hand.spacing = rng.Uniform(-0.05, 0.15);
  hand.pressure = rng.Uniform(0.85, 1.0);
  return hand;
}

Pen RandomInkPen(Rng& rng) {
  const std::size_t pick = rng.Weighted({5, 3, 2});
  return pick == 0 ? Pen::kBallpointBlack : pick == 1 ? Pen::kBallpointBlue : Pen::kMarker;
}

cv::Rect WriteByHand(cv::Mat& bgr, std::string_view text, const cv::Rect2d& box, const Hand& hand, Pen pen,
                     double px_per_mm, Rng& rng, double max_em_mm) {
  const std::vector<std::string> characters = SplitCharacters(text);
  if (characters.empty() || box.width < 2 || box.height < 2) {
    return {};
  }
  PenLook look = LookOf(pen, rng);
  look.strength *= hand.pressure;
  double pen_px = std::max(1.2, look.width_mm * px_per_mm);

  // Pick the em size: fill the height, shrink to the width.
  std::vector<const Glyph*> glyphs;
  double advance_em = 0;
  for (const std::string& c : characters) {
    const FontId font = HasGlyph(hand.font, c) ? hand.font : FontId::kKleeOne;
    glyphs.push_back(&GlyphFor(font, c));
    advance_em += glyphs.back()->advance + hand.spacing;
  }
  double em = std::min(box.height * 0.9, max_em_mm * px_per_mm);
  if (advance_em * em > box.width) {
    em = box.width / advance_em;
  }
  em *= rng.Uniform(0.9, 1.0);
  // Even a thick marker leaves dense kanji legible: people write bigger or the tip is finer.
  pen_px = std::min(pen_px, std::max(1.2, em * 0.085));
  const double line_width = advance_em * em;
  double x = box.x + rng.Uniform(0.0, std::max(0.0, box.width - line_width) * 0.6);
  const double top = box.y + (box.height - em) / 2 + rng.Uniform(-0.08, 0.08) * em;

  // All characters go onto one float coverage patch covering the box (with room for jitter).
  const int pad = static_cast<int>(std::ceil(em * 0.4 + pen_px));
  const cv::Rect area(static_cast<int>(std::floor(box.x)) - pad, static_cast<int>(std::floor(box.y)) - pad,
                      static_cast<int>(std::ceil(box.width)) + 2 * pad,
                      static_cast<int>(std::ceil(box.height)) + 2 * pad);
  cv::Mat coverage(area.size(), CV_32F, cv::Scalar(0));
  const double reference_px = kReferenceEm;
  for (std::size_t i = 0; i < glyphs.size(); ++i) {
    const Glyph& glyph = *glyphs[i];
    const double scale = em / reference_px * (1.0 + rng.Normal(0, hand.size_jitter));
    const double angle = rng.Normal(0, hand.angle_jitter) * std::numbers::pi / 180.0;
    const double shear = hand.slant + rng.Normal(0, 0.03);
    const double dy = (rng.Normal(0, 0.05) + hand.rise * static_cast<double>(i)) * em;
    // Reference glyph centre → its place in the coverage patch.
    const cv::Point2d centre_ref(kReferenceMargin + glyph.advance * kReferenceEm / 2, glyph.distance.rows / 2.0);
    const double glyph_w = glyph.advance * em;
    const cv::Point2d centre_out(x + glyph_w / 2 - area.x + rng.Normal(0, 0.03) * em,
                                 top + (glyph.distance.rows / 2.0 - kReferenceMargin) * scale - area.y + dy);
    const double c = std::cos(angle) * scale;
    const double s = std::sin(angle) * scale;
    // [a b; d e] = rotation*scale then shear in x.
    cv::Matx22d m(c + shear * s, -s + shear * c, s, c);
    const cv::Vec2d t = cv::Vec2d(centre_out.x, centre_out.y) - m * cv::Vec2d(centre_ref.x, centre_ref.y);
    const cv::Matx23d forward(m(0, 0), m(0, 1), t[0], m(1, 0), m(1, 1), t[1]);
    cv::Mat distance;
    cv::warpAffine(glyph.distance, distance, forward, coverage.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT,
                   cv::Scalar(1e4));
    // Distances shrink with the glyph; a round pen of pen_px covers what is within pen_px / 2.
    cv::Mat ink = (pen_px / 2 + 0.5) - distance * scale;
    cv::max(ink, 0.0, ink);
    cv::min(ink, 1.0, ink);
    cv::max(coverage, ink, coverage);
    x += (glyph.advance + hand.spacing) * em * (1.0 + rng.Normal(0, 0.04));
  }
  if (pen == Pen::kMarker) {
    cv::GaussianBlur(coverage, coverage, cv::Size(0, 0), 0.6);
  }
  Deposit(bgr, coverage, area.tl(), look, rng);
  cv::Mat nonzero = coverage > 0.05;
  const cv::Rect ink = cv::boundingRect(nonzero);
  return ink + area.tl();
}

void CircleByHand(cv::Mat& bgr, const cv::Rect2d& box, Pen pen, double px_per_mm, Rng& rng) {
  PenLook look = LookOf(pen, rng);
  const double pen_px = std::max(1.2, look.width_mm * px_per_mm);
  const int pad = static_cast<int>(pen_px * 2 + 4);
  const cv::Rect area(static_cast<int>(box.x) - pad, static_cast<int>(box.y) - pad,
                      static_cast<int>(box.width) + 2 * pad, static_cast<int>(box.height) + 2 * pad);
  cv::Mat skeleton(area.size(), CV_8U, cv::Scalar(255));
  std::vector<cv::Point> points;
  const double start = rng.Uniform(0, 2 * std::numbers::pi);
  const double sweep = 2 * std::numbers::pi * rng.Uniform(1.02, 1.15);
  for (int i = 0; i <= 80; ++i) {
    const double a = start + sweep * i / 80.0;
    const double wobble = 1.0 + 0.04 * std::sin(3 * a + start);
    points.emplace_back(static_cast<int>(pad + box.width / 2 + std::cos(a) * box.width / 2 * wobble),
                        static_cast<int>(pad + box.height / 2 + std::sin(a) * box.height / 2 * wobble));
  }
  cv::polylines(skeleton, points, false, cv::Scalar(0), 1);
  cv::Mat distance;
  cv::distanceTransform(skeleton, distance, cv::DIST_L2, cv::DIST_MASK_PRECISE);
  cv::Mat ink = (pen_px / 2 + 0.5) - distance;
  cv::max(ink, 0.0, ink);
  cv::min(ink, 1.0, ink);
  Deposit(bgr, ink, area.tl(), look, rng);
}

}  // namespace certintake::synth
