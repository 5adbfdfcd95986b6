#include "canvas.hpp"

#include <fmt/format.h>
#include <array>
#include <filesystem>
#include <map>
#include <memory>
#include <opencv2/freetype.hpp>
#include <opencv2/imgproc.hpp>

#include "certintake/core/error.hpp"

namespace certintake::synth {
namespace {

struct FontFile {
  FontId id;
  const char* path;
  int face;  // index inside a .ttc collection: 0 is the JP face of Noto CJK
  const char* package;
};

// Paths as Debian 12 installs them (fc-list); the packages are in scripts/setup.sh.
constexpr std::array kFontFiles = {
    FontFile{FontId::kSans, "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", 0, "fonts-noto-cjk"},
    FontFile{FontId::kSansBold, "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc", 0, "fonts-noto-cjk"},
    FontFile{FontId::kSerif, "/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", 0, "fonts-noto-cjk"},
    FontFile{FontId::kSerifBold, "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 0, "fonts-noto-cjk"},
    FontFile{FontId::kIpaGothic, "/usr/share/fonts/opentype/ipafont-gothic/ipag.ttf", 0, "fonts-ipafont-gothic"},
    FontFile{FontId::kIpaMincho, "/usr/share/fonts/opentype/ipafont-mincho/ipam.ttf", 0, "fonts-ipafont-mincho"},
    FontFile{FontId::kIpaexGothic, "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf", 0,
             "fonts-ipaexfont-gothic"},
    FontFile{FontId::kIpaexMincho, "/usr/share/fonts/opentype/ipaexfont-mincho/ipaexm.ttf", 0,
             "fonts-ipaexfont-mincho"},
    FontFile{FontId::kKleeOne, "/usr/share/fonts/truetype/klee/KleeOne-Regular.ttf", 0, "fonts-klee"},
    FontFile{FontId::kKleeOneSemiBold, "/usr/share/fonts/truetype/klee/KleeOne-SemiBold.ttf", 0, "fonts-klee"},
    FontFile{FontId::kSeto, "/usr/share/fonts/truetype/seto/setofont.ttf", 0, "fonts-seto"},
    FontFile{FontId::kKiloji, "/usr/share/fonts/truetype/kiloji/kiloji.ttf", 0, "fonts-kiloji"},
    FontFile{FontId::kKilojiB, "/usr/share/fonts/truetype/kiloji/kiloji_b.ttf", 0, "fonts-kiloji"},
};

constexpr std::array kPrintFonts = {FontId::kSans,      FontId::kSerif,       FontId::kIpaGothic,
                                    FontId::kIpaMincho, FontId::kIpaexGothic, FontId::kIpaexMincho};
constexpr std::array kHandwritingFonts = {FontId::kKleeOne, FontId::kKleeOneSemiBold, FontId::kSeto, FontId::kKiloji,
                                          FontId::kKilojiB};

// cv::line and cv::circle take fixed-point coordinates with this many fractional bits.
constexpr int kSubpixelBits = 4;
constexpr double kSubpixelScale = 1 << kSubpixelBits;

// Ideographs sit about 0.12 em below the origin OpenCV's FreeType2 uses for a top-left origin.
constexpr double kEmTopOffset = 0.12;

const FontFile& FileOf(FontId id) {
  for (const FontFile& file : kFontFiles) {
    if (file.id == id) {
      return file;
    }
  }
  throw Error(ErrorKind::kInternal, "unknown font id");
}

/// Loaded faces, kept for the life of the process: loading a 20 MB collection each time would
/// dominate the run time. The generator is single-threaded.
cv::freetype::FreeType2& Face(FontId id) {
  static std::map<FontId, cv::Ptr<cv::freetype::FreeType2>> faces;
  auto found = faces.find(id);
  if (found == faces.end()) {
    const FontFile& file = FileOf(id);
    if (!std::filesystem::exists(file.path)) {
      throw UsageError(
          fmt::format("font {} is missing: install the Debian package {} (scripts/setup.sh)", file.path, file.package));
    }
    cv::Ptr<cv::freetype::FreeType2> face = cv::freetype::createFreeType2();
    face->loadFontData(file.path, file.face);
    found = faces.emplace(id, face).first;
  }
  return *found->second;
}

int ToInt(double value) {
  return static_cast<int>(std::lround(value));
}

}  // namespace

std::span<const FontId> PrintFonts() {
  return kPrintFonts;
}
std::span<const FontId> HandwritingFonts() {
  return kHandwritingFonts;
}

void CheckFontsInstalled() {
  for (const FontFile& file : kFontFiles) {
    if (!std::filesystem::exists(file.path)) {
      throw UsageError(
          fmt::format("font {} is missing: install the Debian package {} (scripts/setup.sh)", file.path, file.package));
    }
  }
}

std::vector<std::string> SplitCharacters(std::string_view text) {
  std::vector<std::string> characters;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = 1;
    if (lead >= 0xF0) {
      length = 4;
    } else if (lead >= 0xE0) {
      length = 3;
    } else if (lead >= 0xC0) {
      length = 2;
    }
    length = std::min(length, text.size() - i);
    characters.emplace_back(text.substr(i, length));
    i += length;
  }
  return characters;
}

double TextWidthPx(std::string_view text, FontId font, double em_px) {
  if (text.empty()) {
    return 0;
  }
  int baseline = 0;
  return Face(font).getTextSize(std::string(text), std::max(1, ToInt(em_px)), -1, &baseline).width;
}

void DrawTextPx(cv::Mat& bgr, std::string_view text, FontId font, double em_px, cv::Point2d top_left,
                const cv::Scalar& colour) {
  if (text.empty() || em_px < 2) {
    return;
  }
  const cv::Point origin(ToInt(top_left.x), ToInt(top_left.y - kEmTopOffset * em_px));
  Face(font).putText(bgr, std::string(text), origin, ToInt(em_px), colour, -1, cv::LINE_AA, false);
}

cv::Mat TextMask(std::string_view text, FontId font, double em_px, int margin_px) {
  const int width = ToInt(TextWidthPx(text, font, em_px) + 0.3 * em_px) + 2 * margin_px;
  const int height = ToInt(1.35 * em_px) + 2 * margin_px;
  cv::Mat canvas(height, std::max(width, 1), CV_8UC3, cv::Scalar::all(0));
  DrawTextPx(canvas, text, font, em_px, cv::Point2d(margin_px, margin_px), cv::Scalar::all(255));
  cv::Mat mask;
  cv::extractChannel(canvas, mask, 0);
  return mask;
}

bool HasGlyph(FontId font, const std::string& character) {
  static std::map<std::pair<FontId, std::string>, bool> known;
  const auto key = std::make_pair(font, character);
  if (auto found = known.find(key); found != known.end()) {
    return found->second;
  }
  constexpr double kProbeEm = 32;
  const cv::Mat glyph = TextMask(character, font, kProbeEm, 2);
  // A private-use code point no font here defines: what the font draws for a missing glyph.
  const cv::Mat tofu = TextMask("\xF4\x8F\xBF\xBD", font, kProbeEm, 2);
  bool has = cv::countNonZero(glyph) > 0;
  if (has && glyph.size() == tofu.size()) {
    has = cv::norm(glyph, tofu, cv::NORM_L1) > 0;
  }
  known.emplace(key, has);
  return has;
}

void MultiplyInk(cv::Mat& bgr, const cv::Mat& alpha, cv::Point origin, const cv::Scalar& colour) {
  const cv::Rect target = cv::Rect(origin, alpha.size()) & cv::Rect(0, 0, bgr.cols, bgr.rows);
  if (target.empty()) {
    return;
  }
  // 8-bit arithmetic throughout: whole pages go through here, and float copies of them cost
  // more in page faults than in arithmetic.
  cv::Mat coverage = alpha(cv::Rect(target.tl() - origin, target.size()));
  if (coverage.depth() != CV_8U) {
    coverage.convertTo(coverage, CV_8U, 255.0);
  }
  cv::Mat roi = bgr(target);
  std::vector<cv::Mat> channels;
  cv::split(roi, channels);
  cv::Mat loss;
  for (std::size_t c = 0; c < channels.size(); ++c) {
    const double absorb = 1.0 - colour[static_cast<int>(c)] / 255.0;
    cv::multiply(channels[c], coverage, loss, absorb / 255.0);
    cv::subtract(channels[c], loss, channels[c]);
  }
  cv::merge(channels, roi);
}

Canvas::Canvas(cv::Size2d size_mm, double px_per_mm, const cv::Scalar& paper)
    : image_(std::max(1, ToInt(size_mm.height * px_per_mm)), std::max(1, ToInt(size_mm.width * px_per_mm)), CV_8UC3,
             paper),
      size_mm_(size_mm),
      px_per_mm_(px_per_mm) {
}

double Canvas::TextWidth(std::string_view text, FontId font, double size_mm) const {
  return TextWidthPx(text, font, Px(size_mm)) / px_per_mm_;
}

double Canvas::Text(std::string_view text, FontId font, double size_mm, cv::Point2d at, Align align,
                    const cv::Scalar& colour, double max_width_mm) {
  double width = TextWidth(text, font, size_mm);
  if (max_width_mm > 0 && width > max_width_mm) {
    const double shrink = max_width_mm / width;
    at.y += size_mm * (1 - shrink) / 2;
    size_mm *= shrink;
    width = TextWidth(text, font, size_mm);
  }
  double x = at.x;
  if (align == Align::kCentre) {
    x -= width / 2;
  } else if (align == Align::kRight) {
    x -= width;
  }
  DrawTextPx(image_, text, font, Px(size_mm), Px(cv::Point2d(x, at.y)), colour);
  return width;
}

double Canvas::SpacedText(std::string_view text, FontId font, double size_mm, cv::Point2d at, Align align,
                          const cv::Scalar& colour, double spacing_em) {
  const std::vector<std::string> characters = SplitCharacters(text);
  double total = 0;
  std::vector<double> widths;
  for (const std::string& c : characters) {
    widths.push_back(TextWidth(c, font, size_mm));
    total += widths.back();
  }
  total += spacing_em * size_mm * static_cast<double>(characters.size() > 0 ? characters.size() - 1 : 0);
  double x = at.x;
  if (align == Align::kCentre) {
    x -= total / 2;
  } else if (align == Align::kRight) {
    x -= total;
  }
  for (std::size_t i = 0; i < characters.size(); ++i) {
    DrawTextPx(image_, characters[i], font, Px(size_mm), Px(cv::Point2d(x, at.y)), colour);
    x += widths[i] + spacing_em * size_mm;
  }
  return total;
}

double Canvas::Paragraph(std::string_view text, FontId font, double size_mm, cv::Point2d top_left, double width_mm,
                         double line_spacing, const cv::Scalar& colour) {
  const std::vector<std::string> characters = SplitCharacters(text);
  std::string line;
  double y = top_left.y;
  for (const std::string& c : characters) {
    if (TextWidth(line + c, font, size_mm) > width_mm && !line.empty()) {
      Text(line, font, size_mm, cv::Point2d(top_left.x, y), Align::kLeft, colour);
      y += size_mm * line_spacing;
      line.clear();
    }
    line += c;
  }
  if (!line.empty()) {
    Text(line, font, size_mm, cv::Point2d(top_left.x, y), Align::kLeft, colour);
    y += size_mm * line_spacing;
  }
  return y;
}

void Canvas::Line(cv::Point2d a, cv::Point2d b, double width_mm, const cv::Scalar& colour) {
  const cv::Point pa(ToInt(Px(a.x) * kSubpixelScale), ToInt(Px(a.y) * kSubpixelScale));
  const cv::Point pb(ToInt(Px(b.x) * kSubpixelScale), ToInt(Px(b.y) * kSubpixelScale));
  cv::line(image_, pa, pb, colour, std::max(1, ToInt(Px(width_mm))), cv::LINE_AA, kSubpixelBits);
}

void Canvas::DashedLine(cv::Point2d a, cv::Point2d b, double width_mm, double dash_mm, const cv::Scalar& colour) {
  const double length = cv::norm(b - a);
  if (length <= 0) {
    return;
  }
  const cv::Point2d step = (b - a) / length;
  for (double t = 0; t < length; t += 2 * dash_mm) {
    Line(a + step * t, a + step * std::min(length, t + dash_mm), width_mm, colour);
  }
}

void Canvas::Frame(const cv::Rect2d& rect, double width_mm, const cv::Scalar& colour) {
  const cv::Point2d tl = rect.tl();
  const cv::Point2d tr(rect.x + rect.width, rect.y);
  const cv::Point2d br = rect.br();
  const cv::Point2d bl(rect.x, rect.y + rect.height);
  Line(tl, tr, width_mm, colour);
  Line(tr, br, width_mm, colour);
  Line(br, bl, width_mm, colour);
  Line(bl, tl, width_mm, colour);
}

void Canvas::Fill(const cv::Rect2d& rect, const cv::Scalar& colour) {
  const cv::Rect2d px = Px(rect);
  const cv::Rect r(cv::Point(ToInt(px.x), ToInt(px.y)), cv::Point(ToInt(px.x + px.width), ToInt(px.y + px.height)));
  cv::rectangle(image_, r & cv::Rect(0, 0, image_.cols, image_.rows), colour, cv::FILLED);
}

void Canvas::Circle(cv::Point2d centre, double radius_mm, double width_mm, const cv::Scalar& colour) {
  cv::circle(image_, cv::Point(ToInt(Px(centre.x) * kSubpixelScale), ToInt(Px(centre.y) * kSubpixelScale)),
             ToInt(Px(radius_mm) * kSubpixelScale), colour, std::max(1, ToInt(Px(width_mm))), cv::LINE_AA,
             kSubpixelBits);
}

void Canvas::Disc(cv::Point2d centre, double radius_mm, const cv::Scalar& colour) {
  cv::circle(image_, cv::Point(ToInt(Px(centre.x) * kSubpixelScale), ToInt(Px(centre.y) * kSubpixelScale)),
             ToInt(Px(radius_mm) * kSubpixelScale), colour, cv::FILLED, cv::LINE_AA, kSubpixelBits);
}

}  // namespace certintake::synth
