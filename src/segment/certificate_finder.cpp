#include "certintake/segment/certificate_finder.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <map>
#include <mutex>
#include <opencv2/imgproc.hpp>
#include <opencv2/video/tracking.hpp>
#include <optional>

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

/// The page's own paper colour (Lab): the median of a band along the page's border, where the
/// form or plain sheet shows and pasted pieces rarely reach.
cv::Vec3f PaperColour(const cv::Mat& lab) {
  const int band = std::max(2, std::min(lab.rows, lab.cols) / 25);
  cv::Mat border = cv::Mat::zeros(lab.size(), CV_8UC1);
  cv::rectangle(border, cv::Rect(0, 0, lab.cols, lab.rows), cv::Scalar(255), band * 2);
  std::array<std::vector<float>, 3> values;
  for (int y = 0; y < lab.rows; ++y) {
    for (int x = 0; x < lab.cols; ++x) {
      if (border.at<uchar>(y, x) == 0) continue;
      const cv::Vec3f& v = lab.at<cv::Vec3f>(y, x);
      for (std::size_t c = 0; c < 3; ++c) values[c].push_back(v[static_cast<int>(c)]);
    }
  }
  cv::Vec3f paper;
  for (std::size_t c = 0; c < 3; ++c) {
    // The lighter half of the border is paper; the rest is the scanner's edge and print.
    const auto middle = values[c].begin() + static_cast<std::ptrdiff_t>(values[c].size() * (c == 0 ? 3 : 2) / 4);
    std::nth_element(values[c].begin(), middle, values[c].end());
    paper[static_cast<int>(c)] = *middle;
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
  cv::Mat ink(small.size(), CV_8UC1);
  cv::Mat tint(small.size(), CV_8UC1);
  for (int y = 0; y < lab.rows; ++y) {
    const auto* row = lab.ptr<cv::Vec3f>(y);
    auto* ink_row = ink.ptr<uchar>(y);
    auto* tint_row = tint.ptr<uchar>(y);
    for (int x = 0; x < lab.cols; ++x) {
      const cv::Vec3f d = row[x] - paper;
      ink_row[x] = d[0] < -options.ink_contrast * 100.0 / 255.0 ? 255 : 0;
      tint_row[x] = std::sqrt(d[0] * d[0] + d[1] * d[1] + d[2] * d[2]) > options.paper_contrast ? 255 : 0;
    }
  }
  // A pale tint close to the threshold comes out speckled with the paper's texture: only tint
  // that fills a millimetre or so counts.
  cv::morphologyEx(tint, tint, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  cv::Mat mask = ink | tint;
  return mask;
}

/// Where the header of a blank form lies in a scan (same dpi, grey), found by template matching
/// at a few scales: the score (normalised correlation) and the affine warp from form to scan.
struct HeaderMatch {
  double score = -1.0;
  cv::Mat warp;
};

HeaderMatch MatchHeader(const cv::Mat& form, const cv::Mat& scan) {
  constexpr double kCoarse = 0.5;
  cv::Mat small_form;
  cv::Mat small_scan;
  cv::resize(form, small_form, cv::Size(), kCoarse, kCoarse, cv::INTER_AREA);
  cv::resize(scan, small_scan, cv::Size(), kCoarse, kCoarse, cv::INTER_AREA);
  const cv::Rect header_band(small_form.cols / 20, small_form.rows / 50, small_form.cols * 18 / 20,
                             small_form.rows / 5);
  const cv::Mat searched = small_scan(cv::Rect(0, 0, small_scan.cols, small_scan.rows * 3 / 10));
  HeaderMatch best;
  for (double scale = 0.90; scale < 1.06; scale += 0.015) {
    cv::Mat header;
    cv::resize(small_form(header_band), header, cv::Size(), scale, scale, cv::INTER_AREA);
    if (header.cols >= searched.cols || header.rows >= searched.rows) continue;
    cv::Mat scores;
    cv::matchTemplate(searched, header, scores, cv::TM_CCOEFF_NORMED);
    double score = 0.0;
    cv::Point at;
    cv::minMaxLoc(scores, nullptr, &score, nullptr, &at);
    if (score <= best.score) continue;
    best.score = score;
    // form point p maps to scale * (p - band origin) + match position, in full-size pixels
    best.warp = (cv::Mat_<float>(2, 3) << static_cast<float>(scale), 0.0f,
                 static_cast<float>((at.x - scale * header_band.x) / kCoarse), 0.0f, static_cast<float>(scale),
                 static_cast<float>((at.y - scale * header_band.y) / kCoarse));
  }
  return best;
}

/// Aligns `form` to `scan` (same size, grey) with an affine ECC, coarse to fine: a printed form
/// may sit several millimetres off, which a single fine pass does not recover from.
std::optional<cv::Mat> RegisterForm(const cv::Mat& form, const cv::Mat& scan) {
  // Only the title, the name fields and the notes box take part (the top fifth of the scan):
  // pieces cover the paste area below, and often its top edge. ECC warps the scan onto the whole
  // form it is given on every iteration, so it gets only the top of the form that can fall in
  // that fifth; both crops start at the origin, so the warp is the page's.
  const auto top = [](const cv::Mat& image, int numerator, int denominator) {
    return image(cv::Rect(0, 0, image.cols, std::max(1, image.rows * numerator / denominator)));
  };
  const auto refine = [&](double factor, int iterations, cv::Mat& warp) -> std::optional<double> {
    const cv::TermCriteria criteria(cv::TermCriteria::COUNT + cv::TermCriteria::EPS, iterations, 1e-5);
    cv::Mat small_form;
    cv::Mat small_scan;
    cv::resize(form, small_form, cv::Size(), factor, factor, cv::INTER_AREA);
    cv::resize(scan, small_scan, cv::Size(), factor, factor, cv::INTER_AREA);
    cv::Mat level = warp.clone();
    level.at<float>(0, 2) *= static_cast<float>(factor);
    level.at<float>(1, 2) *= static_cast<float>(factor);
    try {
      const double correlation = cv::findTransformECC(top(small_form, 3, 10), top(small_scan, 1, 5), level,
                                                      cv::MOTION_AFFINE, criteria, cv::noArray(), 3);
      warp = level;
      warp.at<float>(0, 2) /= static_cast<float>(factor);
      warp.at<float>(1, 2) /= static_cast<float>(factor);
      return correlation;
    } catch (const cv::Exception&) {
      return std::nullopt;  // did not converge from here
    }
  };
  // Office printers shrink or offset the form a little: find the form's header in the scan by
  // template matching at a few scales, then refine that start with ECC at finer resolutions.
  const HeaderMatch match = MatchHeader(form, scan);
  if (match.warp.empty()) return std::nullopt;
  std::optional<cv::Mat> best = match.warp;
  const double best_match = match.score;
  // ECC refines the match (and finds the skew) unless the paper's texture or tint throws it off;
  // then the match alone places the form. The coarse levels do the travelling; at full size a few
  // steps settle the last pixel (the pieces found on seven corpora were the same as with 60).
  double best_correlation = best_match;
  for (const auto& [factor, iterations] : {std::pair{0.25, 60}, std::pair{0.5, 60}, std::pair{1.0, 15}}) {
    if (const auto correlation = refine(factor, iterations, *best)) best_correlation = *correlation;
  }
  if (best_correlation < 0.5) return std::nullopt;  // not this form, or too little of it visible
  // A printed form is scaled by a few percent and turned by a degree or two; ECC can bend the
  // header onto some other page's print only by shearing or stretching it far more.
  const cv::Mat& w = *best;
  const auto near = [](float value, float target, float tolerance) { return std::abs(value - target) <= tolerance; };
  if (!near(w.at<float>(0, 0), 1.0f, 0.15f) || !near(w.at<float>(1, 1), 1.0f, 0.15f) ||
      !near(w.at<float>(0, 1), 0.0f, 0.06f) || !near(w.at<float>(1, 0), 0.0f, 0.06f)) {
    return std::nullopt;
  }
  return best;
}

/// The blank form's print in the scan's coordinates (dilated), or an empty mask when the scan
/// cannot be registered to the form.
cv::Mat FormPrint(const cv::Mat& small_grey, const cv::Mat& blank) {
  if (blank.empty()) return {};
  cv::Mat form;
  cv::resize(blank, form, small_grey.size(), 0, 0, cv::INTER_AREA);
  const std::optional<cv::Mat> warp = RegisterForm(form, small_grey);
  if (!warp) return {};
  cv::Mat warped;
  cv::warpAffine(form, warped, *warp, small_grey.size(), cv::INTER_LINEAR, cv::BORDER_CONSTANT, cv::Scalar(255));
  cv::Mat print;
  cv::threshold(warped, print, 200, 255, cv::THRESH_BINARY_INV);
  cv::dilate(print, print, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(5, 5)));
  return print;
}

/// A straight paper edge (or other long line) found on the page, in working pixels.
struct Edge {
  cv::Point2f a;
  cv::Point2f b;
  [[nodiscard]] double Length() const { return cv::norm(b - a); }
  /// Unit vector from `a` to `b`.
  [[nodiscard]] cv::Point2f Along() const { return (b - a) / static_cast<float>(std::max(1.0, Length())); }
  /// Unit vector across it: `Along()` turned a quarter turn.
  [[nodiscard]] cv::Point2f Normal() const { return {-Along().y, Along().x}; }
  /// Direction in degrees folded into [0, 180).
  [[nodiscard]] double Angle() const {
    double angle = std::atan2(b.y - a.y, b.x - a.x) * 180.0 / CV_PI;
    return angle < 0 ? angle + 180.0 : angle;
  }
};

/// Degrees between two directions folded into [0, 180).
double AngleBetween(double angle, double target) {
  const double d = std::fmod(std::abs(angle - target), 180.0);
  return std::min(d, 180.0 - d);
}

/// The range of (p - origin) . direction over the points p.
std::pair<double, double> Projected(const std::vector<cv::Point>& points, cv::Point2f origin, cv::Point2f direction) {
  std::pair<double, double> range{std::numeric_limits<double>::max(), std::numeric_limits<double>::lowest()};
  for (const cv::Point& p : points) {
    const double d = (cv::Point2f(p) - origin).dot(direction);
    range = {std::min(range.first, d), std::max(range.second, d)};
  }
  return range;
}

/// Long straight lines that are not the form's own print: paper edges and their shadows.
std::vector<Edge> PaperEdges(const cv::Mat& small_grey, const cv::Mat& form_print, double min_length) {
  cv::Mat smooth;
  cv::GaussianBlur(small_grey, smooth, cv::Size(3, 3), 0);
  // Line detection runs at two scales, and each finds edges the other misses (measured on seven
  // corpora). At full size it sees the hairline edge of white paper glued on a white sheet,
  // which shrinking blurs away; without that edge neighbouring cards run together. Shrunk, it
  // finds some edges (a band printed to a card's edge) that the full-size pass misses.
  std::vector<Edge> lines;
  for (const double scale : {0.8, 1.0}) {
    std::vector<cv::Vec4f> found;
    cv::createLineSegmentDetector(cv::LSD_REFINE_STD, scale, 0.6, 0.8)->detect(smooth, found);
    const std::size_t earlier = lines.size();
    for (const cv::Vec4f& line : found) {
      const Edge edge{{line[0], line[1]}, {line[2], line[3]}};
      if (edge.Length() < min_length) continue;
      // Most lines are found at both scales: the second finding adds nothing.
      const auto same = [&](const Edge& other) {
        const auto near = [](cv::Point2f p, cv::Point2f q) { return cv::norm(p - q) <= 2.0; };
        return (near(edge.a, other.a) && near(edge.b, other.b)) || (near(edge.a, other.b) && near(edge.b, other.a));
      };
      if (std::none_of(lines.begin(), lines.begin() + static_cast<std::ptrdiff_t>(earlier), same))
        lines.push_back(edge);
    }
  }
  std::vector<Edge> edges;
  for (const Edge& edge : lines) {
    if (!form_print.empty()) {
      int on_print = 0;
      constexpr int kSamples = 10;
      for (int i = 0; i <= kSamples; ++i) {
        const cv::Point2f p = edge.a + (edge.b - edge.a) * (static_cast<float>(i) / kSamples);
        const cv::Point q(std::clamp(static_cast<int>(p.x), 0, form_print.cols - 1),
                          std::clamp(static_cast<int>(p.y), 0, form_print.rows - 1));
        on_print += form_print.at<uchar>(q) != 0 ? 1 : 0;
      }
      if (on_print > kSamples / 2) continue;  // a line of the form itself
    }
    edges.push_back(edge);
  }
  return edges;
}

/// The grey level of the page's own paper: the lighter part of a band along the page's border,
/// where the form or plain sheet shows and pasted pieces rarely reach.
double PaperGrey(const cv::Mat& grey) {
  const int band = std::max(2, std::min(grey.rows, grey.cols) / 25);
  std::vector<uchar> values;
  for (int y = 0; y < grey.rows; ++y) {
    for (int x = 0; x < grey.cols; ++x) {
      if (y < band || y >= grey.rows - band || x < band || x >= grey.cols - band)
        values.push_back(grey.at<uchar>(y, x));
    }
  }
  const auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() * 3 / 4);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

/// Whether the line at `p` (unit normal `normal`) is one side of a pale printed band, such as
/// a watermark's frame: on one side the page's own paper, on the other a uniform grey a
/// millimetre or more wide and then the paper again. A paper edge has a shadow thinner than
/// that, or a piece's paper running on far beyond.
bool PrintedBandSide(const cv::Mat& grey, cv::Point2f p, cv::Point2f normal, double paper,
                     const std::function<int(double)>& px) {
  constexpr double kDepth = 5.0;  // grey levels below the paper that make the band
  const cv::Rect page(0, 0, grey.cols, grey.rows);
  const auto depth = [&](int t) {
    const cv::Point q(p + normal * static_cast<float>(t));
    return page.contains(q) ? paper - grey.at<uchar>(q) : 0.0;
  };
  const int widest = px(8.0);
  for (const int side : {1, -1}) {
    // The band starts at the line, or a pixel past it.
    const int start = depth(side) >= kDepth ? 1 : (depth(2 * side) >= kDepth ? 2 : 0);
    if (start == 0 || depth(-2 * side) > kDepth / 2 || depth(-px(1.5) * side) > kDepth / 2) continue;
    int end = start;
    while (end <= widest && depth(end * side) >= kDepth) ++end;
    if (end - start >= px(1.5) && end <= widest && depth((end + 1) * side) <= kDepth / 2) return true;
  }
  return false;
}

/// What a straight line on the page is, from the pixels along it.
enum class LineKind {
  kPaperEdge,      ///< faint, with no print beside it: a paper edge or its shadow
  kBandEdgeLeft,   ///< the boundary of a band of print on its left (along +normal), paper on its right
  kBandEdgeRight,  ///< the same with the band on its right
  kPrint,          ///< a printed line, or the side of a pale printed band
};

/// Tells a paper edge from print. A paper edge is faint (a shadow or a step of a few grey
/// levels, where printed lines are dark), with no print right beside it on either side, and is
/// not the side of a pale printed band. A band's boundary has print running on for a few
/// millimetres on one side of it and none on the other.
LineKind KindOfLine(const Edge& edge, const cv::Mat& small_grey, const cv::Mat& content, double paper,
                    const std::function<int(double)>& px) {
  constexpr double kPrintedLineDepth = 60.0;  // grey levels below the paper: darker is a printed line
  constexpr int kSamples = 20;
  const cv::Rect page(0, 0, small_grey.cols, small_grey.rows);
  const auto print_at = [&](cv::Point2f p) { return page.contains(p) && content.at<uchar>(cv::Point(p)) != 0; };
  const cv::Point2f normal = edge.Normal();
  const auto band = static_cast<float>(px(3.0));  // print running on this far from a line is a band
  int faint = 0;
  int open = 0;
  int banded = 0;
  int band_left_samples = 0;
  int band_right_samples = 0;
  for (int i = 0; i <= kSamples; ++i) {
    const cv::Point2f p = edge.a + (edge.b - edge.a) * (static_cast<float>(i) / kSamples);
    double darkest = 255.0;
    for (int t = -1; t <= 1; ++t) {
      const cv::Point q(p + normal * static_cast<float>(t));
      if (page.contains(q)) darkest = std::min(darkest, static_cast<double>(small_grey.at<uchar>(q)));
    }
    faint += paper - darkest < kPrintedLineDepth ? 1 : 0;
    const bool print_left = print_at(p + normal * 3.0f);
    const bool print_right = print_at(p - normal * 3.0f);
    open += print_left || print_right ? 0 : 1;
    const bool band_left = print_left && print_at(p + normal * band);
    const bool band_right = print_right && print_at(p - normal * band);
    band_left_samples += band_left && !print_right ? 1 : 0;
    band_right_samples += band_right && !print_left ? 1 : 0;
    banded += PrintedBandSide(small_grey, p, normal, paper, px) ? 1 : 0;
  }
  if (banded >= kSamples / 2) return LineKind::kPrint;
  if (faint >= kSamples * 6 / 10 && open >= kSamples / 2) return LineKind::kPaperEdge;
  // Most of the way along: white lettering on the band and its rounded corners interrupt it.
  if (band_left_samples >= kSamples * 7 / 10) return LineKind::kBandEdgeLeft;
  return band_right_samples >= kSamples * 7 / 10 ? LineKind::kBandEdgeRight : LineKind::kPrint;
}

/// Whether the boundary of a band, `edge`, ends where its piece's side does: at one of its
/// ends at least, a perpendicular line runs off along the band's side, at neither end does one
/// run off on the paper's side, and print does not run on past either end. A band printed
/// across a piece ends at the piece's side edges, which run on past it; a band printed to the
/// edge of its piece ends where they do.
bool EndsAtCorners(const Edge& edge, bool band_on_left, const std::vector<Edge>& lines,
                   const std::vector<LineKind>& kinds, const cv::Mat& content, const std::function<int(double)>& px) {
  constexpr double kAcrossTolerance = 10.0;  // degrees off perpendicular
  const cv::Point2f along = edge.Along();
  const cv::Point2f normal = edge.Normal();
  // A table's tinted column ends at a cell's side, but the table's frame runs on past it.
  const cv::Rect page(0, 0, content.cols, content.rows);
  const auto runs_on = [&](cv::Point2f end, cv::Point2f outwards) {
    for (const double past : {px(1.5), px(2.5)}) {
      const cv::Point q(end + outwards * static_cast<float>(past));
      if (!page.contains(q) || content.at<uchar>(q) == 0) return false;
    }
    return true;
  };
  if (runs_on(edge.a, -along) || runs_on(edge.b, along)) return false;
  const double beside = px(1.5);  // how far along the edge from its end a corner's side may stand
  // How deep the band is at an end of its boundary, measured just inside that end.
  const cv::Point2f into_band = band_on_left ? normal : -normal;
  const auto band_depth = [&](double end) {
    const cv::Point2f inwards = end == 0.0 ? along : -along;
    const cv::Point2f start = edge.a + along * static_cast<float>(end) + inwards * static_cast<float>(px(2));
    int depth = 0;
    int blank = 0;
    for (int t = 1; t <= px(30) && blank < px(1.5); ++t) {
      const cv::Point q(start + into_band * static_cast<float>(t));
      const bool print = page.contains(q) && content.at<uchar>(q) != 0;
      depth = print ? t : depth;
      blank = print ? 0 : blank + 1;
    }
    return depth;
  };
  int corners = 0;
  for (const double end : {0.0, edge.Length()}) {
    bool off_left = false;
    bool off_right = false;
    const int depth = band_depth(end);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      const Edge& line = lines[i];
      if (AngleBetween(line.Angle(), edge.Angle() + 90.0) > kAcrossTolerance) continue;
      const std::vector<cv::Point> ends{line.a, line.b};
      const auto [along_from, along_to] = Projected(ends, edge.a, along);
      if (along_from > end + beside || along_to < end - beside) continue;
      // Line detection loses a faint paper edge beside a band and finds it again past the band;
      // print's own lines meet the band. A line stopping further off belongs to a neighbour
      // across a gap.
      const bool paper_edge = kinds[i] == LineKind::kPaperEdge;
      const double near = paper_edge ? px(5) : px(2);
      const double near_left = paper_edge && band_on_left ? near + depth : near;
      const double near_right = paper_edge && !band_on_left ? near + depth : near;
      const auto [from, to] = Projected(ends, edge.a, normal);
      if (from > near_left || to < -near_right) continue;
      off_left = off_left || to > near_left;
      off_right = off_right || from < -near_right;
    }
    if (band_on_left ? off_right : off_left) return false;
    corners += off_left || off_right ? 1 : 0;
  }
  return corners > 0;
}

