#pragma once

// Fonts and a millimetre-based drawing surface for paper: certificates, forms and pages are all
// drawn on a Canvas whose unit is the millimetre, at the scan's resolution.

#include <opencv2/core.hpp>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace certintake::synth {

enum class FontId {
  kSans,
  kSansBold,
  kSerif,
  kSerifBold,
  kIpaGothic,
  kIpaMincho,
  kIpaexGothic,
  kIpaexMincho,
  kKleeOne,
  kKleeOneSemiBold,
  kSeto,
  kKiloji,
  kKilojiB,
};

/// Print fonts for certificate bodies and handwriting-style fonts for names.
std::span<const FontId> PrintFonts();
std::span<const FontId> HandwritingFonts();

/// Throws Error(kUsage) naming the first font file that is missing and its Debian package.
void CheckFontsInstalled();

/// The UTF-8 characters of `text`, one string each.
std::vector<std::string> SplitCharacters(std::string_view text);

/// Width in pixels of `text` at an em size of `em_px`.
double TextWidthPx(std::string_view text, FontId font, double em_px);

/// Whether `font` has a glyph for the one character `character` (not the "tofu" box).
bool HasGlyph(FontId font, const std::string& character);

/// Draws text with its em box's top edge at `top_left.y`, blending `colour` into a BGR image.
void DrawTextPx(cv::Mat& bgr, std::string_view text, FontId font, double em_px, cv::Point2d top_left,
                const cv::Scalar& colour);

/// A single-channel coverage mask (0..255) of `text`, with `margin_px` on every side.
cv::Mat TextMask(std::string_view text, FontId font, double em_px, int margin_px);

/// Multiplies a colourant into a BGR image, as ink and toner do on paper: where `alpha` (CV_32F,
/// 0..1) is 1 the paper takes `colour`, over dark print it darkens further.
void MultiplyInk(cv::Mat& bgr, const cv::Mat& alpha, cv::Point origin, const cv::Scalar& colour);

enum class Align { kLeft, kCentre, kRight };

/// A sheet or card being drawn on, in millimetres.
class Canvas {
 public:
  Canvas(cv::Size2d size_mm, double px_per_mm, const cv::Scalar& paper);

  cv::Mat& Image() { return image_; }
  [[nodiscard]] const cv::Mat& Image() const { return image_; }
  [[nodiscard]] double PxPerMm() const { return px_per_mm_; }
  [[nodiscard]] cv::Size2d SizeMm() const { return size_mm_; }
  [[nodiscard]] double Px(double mm) const { return mm * px_per_mm_; }
  [[nodiscard]] cv::Point2d Px(cv::Point2d mm) const { return mm * px_per_mm_; }
  [[nodiscard]] cv::Rect2d Px(const cv::Rect2d& mm) const {
    return {mm.x * px_per_mm_, mm.y * px_per_mm_, mm.width * px_per_mm_, mm.height * px_per_mm_};
  }

  [[nodiscard]] double TextWidth(std::string_view text, FontId font, double size_mm) const;
  /// Draws one line with the top of its em box at `at.y`, aligned on `at.x`; shrinks it to fit
  /// `max_width_mm` when given. Returns the width drawn, in mm.
  double Text(std::string_view text, FontId font, double size_mm, cv::Point2d at, Align align, const cv::Scalar& colour,
              double max_width_mm = 0);
  /// Draws characters spread out with `spacing_em` of extra space between them (titles).
  double SpacedText(std::string_view text, FontId font, double size_mm, cv::Point2d at, Align align,
                    const cv::Scalar& colour, double spacing_em);
  /// Wraps `text` into lines of at most `width_mm`; returns the y below the last line.
  double Paragraph(std::string_view text, FontId font, double size_mm, cv::Point2d top_left, double width_mm,
                   double line_spacing, const cv::Scalar& colour);

  void Line(cv::Point2d a, cv::Point2d b, double width_mm, const cv::Scalar& colour);
  void DashedLine(cv::Point2d a, cv::Point2d b, double width_mm, double dash_mm, const cv::Scalar& colour);
  void Frame(const cv::Rect2d& rect, double width_mm, const cv::Scalar& colour);
  void Fill(const cv::Rect2d& rect, const cv::Scalar& colour);
  void Circle(cv::Point2d centre, double radius_mm, double width_mm, const cv::Scalar& colour);
  void Disc(cv::Point2d centre, double radius_mm, const cv::Scalar& colour);

 private:
  cv::Mat image_;
  cv::Size2d size_mm_;
  double px_per_mm_;
};

}  // namespace certintake::synth
