#pragma once

// What happens to paper between the printer and the scan: photocopying, pasting onto a sheet,
// printing the office's forms, and the scanner itself.

#include <array>
#include <opencv2/core.hpp>

#include "random.hpp"

namespace certintake::synth {

/// A piece of paper at page resolution: BGR pixels and where there is paper (alpha 255).
struct Piece {
  cv::Mat image;
  cv::Mat alpha;
};

struct CopyLook {
  bool colour = false;   ///< a colour copy (still loses ink's look)
  double margin_mm = 0;  ///< copier paper left around the original when trimmed
};

/// A photocopy of `original`: toner instead of ink, crushed contrast, a halftone screen on greys
/// and colours, toner specks, the original's outline and a lid shadow, trimmed with scissors.
Piece Photocopy(const Piece& original, double px_per_mm, const CopyLook& look, Rng& rng);

/// Gives an original piece its paper: faint tone variation and a slight curl in the light.
void AgePaper(Piece& piece, double px_per_mm, Rng& rng);

/// Pastes `piece` onto `sheet` (BGR) with its centre at `centre_px`, turned `angle_degrees`
/// counter-clockwise, with a faint shadow and a visible cut edge. Returns the piece's corners
/// (top-left, top-right, bottom-right, bottom-left of the piece) on the sheet.
std::array<cv::Point2d, 4> Paste(cv::Mat& sheet, const Piece& piece, cv::Point2d centre_px, double angle_degrees,
                                 double px_per_mm, double shadow_strength, Rng& rng);

/// Clear tape over a piece's corner: a faint, sharp-edged sheen across the paper edge.
void Tape(cv::Mat& sheet, cv::Point2d corner, cv::Point2d towards_centre, double px_per_mm, Rng& rng);

/// A blank sheet with the paper's tone and a little fibre texture.
cv::Mat BlankPaper(cv::Size size, const cv::Scalar& tone, Rng& rng);

/// Prints a rendered form (grey, 255 = white) onto `sheet`, as an office printer does: a little
/// shrunk or shifted, slightly turned, with uneven toner. Returns the map from form pixels to
/// sheet pixels.
cv::Matx23d PrintForm(cv::Mat& sheet, const cv::Mat& form, double px_per_mm, Rng& rng);

/// What mailing does to a sheet: creases where it was folded in three for the envelope, and
/// sometimes two punched holes (through which the scanner's backing shows).
void Handle(cv::Mat& sheet, double px_per_mm, bool folded, bool punched, const cv::Scalar& backing, Rng& rng);

struct ScanSettings {
  bool colour = true;
  /// How far the stored page must be turned clockwise to stand upright: 0, 90 or 270 for a
  /// sheet laid sideways on a flatbed, 180 for one fed upside down.
  int rotation_degrees = 0;
  double skew_degrees = 0;  ///< counter-clockwise
  cv::Point2d shift_px;
  double blur_px = 0.5;
  double noise = 2.0;
  cv::Scalar gain{1, 1, 1};
  cv::Scalar offset{0, 0, 0};
  cv::Scalar backing{235, 235, 235};  ///< what the scanner sees where there is no paper
  int pre_jpeg_quality = 0;           ///< >0: the scanner compressed internally (lossless files)
  double white_point = 255;           ///< <255: the driver's background removal clips paper to white
  double black_point = 0;
};

ScanSettings RandomScanSettings(bool colour, double px_per_mm, Rng& rng);

/// Scans a sheet to a page image of the same size; `transform` maps sheet pixels to stored page
/// pixels (skew, shift and the turn of a sheet fed upside down or laid sideways).
cv::Mat Scan(const cv::Mat& sheet, const ScanSettings& settings, Rng& rng, cv::Matx23d* transform);

}  // namespace certintake::synth