/// Whether `edge` (in working pixels, `scale` of the scan's) is a printed dashed rule, such as
/// the row of hyphens across a thermal receipt, rather than a paper edge. At working resolution
/// the dashes blur into one faint line. At the scan's own resolution, the darkest grey across
/// the line rises and falls, every millimetre or two, between dashes as dark as print and the
/// paper between them; a paper edge's shadow runs on unbroken.
bool DashedRule(const Edge& edge, const cv::Mat& scan, double scale, double dpi) {
  constexpr double kPrintContrast = 80.0;  // grey levels between the dashes and the gaps: print
  const cv::Point2f a = edge.a / static_cast<float>(scale);
  const cv::Point2f b = edge.b / static_cast<float>(scale);
  const double length = cv::norm(b - a);
  const cv::Point2f along = (b - a) / static_cast<float>(std::max(1.0, length));
  const cv::Point2f normal(-along.y, along.x);
  const int across = static_cast<int>(std::ceil(2.0 / scale)) + 1;  // two working pixels either side
  const cv::Rect bounds(0, 0, scan.cols, scan.rows);
  const auto grey_at = [&](cv::Point q) -> double {
    if (scan.channels() == 1) return scan.at<uchar>(q);
    const cv::Vec3b& bgr = scan.at<cv::Vec3b>(q);
    return (bgr[0] + bgr[1] + bgr[2]) / 3.0;
  };
  std::vector<double> darkest;  // along the line, one per scan pixel
  for (double t = 0; t <= length; t += 1.0) {
    double value = 255.0;
    for (int k = -across; k <= across; ++k) {
      const cv::Point q(a + along * static_cast<float>(t) + normal * static_cast<float>(k));
      if (bounds.contains(q)) value = std::min(value, grey_at(q));
    }
    darkest.push_back(value);
  }
  if (darkest.size() < 10) return false;
  std::vector<double> sorted = darkest;
  std::sort(sorted.begin(), sorted.end());
  const double dash_grey = sorted[sorted.size() / 10];
  const double gap_grey = sorted[sorted.size() * 9 / 10];
  if (gap_grey - dash_grey < kPrintContrast) return false;
  // Dashes counted with hysteresis: one ends when the grey rises most of the way to the gaps'.
  const double dark = dash_grey + 0.3 * (gap_grey - dash_grey);
  const double light = gap_grey - 0.3 * (gap_grey - dash_grey);
  std::vector<double> starts;  // where each dash starts, in scan pixels along the line
  bool in_dash = false;
  for (std::size_t t = 0; t < darkest.size(); ++t) {
    if (!in_dash && darkest[t] <= dark) starts.push_back(static_cast<double>(t));
    in_dash = in_dash ? darkest[t] < light : darkest[t] <= dark;
  }
  const double length_mm = length / dpi * 25.4;
  if (starts.size() < 6 || static_cast<double>(starts.size()) < length_mm / 2.5) return false;  // one per 2.5 mm
  // Printed dashes repeat evenly; toner specks along a copied card's edge come and go at random.
  std::vector<double> spacing;
  for (std::size_t i = 1; i < starts.size(); ++i) spacing.push_back(starts[i] - starts[i - 1]);
  cv::Scalar mean;
  cv::Scalar deviation;
  cv::meanStdDev(spacing, mean, deviation);
  return deviation[0] <= 0.2 * mean[0];
}

