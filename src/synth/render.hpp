#pragma once

// Drawing a planned application: its pieces, its sheets, and the scanner's view of them.

#include <array>
#include <opencv2/core.hpp>
#include <vector>

#include "forms.hpp"
#include "paper.hpp"
#include "plan.hpp"

namespace certintake::synth {

/// A4 at `dpi`, in pixels.
cv::Size A4Pixels(int dpi);

/// A pasted piece: which one, and its corners on the sheet (sheet pixels).
struct PiecePosition {
  std::size_t piece = 0;
  std::array<cv::Point2d, 4> corners;
  double angle_degrees = 0;
};

struct RenderedSheet {
  cv::Mat image;  ///< BGR, A4 at the scan resolution
  std::vector<PiecePosition> pieces;
};

/// Draws one piece as the member hands it in: printed, named, perhaps copied.
Piece RenderPiece(const PiecePlan& plan, const ApplicationPlan& application, double px_per_mm);

/// Draws one sheet of an application (sheet index; -1 for the office's separator sheet).
RenderedSheet RenderSheet(const ApplicationPlan& application, int sheet, int dpi, FormLibrary& forms, Rng& rng);

}  // namespace certintake::synth
