#pragma once

// Handwriting: text drawn from a handwriting-style font with a pen model, one character at a
// time with its own jitter, so that no two names look printed.

#include <opencv2/core.hpp>
#include <string_view>

#include "canvas.hpp"
#include "random.hpp"

namespace certintake::synth {

enum class Pen {
  kBallpointBlack,  ///< thin, near-black, a little uneven
  kBallpointBlue,   ///< thin, blue
  kMarker,          ///< thick, solid black (マジック, sign pen)
  kPencil,          ///< grey graphite, grainy, lighter
};

/// One writer's habits, kept for all they write.
struct Hand {
  FontId font = FontId::kKleeOne;
  double slant = 0;           ///< shear, positive leans right
  double size_jitter = 0.06;  ///< relative
  double angle_jitter = 3;    ///< degrees
  double rise = 0;            ///< baseline climb per character, in em
  double spacing = 0.05;      ///< extra gap between characters, in em
  double pressure = 1;        ///< ink darkness factor
};

Hand RandomHand(Rng& rng);
Pen RandomInkPen(Rng& rng);

/// Writes `text` by hand into `box` (pixels) of a BGR image, at `px_per_mm`; characters are
/// sized to fill the box's height (at most `max_em_mm`) and shrink to fit its width. Returns the
/// box the ink covers.
cv::Rect WriteByHand(cv::Mat& bgr, std::string_view text, const cv::Rect2d& box, const Hand& hand, Pen pen,
                     double px_per_mm, Rng& rng, double max_em_mm = 8.0);

/// A hand-drawn ellipse (circling 昭和 on a form), with the pen's look.
void CircleByHand(cv::Mat& bgr, const cv::Rect2d& box, Pen pen, double px_per_mm, Rng& rng);

}  // namespace certintake::synth