/// The lines that are paper edges rather than print, with the boundaries of bands printed to
/// the edge of their piece: such a boundary is the piece's edge as well, and ends at corners. A
/// faint line that is a dashed rule at the scan's resolution is print.
std::vector<Edge> PaperEdgesOnly(const std::vector<Edge>& edges, const cv::Mat& small_grey, const cv::Mat& content,
                                 const PageImage& page, double scale, const std::function<int(double)>& px) {
  const double paper = PaperGrey(small_grey);
  std::vector<LineKind> kinds;
  kinds.reserve(edges.size());
  for (const Edge& edge : edges) {
    const LineKind kind = KindOfLine(edge, small_grey, content, paper, px);
    const bool dashed = kind == LineKind::kPaperEdge && DashedRule(edge, page.pixels, scale, page.dpi);
    kinds.push_back(dashed ? LineKind::kPrint : kind);
  }
  std::vector<Edge> paper_edges;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    const bool band_edge = kinds[i] == LineKind::kBandEdgeLeft || kinds[i] == LineKind::kBandEdgeRight;
    if (kinds[i] == LineKind::kPaperEdge ||
        (band_edge && EndsAtCorners(edges[i], kinds[i] == LineKind::kBandEdgeLeft, edges, kinds, content, px))) {
      paper_edges.push_back(edges[i]);
    }
  }
  return paper_edges;
}

/// The edges with the parts of one straight line joined: line detection breaks a paper edge
/// where print, a crease or a fainter stretch of shadow interrupts it.
std::vector<Edge> JoinedEdges(std::vector<Edge> edges, const std::function<int(double)>& px) {
  const double across = 2.0;   // pixels off each other's line
  const double apart = px(4);  // between their nearer ends
  bool joined = true;
  while (joined) {
    joined = false;
    for (std::size_t i = 0; i < edges.size() && !joined; ++i) {
      for (std::size_t j = i + 1; j < edges.size() && !joined; ++j) {
        const Edge& e = edges[i];
        const Edge& f = edges[j];
        const cv::Point2f along = e.Along();
        const cv::Point2f normal = e.Normal();
        if (std::abs((f.a - e.a).dot(normal)) > across || std::abs((f.b - e.a).dot(normal)) > across) continue;
        const double f0 = (f.a - e.a).dot(along);
        const double f1 = (f.b - e.a).dot(along);
        const double gap = std::max(std::min(f0, f1) - e.Length(), -std::max(f0, f1));
        if (gap > apart) continue;
        const double from = std::min({0.0, f0, f1});
        const double to = std::max({e.Length(), f0, f1});
        edges[i] = {e.a + along * static_cast<float>(from), e.a + along * static_cast<float>(to)};
        edges.erase(edges.begin() + static_cast<std::ptrdiff_t>(j));
        joined = true;
      }
    }
  }
  return edges;
}

/// A point in (u along a line's axis, v across it): x, y for horizontal lines, y, x for vertical.
cv::Point2f AlongAcross(cv::Point2f p, bool horizontal) {
  return horizontal ? p : cv::Point2f(p.y, p.x);
}

/// A straight line put together from collinear edges, in (u, v) coordinates.
struct StraightLine {
  std::vector<std::size_t> members;  ///< the edges it is made of
  cv::Point2f a;                     ///< a point on it
  double slope = 0;                  ///< dv / du
  double u0 = 0;                     ///< where it starts and ends along its axis
  double u1 = 0;
  bool fold = false;  ///< shown to be a crease of the sheet, not a piece's edge
  [[nodiscard]] double VAt(double u) const { return a.y + slope * (u - a.x); }
};

/// Edges within a few degrees of the page's horizontal (or vertical) joined into lines: each
/// longest unjoined edge gathers the others lying on it.
std::vector<StraightLine> CollinearLines(const std::vector<Edge>& edges, bool horizontal,
                                         const std::function<int(double)>& px) {
  constexpr double kAlongTolerance = 4.0;  // degrees off the page's axis
  constexpr double kCollinearAngle = 1.5;  // degrees between parts of one line
  const double axis = horizontal ? 0.0 : 90.0;
  std::vector<std::size_t> along;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (AngleBetween(edges[i].Angle(), axis) <= kAlongTolerance) along.push_back(i);
  }
  std::sort(along.begin(), along.end(),
            [&](std::size_t a, std::size_t b) { return edges[a].Length() > edges[b].Length(); });
  std::vector<bool> joined(edges.size(), false);
  std::vector<StraightLine> lines;
  for (const std::size_t seed : along) {
    if (joined[seed]) continue;
    StraightLine line;
    line.a = AlongAcross(edges[seed].a, horizontal);
    const cv::Point2f b = AlongAcross(edges[seed].b, horizontal);
    line.slope = (b.y - line.a.y) / (std::abs(b.x - line.a.x) < 1e-3 ? 1e-3 : (b.x - line.a.x));
    line.u0 = std::numeric_limits<double>::max();
    line.u1 = std::numeric_limits<double>::lowest();
    for (const std::size_t i : along) {
      const cv::Point2f p = AlongAcross(edges[i].a, horizontal);
      const cv::Point2f q = AlongAcross(edges[i].b, horizontal);
      if (joined[i] || AngleBetween(edges[i].Angle(), edges[seed].Angle()) > kCollinearAngle ||
          std::abs(p.y - line.VAt(p.x)) > px(2.5) || std::abs(q.y - line.VAt(q.x)) > px(2.5)) {
        continue;
      }
      joined[i] = true;
      line.members.push_back(i);
      line.u0 = std::min({line.u0, static_cast<double>(p.x), static_cast<double>(q.x)});
      line.u1 = std::max({line.u1, static_cast<double>(p.x), static_cast<double>(q.x)});
    }
    lines.push_back(std::move(line));
  }
  return lines;
}

/// Whether a perpendicular edge runs on past `line` on both sides, somewhere the line itself
/// runs on past it. LSD breaks a line where another crosses it, so two parts that both meet the
/// line at the same place count as one.
bool Crossed(const StraightLine& line, const std::vector<Edge>& edges, bool horizontal,
             const std::function<int(double)>& px) {
  constexpr double kAcrossTolerance = 10.0;  // degrees off perpendicular
  struct Reach {
    double u;
    double v0;
    double v1;
  };
  std::vector<Reach> reaching;
  for (const Edge& other : edges) {
    if (AngleBetween(other.Angle(), horizontal ? 90.0 : 0.0) > kAcrossTolerance) continue;
    const cv::Point2f p = AlongAcross(other.a, horizontal);
    const cv::Point2f q = AlongAcross(other.b, horizontal);
    const Reach reach{(p.x + q.x) / 2, std::min(p.y, q.y), std::max(p.y, q.y)};
    const double v = line.VAt(reach.u);
    if (reach.u > line.u0 + px(5) && reach.u < line.u1 - px(5) && reach.v0 <= v + px(4) && reach.v1 >= v - px(4)) {
      reaching.push_back(reach);
    }
  }
  return std::any_of(reaching.begin(), reaching.end(), [&](const Reach& above) {
    const double v = line.VAt(above.u);
    if (above.v0 > v - px(5) || above.v1 < v - px(3)) return false;
    return std::any_of(reaching.begin(), reaching.end(), [&](const Reach& below) {
      return std::abs(below.u - above.u) <= px(3) && below.v1 > v + px(5) && below.v0 <= v + px(3) &&
             below.v0 - above.v1 <= px(3);
    });
  });
}

/// The edges less the folds of the sheet itself. A sheet folded in three for the envelope keeps
/// two creases that run from one side of the paper to the other, straight through the pieces
/// pasted on it. A line from side to side is such a crease when it runs on to the sheet's own
/// edge, or a piece's side edge crosses it: no piece's edge does either. The shade beside a
/// crease makes lines parallel to it, which go with it.
std::vector<Edge> WithoutFolds(const std::vector<Edge>& edges, const cv::Size& page,
                               const std::function<int(double)>& px) {
  std::vector<bool> fold(edges.size(), false);
  for (const bool horizontal : {true, false}) {
    const double length_u = horizontal ? page.width : page.height;
    const double length_v = horizontal ? page.height : page.width;
    std::vector<StraightLine> side_to_side;
    for (StraightLine& line : CollinearLines(edges, horizontal, px)) {
      const double v = line.VAt(length_u / 2);
      // Where pieces cover the sheet the crease may be seen only in parts, but across its middle.
      if (line.u0 > px(40) || line.u1 < length_u - px(40) || v < px(20) || v > length_v - px(20)) continue;
      // No piece is pasted within a few millimetres of the sheet's own edge, and a piece's edge
      // stops at its corner: a line running on to the edge of the sheet is a crease.
      const bool reaches_sheet_edge = line.u0 <= px(6) || line.u1 >= length_u - px(6);
      line.fold = reaches_sheet_edge || Crossed(line, edges, horizontal, px);
      side_to_side.push_back(std::move(line));
    }
    for (const StraightLine& line : side_to_side) {
      const bool near_fold = std::any_of(side_to_side.begin(), side_to_side.end(), [&](const StraightLine& other) {
        return other.fold && std::abs(other.VAt(length_u / 2) - line.VAt(length_u / 2)) <= px(8);
      });
      if (!near_fold) continue;
      for (const std::size_t i : line.members) fold[i] = true;
    }
  }
  std::vector<Edge> kept;
  for (std::size_t i = 0; i < edges.size(); ++i) {
    if (!fold[i]) kept.push_back(edges[i]);
  }
  return kept;
}

/// Print that belongs together: one pasted piece's, as far as can be told.
struct PrintGroup {
  cv::Rect box;
  std::vector<cv::Point> hull;  ///< convex hull of its parts
};

/// Whether a paper edge runs between groups `a` and `b`: their print lies on either side of it
/// (up to `over` past it, where print runs right up to its paper's edge and the shadow beyond
/// clings to it), and it runs along half of what they face of each other, or a quarter of it
/// and `long_enough`, or along most of one group's own side.
bool EdgeBetween(const PrintGroup& a, const PrintGroup& b, const std::vector<Edge>& separators, double over,
                 double long_enough, double min_span) {
  for (const Edge& edge : separators) {
    const cv::Point2f along = edge.Along();
    const cv::Point2f normal = edge.Normal();
    const auto [a_from, a_to] = Projected(a.hull, edge.a, normal);
    const auto [b_from, b_to] = Projected(b.hull, edge.a, normal);
    if (!(a_to <= over && b_from >= -over) && !(b_to <= over && a_from >= -over)) continue;  // not between
    const auto [a_lo, a_hi] = Projected(a.hull, edge.a, along);
    const auto [b_lo, b_hi] = Projected(b.hull, edge.a, along);
    // What they face of each other along the edge; diagonal neighbours face across all of it.
    double span_from = std::max(a_lo, b_lo);
    double span_to = std::min(a_hi, b_hi);
    if (span_to < span_from) {
      span_from = std::min(a_lo, b_lo);
      span_to = std::max(a_hi, b_hi);
    }
    if (span_to - span_from < min_span) {
      const double middle = (span_from + span_to) / 2.0;
      span_from = middle - min_span / 2.0;
      span_to = middle + min_span / 2.0;
    }
    const double span = span_to - span_from;
    const double covered = std::min(edge.Length(), span_to) - std::max(0.0, span_from);
    if (covered >= std::min(0.5 * span, std::max(long_enough, 0.25 * span))) return true;
    // The edge is one group's own side: it runs along most of what that group spans.
    const auto side_of = [&](double lo, double hi) {
      const double along_group = std::min(edge.Length(), hi) - std::max(0.0, lo);
      return hi - lo >= min_span && along_group >= 0.5 * (hi - lo);
    };
    if (side_of(a_lo, a_hi) || side_of(b_lo, b_hi)) return true;
  }
  return false;
}

/// Groups the print on a page: its parts (print closed over a couple of millimetres) are joined,
/// nearest first, while they are no further apart than a piece's own blank spaces, their union
/// is no larger than an A4 sheet, and no paper edge runs between them.
std::vector<PrintGroup> GroupPrint(const cv::Mat& print, const std::vector<Edge>& separators,
                                   const std::function<int(double)>& px, const SegmentOptions& options) {
  cv::Mat closed;
  cv::morphologyEx(print, closed, cv::MORPH_CLOSE,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(px(2.0), px(2.0))));
  // A shadow dark enough to pass for print would join the piece casting it to its neighbour:
  // the paper edges cut the closed print apart.
  for (const Edge& edge : separators) cv::line(closed, edge.a, edge.b, cv::Scalar(0), 3);
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(closed, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<PrintGroup> groups;
  const int speck = px(1.0);
  const int shade = px(1.5);  // how wide a paper edge's shadow is
  const auto shadow_of_an_edge = [&](const std::vector<cv::Point>& hull) {
    return std::any_of(separators.begin(), separators.end(), [&](const Edge& edge) {
      const auto [across_from, across_to] = Projected(hull, edge.a, edge.Normal());
      const auto [along_from, along_to] = Projected(hull, edge.a, edge.Along());
      return across_from >= -2 * shade && across_to <= 2 * shade && across_to - across_from <= shade &&
             along_from >= -shade && along_to <= edge.Length() + shade;
    });
  };
  for (auto& contour : contours) {
    const cv::Rect box = cv::boundingRect(contour);
    if (box.width <= speck && box.height <= speck) continue;
    std::vector<cv::Point> hull;
    cv::convexHull(contour, hull);
    if (shadow_of_an_edge(hull)) continue;  // the line of shade along a paper edge
    groups.push_back({box, std::move(hull)});
  }
  const double max_gap = px(options.group_gap_mm);
  const double long_side = px(300.0);
  const double short_side = px(215.0);
  const double long_enough = px(15.0);
  const double min_span = px(5.0);
  while (true) {
    double best_gap = max_gap + 1;
    std::size_t best_i = 0;
    std::size_t best_j = 0;
    for (std::size_t i = 0; i < groups.size(); ++i) {
      for (std::size_t j = i + 1; j < groups.size(); ++j) {
        const cv::Rect& a = groups[i].box;
        const cv::Rect& b = groups[j].box;
        const int dx = std::max({0, b.x - (a.x + a.width), a.x - (b.x + b.width)});
        const int dy = std::max({0, b.y - (a.y + a.height), a.y - (b.y + b.height)});
        const double gap = std::max(dx, dy);
        if (gap >= best_gap) continue;
        const cv::Rect both = a | b;
        if (std::max(both.width, both.height) > long_side || std::min(both.width, both.height) > short_side) continue;
        if (EdgeBetween(groups[i], groups[j], separators, shade, long_enough, min_span)) continue;
        best_gap = gap;
        best_i = i;
        best_j = j;
      }
    }
    if (best_gap > max_gap) break;
    PrintGroup& into = groups[best_i];
    into.box |= groups[best_j].box;
    std::vector<cv::Point> points = into.hull;
    points.insert(points.end(), groups[best_j].hull.begin(), groups[best_j].hull.end());
    cv::convexHull(points, into.hull);
    groups.erase(groups.begin() + static_cast<std::ptrdiff_t>(best_j));
  }
  return groups;
}

/// A print group's outline pushed out to the paper edges around it.
struct Expanded {
  cv::RotatedRect outline;
  int sides_at_edges = 0;  ///< how many of its four sides found a paper edge
};

/// How much of a line the intervals along it cover, counting overlaps once.
double Covered(std::vector<std::pair<double, double>> intervals) {
  std::sort(intervals.begin(), intervals.end());
  double covered = 0.0;
  double reached = std::numeric_limits<double>::lowest();
  for (const auto& [lo, hi] : intervals) {
    covered += std::max(0.0, hi - std::max(lo, reached));
    reached = std::max(reached, hi);
  }
  return covered;
}

/// Moves each side of `outline` out to the nearest paper edge beyond the print, within `reach`
/// pixels, parallel to the side and running along at least half of it (the parts of one edge,
/// which line detection breaks where print or a shadow interrupts it, add up); a side with no
/// such edge gets `margin`. No side goes more than half-way to `neighbours`, points on the
/// outlines of the other pieces' print: an edge past that is a neighbour's.
Expanded ExpandToEdges(const cv::RotatedRect& outline, const std::vector<Edge>& edges, double reach, double margin,
                       const std::vector<cv::Point2f>& neighbours = {}) {
  constexpr double kSameLine = 3.0;  // pixels apart across: parts of one edge
  struct Part {
    double distance;  ///< beyond the side
    double lo;        ///< where it runs along the side
    double hi;
  };
  const double angle = outline.angle * CV_PI / 180.0;
  const std::array<cv::Point2d, 2> normals = {cv::Point2d(std::cos(angle), std::sin(angle)),
                                              cv::Point2d(-std::sin(angle), std::cos(angle))};
  const std::array<double, 2> half = {outline.size.width / 2.0, outline.size.height / 2.0};
  const cv::Point2d centre(outline.center);
  // Per side: [axis][0] on the negative side, [axis][1] on the positive side.
  std::array<std::array<double, 2>, 2> limit = {{{reach, reach}, {reach, reach}}};
  for (const cv::Point2f& point : neighbours) {
    const cv::Point2d p = cv::Point2d(point) - centre;
    for (std::size_t axis = 0; axis < 2; ++axis) {
      if (std::abs(p.dot(normals[1 - axis])) > half[1 - axis]) continue;  // not beyond this side
      const double offset = p.dot(normals[axis]);
      for (std::size_t side = 0; side < 2; ++side) {
        const double distance = (side == 0 ? -offset : offset) - half[axis];
        if (distance > 0) limit[axis][side] = std::min(limit[axis][side], distance / 2.0);
      }
    }
  }
  std::array<std::array<std::vector<Part>, 2>, 2> parts;
  for (const Edge& edge : edges) {
    const cv::Point2d a = cv::Point2d(edge.a) - centre;
    const cv::Point2d b = cv::Point2d(edge.b) - centre;
    for (std::size_t axis = 0; axis < 2; ++axis) {
      const cv::Point2d& normal = normals[axis];
      const cv::Point2d& along = normals[1 - axis];
      if (std::abs(a.dot(normal) - b.dot(normal)) > 0.09 * edge.Length()) continue;  // over ~5 degrees off
      const double lo = std::max(std::min(a.dot(along), b.dot(along)), -half[1 - axis]);
      const double hi = std::min(std::max(a.dot(along), b.dot(along)), half[1 - axis]);
      if (hi <= lo) continue;
      const double offset = (a.dot(normal) + b.dot(normal)) / 2.0;
      for (std::size_t side = 0; side < 2; ++side) {
        const double distance = (side == 0 ? -offset : offset) - half[axis];
        if (distance > 1.0 && distance <= limit[axis][side]) parts[axis][side].push_back({distance, lo, hi});
      }
    }
  }
  std::array<std::array<double, 2>, 2> beyond;
  for (std::size_t axis = 0; axis < 2; ++axis) {
    for (std::size_t side = 0; side < 2; ++side) beyond[axis][side] = std::min(margin, limit[axis][side]);
  }
  int sides_at_edges = 0;
  for (std::size_t axis = 0; axis < 2; ++axis) {
    for (std::size_t side = 0; side < 2; ++side) {
      std::vector<Part>& candidates = parts[axis][side];
      std::sort(candidates.begin(), candidates.end(),
                [](const Part& p, const Part& q) { return p.distance < q.distance; });
      for (const Part& nearest : candidates) {
        std::vector<std::pair<double, double>> line;
        for (const Part& part : candidates) {
          if (std::abs(part.distance - nearest.distance) <= kSameLine) line.emplace_back(part.lo, part.hi);
        }
        if (Covered(line) < half[1 - axis]) continue;  // less than half of the side
        beyond[axis][side] = nearest.distance;
        ++sides_at_edges;
        break;
      }
    }
  }
  const double width = 2 * half[0] + beyond[0][0] + beyond[0][1];
  const double height = 2 * half[1] + beyond[1][0] + beyond[1][1];
  const cv::Point2d shift =
      normals[0] * ((beyond[0][1] - beyond[0][0]) / 2.0) + normals[1] * ((beyond[1][1] - beyond[1][0]) / 2.0);
  return {
      {cv::Point2f(centre + shift), cv::Size2f(static_cast<float>(width), static_cast<float>(height)), outline.angle},
      sides_at_edges};
}

/// The rectangle around `hull` turned to the piece's own angle: that of the longest straight line
/// along or inside it (a paper edge or a printed frame), when one runs within a few degrees of
/// the tightest rectangle's sides for a third of their length or more. The tightest rectangle
/// around print alone leans with the layout of the print (a title set off to one side).
cv::RotatedRect PieceOutline(const std::vector<cv::Point>& hull, const std::vector<Edge>& lines, double near) {
  constexpr double kAngleTolerance = 5.0;  // degrees
  const cv::RotatedRect tightest = cv::minAreaRect(hull);
  cv::RotatedRect around = tightest;
  around.size += cv::Size2f(static_cast<float>(2 * near), static_cast<float>(2 * near));
  std::vector<cv::Point2f> area(4);
  around.points(area.data());
  const double shorter = std::min(tightest.size.width, tightest.size.height);
  const Edge* longest = nullptr;
  for (const Edge& line : lines) {
    const double off = std::fmod(AngleBetween(line.Angle(), tightest.angle), 90.0);
    if (std::min(off, 90.0 - off) > kAngleTolerance || line.Length() < shorter / 3.0) continue;
    if (cv::pointPolygonTest(area, line.a, false) < 0 || cv::pointPolygonTest(area, line.b, false) < 0) continue;
    if (longest == nullptr || line.Length() > longest->Length()) longest = &line;
  }
  if (longest == nullptr) return tightest;
  // The hull in the line's own frame, and its bounding box there.
  const cv::Point2f along = longest->Along();
  const cv::Point2f across(-along.y, along.x);
  float u0 = std::numeric_limits<float>::max();
  float u1 = std::numeric_limits<float>::lowest();
  float v0 = u0;
  float v1 = u1;
  for (const cv::Point& p : hull) {
    const float u = cv::Point2f(p).dot(along);
    const float v = cv::Point2f(p).dot(across);
    u0 = std::min(u0, u);
    u1 = std::max(u1, u);
    v0 = std::min(v0, v);
    v1 = std::max(v1, v);
  }
  const cv::Point2f centre = along * ((u0 + u1) / 2) + across * ((v0 + v1) / 2);
  cv::Size2f size(u1 - u0, v1 - v0);
  // A quarter turn at most either way, as minAreaRect gives it, with the sides swapped to match.
  double angle = std::atan2(along.y, along.x) * 180.0 / CV_PI;
  while (angle > 45.0) {
    angle -= 90.0;
    std::swap(size.width, size.height);
  }
  while (angle <= -45.0) {
    angle += 90.0;
    std::swap(size.width, size.height);
  }
  return {centre, size, static_cast<float>(angle)};
}

/// Points every pixel or so along the closed polygon `corners`.
template <typename Point>
std::vector<cv::Point2f> PointsAround(const std::vector<Point>& corners) {
  std::vector<cv::Point2f> points;
  for (std::size_t i = 0; i < corners.size(); ++i) {
    const cv::Point2f from(corners[i]);
    const cv::Point2f to(corners[(i + 1) % corners.size()]);
    const int steps = std::max(1, static_cast<int>(cv::norm(to - from)));
    for (int k = 0; k < steps; ++k) points.push_back(from + (to - from) * (static_cast<float>(k) / steps));
  }
  return points;
}

void FillRotatedRect(cv::Mat& mask, const cv::RotatedRect& outline) {
  std::array<cv::Point2f, 4> corners;
  outline.points(corners.data());
  std::array<cv::Point, 4> points;
  for (std::size_t i = 0; i < 4; ++i) points[i] = corners[i];
  cv::fillConvexPoly(mask, points.data(), 4, cv::Scalar(255));
}

/// Share of `inner`'s area that lies inside `outer`.
double Containment(const cv::RotatedRect& inner, const cv::RotatedRect& outer) {
  std::vector<cv::Point2f> intersection;
  if (cv::rotatedRectangleIntersection(inner, outer, intersection) == cv::INTERSECT_NONE || intersection.size() < 3) {
    return 0.0;
  }
  std::vector<cv::Point2f> hull;
  cv::convexHull(intersection, hull);
  return cv::contourArea(hull) / std::max(1.0f, inner.size.area());
}

/// Regions that paper edges close off: each connected area between the edges (drawn a little
/// longer, to close corners) that is rectangular, large enough and holds print. Of regions nested
/// in each other (a printed border inside the paper's edge) the outermost is kept.
std::vector<cv::RotatedRect> EdgeBoundedRegions(const cv::Mat& content, const std::vector<Edge>& edges,
                                                const std::function<int(double)>& px, const SegmentOptions& options,
                                                const DebugSink& debug) {
  cv::Mat barrier = cv::Mat::zeros(content.size(), CV_8UC1);
  const float extension = static_cast<float>(px(3.0));
  for (const Edge& edge : edges) {
    cv::line(barrier, edge.a - edge.Along() * extension, edge.b + edge.Along() * extension, cv::Scalar(255), 2);
  }
  debug.Image("segment_4_barrier", barrier);
  cv::Mat open_area;
  cv::bitwise_not(barrier, open_area);
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(open_area, labels, stats, centroids, 4);
  const double min_side = px(options.min_side_mm);
  std::vector<cv::RotatedRect> regions;
  for (int label = 1; label < count; ++label) {
    const int area = stats.at<int>(label, cv::CC_STAT_AREA);
    const cv::Rect box(stats.at<int>(label, cv::CC_STAT_LEFT), stats.at<int>(label, cv::CC_STAT_TOP),
                       stats.at<int>(label, cv::CC_STAT_WIDTH), stats.at<int>(label, cv::CC_STAT_HEIGHT));
    if (std::max(box.width, box.height) < min_side || std::min(box.width, box.height) < min_side * 0.5) continue;
    // The page's own background reaches the border of the scan: not a piece.
    if (box.x <= 1 || box.y <= 1 || box.x + box.width >= content.cols - 1 || box.y + box.height >= content.rows - 1) {
      continue;
    }
    cv::Mat region = labels(box) == label;
    std::vector<std::vector<cv::Point>> contours;
    cv::findContours(region, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE, box.tl());
    if (contours.empty()) continue;
    cv::RotatedRect outline = cv::minAreaRect(contours.front());
    if (area < 0.8 * outline.size.area()) continue;  // not a rectangle
    const double print = cv::countNonZero(content(box) & region);
    if (print < 0.01 * area) continue;  // blank: a gap between pieces, not paper with print on it
    // The barrier lines ate a pixel or two of the paper all round.
    outline.size.width += 3.0f;
    outline.size.height += 3.0f;
    regions.push_back(outline);
  }
  std::vector<cv::RotatedRect> outermost;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    bool nested = false;
    for (std::size_t j = 0; j < regions.size() && !nested; ++j) {
      nested = i != j && regions[j].size.area() > regions[i].size.area() && Containment(regions[i], regions[j]) > 0.85;
    }
    if (!nested) outermost.push_back(regions[i]);
  }
  return outermost;
}

/// Pieces printed on tinted card: solid rectangles of not-paper at least a piece's size (their
/// edges are the tint's own border, which the paper-edge test leaves to print).
std::vector<cv::RotatedRect> TintedCards(const cv::Mat& content, const std::function<int(double)>& px,
                                         const SegmentOptions& options) {
  cv::Mat solid;
  cv::morphologyEx(content, solid, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(3, 3)));
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(solid, contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::RotatedRect> cards;
  const double min_side = px(options.min_side_mm);
  for (const auto& contour : contours) {
    const cv::RotatedRect outline = cv::minAreaRect(contour);
    if (std::min(outline.size.width, outline.size.height) < min_side) continue;
    if (cv::contourArea(contour) < 0.9 * outline.size.area()) continue;
    const cv::Rect box = cv::boundingRect(contour) & cv::Rect(0, 0, content.cols, content.rows);
    cv::Mat inside = cv::Mat::zeros(box.size(), CV_8UC1);
    cv::drawContours(inside, std::vector<std::vector<cv::Point>>{contour}, 0, cv::Scalar(255), cv::FILLED, cv::LINE_8,
                     cv::noArray(), 0, -box.tl());
    if (cv::countNonZero(solid(box) & inside) < 0.85 * cv::countNonZero(inside)) continue;  // a frame, not a fill
    cards.push_back(outline);
  }
  return cards;
}

/// Drops what cannot be a pasted piece and keeps the outermost of nested candidates: the title
/// band of a form, the scanner's dark border along the page, a printed frame inside a piece.
std::vector<cv::RotatedRect> Plausible(const std::vector<cv::RotatedRect>& outlines, const cv::Size& page,
                                       bool form_page, const std::function<int(double)>& px) {
  const cv::Rect page_rect(0, 0, page.width, page.height);
  const int near = px(3.0);
  std::vector<cv::RotatedRect> candidates;
  for (const cv::RotatedRect& outline : outlines) {
    const cv::Rect box = outline.boundingRect() & page_rect;
    const int borders = (box.x <= near ? 1 : 0) + (box.y <= near ? 1 : 0) +
                        (box.x + box.width >= page.width - near ? 1 : 0) +
                        (box.y + box.height >= page.height - near ? 1 : 0);
    const bool whole_page = borders == 4 && box.area() > 0.9 * page_rect.area();
    if (borders >= 2 && !(whole_page && !form_page)) continue;  // the scanner's edge, not paper
    // On the back page nothing is pasted over the title and name fields.
    if (form_page && box.y + box.height < page.height * 0.22) continue;
    candidates.push_back(outline);
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const cv::RotatedRect& a, const cv::RotatedRect& b) { return a.size.area() > b.size.area(); });
  std::vector<cv::RotatedRect> kept;
  for (const cv::RotatedRect& candidate : candidates) {
    const bool nested = std::any_of(kept.begin(), kept.end(),
                                    [&](const cv::RotatedRect& outer) { return Containment(candidate, outer) > 0.75; });
    if (!nested) kept.push_back(candidate);
  }
  return kept;
}

}  // namespace

const cv::Mat& BlankForm(const std::string& file, double dpi) {
  static std::mutex mutex;
  static std::map<std::pair<std::string, int>, cv::Mat> cache;
  const std::lock_guard lock(mutex);
  cv::Mat& blank = cache[{file, static_cast<int>(dpi)}];
  if (blank.empty()) {
    load::LoadLimits limits;
    limits.default_dpi = dpi;
    auto reader = load::OpenScan(ModelsDirectory() / "forms" / file, limits);
    blank = Grey(reader->ReadPage(1).pixels);
  }
  return blank;
}

const cv::Mat& BlankBackPage(double dpi) {
  return BlankForm("back-page.pdf", dpi);
}

double FormHeaderScore(const cv::Mat& blank_form, const cv::Mat& page_grey) {
  cv::Mat form;
  cv::resize(blank_form, form, page_grey.size(), 0, 0, cv::INTER_AREA);
  return MatchHeader(form, page_grey).score;
}

std::vector<PieceRegion> FindCertificates(const PageImage& page, const cv::Mat& blank_form,
                                          const SegmentOptions& options, const DebugSink& debug) {
  const double scale = options.working_dpi / page.dpi;
  cv::Mat small;
  cv::resize(page.pixels, small, cv::Size(), scale, scale, cv::INTER_AREA);
  const cv::Mat small_grey = Grey(small);

  const std::function<int(double)> px = [&](double mm) {
    return std::max(1, static_cast<int>(std::lround(mm / 25.4 * options.working_dpi)));
  };
  cv::Mat content = NotPaper(small, options);
  debug.Image("segment_1_not_paper", content);
  const cv::Mat print = FormPrint(small_grey, blank_form);
  if (!print.empty()) {
    debug.Image("segment_2_form_print", print);
    content.setTo(0, print);
  }
  cv::morphologyEx(content, content, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(2, 2)));
  // On the back page nothing is pasted over the title and name fields, where the member writes.
  if (!print.empty()) content(cv::Rect(0, 0, content.cols, content.rows * 19 / 100)).setTo(0);
  // The scanner's own dark border along the page is not print.
  cv::rectangle(content, cv::Rect(0, 0, content.cols, content.rows), cv::Scalar(0), px(3.0) * 2);

  // Paper edges cut apart what closing the content would otherwise join: neighbouring pieces.
  const std::vector<Edge> lines = PaperEdges(small_grey, print, px(options.min_edge_mm));
  const std::vector<Edge> edges = WithoutFolds(lines, small.size(), px);
  cv::Mat edge_mask = cv::Mat::zeros(small.size(), CV_8UC1);
  for (const Edge& edge : lines) cv::line(edge_mask, edge.a, edge.b, cv::Scalar(128), 1);
  for (const Edge& edge : edges) cv::line(edge_mask, edge.a, edge.b, cv::Scalar(255), 1);
  debug.Image("segment_3_edges", edge_mask);

  // 1. Pieces whose paper edges close around them: regions the edges cut out of the page.
  const std::vector<Edge> separators = JoinedEdges(PaperEdgesOnly(edges, small_grey, content, page, scale, px), px);
  std::vector<cv::RotatedRect> outlines = EdgeBoundedRegions(content, separators, px, options, debug);
  const std::vector<cv::RotatedRect> tinted = TintedCards(content, px, options);
  outlines.insert(outlines.end(), tinted.begin(), tinted.end());

  const bool form_page = !print.empty();
  // 2. Print not inside any of those: gather it into pieces. Print lying close together belongs
  //    to one piece unless a paper edge runs between; each group is then pushed out to its edges.
  cv::Mat covered = cv::Mat::zeros(small.size(), CV_8UC1);
  for (const cv::RotatedRect& outline : outlines) FillRotatedRect(covered, outline);
  cv::dilate(covered, covered, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(px(3.0), px(3.0))));
  cv::Mat leftover = content.clone();
  leftover.setTo(0, covered);  // with the pieces' own borders, just inside their paper edges
  std::vector<PrintGroup> groups = GroupPrint(leftover, separators, px, options);
  if (debug.enabled()) {
    cv::Mat picture;
    cv::cvtColor(leftover, picture, cv::COLOR_GRAY2BGR);
    for (const Edge& edge : separators) cv::line(picture, edge.a, edge.b, cv::Scalar(0, 200, 0), 1);
    for (const PrintGroup& group : groups) cv::rectangle(picture, group.box, cv::Scalar(0, 0, 255), 1);
    debug.Image("segment_5_groups", picture);
  }
  const double min_side = px(options.min_side_mm);
  // Lines inside the sheet, off the scanner's border: what a piece pasted on the sheet has.
  const cv::Rect inner(px(5), px(5), small.cols - 2 * px(5), small.rows - 2 * px(5));
  const auto off_the_border = [&](const std::vector<Edge>& all) {
    std::vector<Edge> kept;
    std::copy_if(all.begin(), all.end(), std::back_inserter(kept),
                 [&](const Edge& edge) { return inner.contains(edge.a) && inner.contains(edge.b); });
    return kept;
  };
  const std::vector<Edge> inner_edges = off_the_border(separators);
  const std::vector<Edge> inner_lines = off_the_border(edges);
  const bool loose_sheet = !form_page && std::any_of(groups.begin(), groups.end(), [&](const PrintGroup& group) {
    if (group.box.area() <= 0.4 * small.size().area()) return false;
    // Print closed in by paper edges on two sides or more is a piece pasted on the sheet.
    return ExpandToEdges(cv::minAreaRect(group.hull), inner_edges, px(options.edge_reach_mm), px(options.margin_mm))
               .sides_at_edges < 2;
  });
  if (loose_sheet) {
    // A sheet of plain paper mostly covered by one group's print is itself the certificate (a
    // loose print-out, or a certificate scanned on its own).
    outlines = {cv::RotatedRect(cv::Point2f(static_cast<float>(small.cols) / 2, static_cast<float>(small.rows) / 2),
                                cv::Size2f(static_cast<float>(small.cols), static_cast<float>(small.rows)), 0.0f)};
    groups.clear();
  }
  std::erase_if(groups, [&](const PrintGroup& group) {  // handwriting on the page, a stray mark
    return std::max(group.box.width, group.box.height) < min_side ||
           std::min(group.box.width, group.box.height) < min_side * 0.5;
  });
  // Each piece's print, as points along its outline, for its neighbours to keep clear of.
  std::vector<std::vector<cv::Point2f>> print_outlines;
  print_outlines.reserve(groups.size() + outlines.size());
  for (const PrintGroup& group : groups) print_outlines.push_back(PointsAround(group.hull));
  for (const cv::RotatedRect& outline : outlines) {
    std::array<cv::Point2f, 4> corners;
    outline.points(corners.data());
    print_outlines.push_back(PointsAround(std::vector<cv::Point2f>(corners.begin(), corners.end())));
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    std::vector<cv::Point2f> neighbours;
    for (std::size_t j = 0; j < print_outlines.size(); ++j) {
      if (j != i) neighbours.insert(neighbours.end(), print_outlines[j].begin(), print_outlines[j].end());
    }
    const cv::RotatedRect outline = PieceOutline(groups[i].hull, inner_lines, px(5.0));  // lines 5 mm off the print
    outlines.push_back(
        ExpandToEdges(outline, inner_lines, px(options.edge_reach_mm), px(options.margin_mm), neighbours).outline);
  }
  outlines = Plausible(outlines, small.size(), form_page, px);

  std::vector<PieceRegion> pieces;
  const cv::Rect page_rect(0, 0, page.pixels.cols, page.pixels.rows);
  for (const cv::RotatedRect& outline : outlines) {
    PieceRegion piece;
    piece.outline = cv::RotatedRect(
        outline.center / scale,
        cv::Size2f(outline.size.width / static_cast<float>(scale), outline.size.height / static_cast<float>(scale)),
        outline.angle);
    piece.box = piece.outline.boundingRect() & page_rect;
    piece.score = 1.0;
    pieces.push_back(piece);
  }
  std::sort(pieces.begin(), pieces.end(), [](const PieceRegion& a, const PieceRegion& b) {
    return std::tie(a.box.y, a.box.x) < std::tie(b.box.y, b.box.x);
  });
  if (debug.enabled()) {
    cv::Mat overlay = small.channels() == 1 ? cv::Mat() : small.clone();
    if (overlay.empty()) cv::cvtColor(small, overlay, cv::COLOR_GRAY2BGR);
    for (const PieceRegion& piece : pieces) {
      std::array<cv::Point2f, 4> corners;
      piece.outline.points(corners.data());
      for (int i = 0; i < 4; ++i) {
        cv::line(overlay, corners[static_cast<std::size_t>(i)] * scale,
                 corners[static_cast<std::size_t>((i + 1) % 4)] * scale, cv::Scalar(0, 0, 255), 2);
      }
    }
    debug.Image("segment_6_pieces", overlay);
  }
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
