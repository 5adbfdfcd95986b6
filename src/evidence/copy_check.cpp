// Signs that a piece is a photocopy or a reduced copy. None is proof alone (a black-and-white
// print-out of a web certificate is an original, and colour lasers screen their tints too), so
// each sign is measured and reported on its own, and the piece is called a copy only when two
// agree or one is overwhelming. One sign alone sends it to a person.
//
// - halftone: a copier breaks mid-tones (seals, tints, pencil) into a regular dot screen, which
//   shows as an isolated peak in the spectrum of a mid-tone window;
// - toner_specks: stray toner dots in the blank paper;
// - edge_shadow: the copier's dark band along a side (lid open);
// - reduced: printed characters smaller than certificates print them.

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <opencv2/imgproc.hpp>

#include "piece.hpp"

namespace certintake::evidence {
namespace {

using rules::Finding;

constexpr int kWindow = 64;

/// Dark marks bigger than a dot: strokes of print and handwriting, lines, seals (CV_8UC1 mask).
/// A copier's screen dots and its stray toner are smaller than `max_dot_mm` across.
cv::Mat StrokesOf(const Piece& piece, const cv::Mat& dark, double max_dot_mm) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(dark, labels, stats, centroids, 8, CV_32S);
  std::vector<std::uint8_t> big(static_cast<std::size_t>(count), 0);
  const double limit = max_dot_mm * piece.px_per_mm;
  for (int i = 1; i < count; ++i) {
    big[static_cast<std::size_t>(i)] =
        stats.at<int>(i, cv::CC_STAT_WIDTH) > limit || stats.at<int>(i, cv::CC_STAT_HEIGHT) > limit ? 255 : 0;
  }
  cv::Mat strokes(dark.size(), CV_8U);
  for (int y = 0; y < dark.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    auto* out = strokes.ptr<std::uint8_t>(y);
    for (int x = 0; x < dark.cols; ++x) out[x] = big[static_cast<std::size_t>(label[x])];
  }
  return strokes;
}

/// The largest share (in %) of a mid-tone window's energy at one screen-like frequency. Windows
/// are taken where the piece is mid-tone on average (tints, seals, logos, pencil) and free of
/// strokes; a copier's screen turns such areas into a regular grid of dots.
double HalftonePeak(const Piece& piece, cv::Rect& where, cv::Mat& spectrum_picture) {
  cv::Mat smooth;
  cv::blur(piece.grey, smooth, cv::Size(5, 5));
  const cv::Mat mid = (smooth >= 70) & (smooth <= 225);
  const cv::Mat strokes = StrokesOf(piece, piece.darkness >= 110, 0.8) | piece.print;
  struct Candidate {
    double share;
    cv::Rect box;
  };
  std::vector<Candidate> candidates;
  for (int y = 0; y + kWindow <= piece.grey.rows; y += kWindow / 2) {
    for (int x = 0; x + kWindow <= piece.grey.cols; x += kWindow / 2) {
      const cv::Rect box(x, y, kWindow, kWindow);
      const double share = cv::countNonZero(mid(box)) / static_cast<double>(kWindow * kWindow);
      const double text = cv::countNonZero(strokes(box)) / static_cast<double>(kWindow * kWindow);
      if (share >= 0.5 && text < 0.03) candidates.push_back({share, box});
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.share > b.share; });
  if (candidates.size() > 16) candidates.resize(16);
  static const cv::Mat kHann = [] {
    cv::Mat hann;
    cv::createHanningWindow(hann, cv::Size(kWindow, kWindow), CV_32F);
    return hann;
  }();
  double best = 0;
  for (const Candidate& candidate : candidates) {
    cv::Scalar mean;
    cv::Scalar deviation;
    cv::meanStdDev(piece.grey(candidate.box), mean, deviation);
    if (deviation[0] < 8) continue;  // flat paper or an even tint: nothing screened
    cv::Mat window;
    piece.grey(candidate.box).convertTo(window, CV_32F);
    window -= mean[0];
    window = window.mul(kHann);
    cv::Mat spectrum;
    cv::dft(window, spectrum, cv::DFT_COMPLEX_OUTPUT);
    std::vector<cv::Mat> parts;
    cv::split(spectrum, parts);
    cv::Mat power;
    cv::magnitude(parts[0], parts[1], power);
    // Periods of 2.2 to 8 pixels: a copier's screen at 200-300 dpi. A screen puts a large share of
    // the window's energy into one frequency; text, tints and gradients spread it or keep it low.
    double total = 0;
    double peak = 0;
    for (int v = 0; v < kWindow; ++v) {
      for (int u = 0; u < kWindow / 2 + 1; ++u) {
        const int fv = v <= kWindow / 2 ? v : v - kWindow;
        const double radius = std::hypot(u, fv);
        if (radius < 1) continue;
        const double p = std::pow(power.at<float>(v, u), 2);
        total += p;
        if (radius >= kWindow / 8.0 && radius <= kWindow / 2.2) peak = std::max(peak, p);
      }
    }
    if (total <= 0) continue;
    const double ratio = 100.0 * peak / total;

    if (ratio > best) {
      best = ratio;
      where = candidate.box;
      cv::Mat shown;
      cv::log(power + 1, shown);
      cv::normalize(shown, spectrum_picture, 0, 255, cv::NORM_MINMAX, CV_8U);
    }
  }
  return best;
}

/// Isolated dark dots per cm² of blank paper: at least 2 mm from any stroke and 3 mm inside the
/// cut. Dust and paper fibres give a few; a copier's stray toner gives many.
struct SpeckCount {
  int specks = 0;
  double blank_cm2 = 0;
  [[nodiscard]] double PerCm2() const { return blank_cm2 > 0 ? specks / blank_cm2 : 0.0; }
};

SpeckCount TonerSpecks(const Piece& piece) {
  SpeckCount result;
  const double mm = piece.px_per_mm;
  const cv::Mat dark = piece.darkness >= 40;
  const cv::Mat strokes = StrokesOf(piece, dark, 0.6);
  cv::Mat distance;
  cv::distanceTransform(~strokes, distance, cv::DIST_L2, 3);
  cv::Mat blank = distance >= 2 * mm;
  // Blank paper is about as bright as the piece's paper: in a printed band, where the paper's
  // own shading is taken to be the band, the edges of its lettering make specks.
  cv::Mat surround;
  cv::blur(piece.grey, surround, cv::Size(static_cast<int>(2 * mm) | 1, static_cast<int>(2 * mm) | 1));
  blank &= surround >= 0.85 * Quantile(piece.grey, cv::Mat(), 0.75);
  const int inset = std::min({static_cast<int>(3 * mm), blank.rows / 2, blank.cols / 2});
  blank.rowRange(0, inset).setTo(0);
  blank.rowRange(blank.rows - inset, blank.rows).setTo(0);
  blank.colRange(0, inset).setTo(0);
  blank.colRange(blank.cols - inset, blank.cols).setTo(0);
  result.blank_cm2 = piece.Mm2(cv::countNonZero(blank)) / 100.0;
  if (result.blank_cm2 < 0.5) return result;
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  result.specks = cv::connectedComponentsWithStats(dark & blank, labels, stats, centroids, 8, CV_32S) - 1;
  return result;
}

/// How much darker than the paper in the middle a band along one side is, as a share of the
/// paper's brightness: a copier's lid shadow. The band is measured from 1 to 3 mm inside the cut
/// (a scanner's own dark line at a sheet's edge is thinner), and it must run along the whole side:
/// the darkening is the least of the side's eight stretches, so a neighbour's shadow or a form
/// line reaching into one corner does not count. (A straight line inside the cut, the original's
/// outline, is not used: printed frames look the same.)
struct EdgeMeasure {
  double band = 0;
  cv::Rect region;
};

/// Whether the dark band along `side` (one of EdgeShadow's strips, `darkening` its least
/// darkening) is printed: white lettering in it, where a lid's shadow is an even dark. The band
/// runs inwards from the strip while a line along the side is nearly as dark as the strip (a
/// lid's shadow fades out inwards, a printed band does not); lettering is what is nearly as light
/// as the paper in it.
bool LetteredBand(const Piece& piece, const cv::Rect& strip, double paper, double darkening) {
  const bool across = strip.width > strip.height;
  const int cols = piece.grey.cols;
  const int rows = piece.grey.rows;
  const bool near_start = across ? strip.y < rows / 2 : strip.x < cols / 2;  // top or left
  const int step = near_start ? 1 : -1;
  const int start = across ? (near_start ? strip.y : strip.br().y - 1) : (near_start ? strip.x : strip.br().x - 1);
  const int limit = static_cast<int>(25 * piece.px_per_mm);
  int depth = 0;
  for (; depth < limit; ++depth) {
    const int at = start + step * depth;
    if (at < 0 || at >= (across ? rows : cols)) break;
    const cv::Mat line = across ? piece.grey.row(at) : piece.grey.col(at);
    if ((paper - Quantile(line, cv::Mat(), 0.5)) / paper < 0.75 * darkening) break;
  }
  if (depth < 1) return false;
  const int from = near_start ? start : start - depth + 1;
  const cv::Rect band = across ? cv::Rect(0, from, cols, depth) : cv::Rect(from, 0, depth, rows);
  cv::Mat light = piece.grey(band) >= (1 - darkening / 4) * paper;
  // Light reaching the band's inner side is the paper beyond it (a shadow's boundary runs a
  // little aslant), not lettering, which the band's dark surrounds.
  cv::Mat labels;
  const int count = cv::connectedComponents(light, labels, 8, CV_32S);
  std::vector<std::uint8_t> inner(static_cast<std::size_t>(count), 0);
  const cv::Mat inner_side =
      across ? labels.row(near_start ? labels.rows - 1 : 0) : labels.col(near_start ? labels.cols - 1 : 0);
  for (int i = 0; i < static_cast<int>(inner_side.total()); ++i) {
    inner[static_cast<std::size_t>(inner_side.at<int>(i))] = 1;
  }
  int lettering = 0;
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = 0; x < labels.cols; ++x) lettering += row[x] != 0 && inner[static_cast<std::size_t>(row[x])] == 0;
  }
  return lettering >= 0.03 * band.area();
}

EdgeMeasure EdgeShadow(const Piece& piece) {
  EdgeMeasure m;
  const int from = static_cast<int>(1.0 * piece.px_per_mm);
  const int width = std::max(2, static_cast<int>(2.0 * piece.px_per_mm));
  const int rows = piece.grey.rows;
  const int cols = piece.grey.cols;
  if (rows <= 4 * (from + width) || cols <= 4 * (from + width)) return m;
  const cv::Rect middle(cols / 4, rows / 4, cols / 2, rows / 2);
  const cv::Mat paper_only = piece.darkness < 25;
  const double paper = Quantile(piece.grey(middle), paper_only(middle), 0.5);
  if (paper <= 0) return m;
  const std::array<cv::Rect, 4> sides = {cv::Rect(0, from, cols, width), cv::Rect(0, rows - from - width, cols, width),
                                         cv::Rect(from, 0, width, rows), cv::Rect(cols - from - width, 0, width, rows)};
  constexpr int kStretches = 8;
  for (const cv::Rect& side : sides) {
    double least = 1;
    for (int i = 0; i < kStretches; ++i) {
      const bool across = side.width > side.height;
      const int length = across ? side.width : side.height;
      const int a = length * i / kStretches;
      const int b = length * (i + 1) / kStretches;
      const cv::Rect stretch =
          across ? cv::Rect(side.x + a, side.y, b - a, side.height) : cv::Rect(side.x, side.y + a, side.width, b - a);
      // The lighter third of the stretch: a lid's shadow darkens all of the band, while a frame
      // printed along the cut darkens only the part its rules cover.
      least = std::min(least, (paper - Quantile(piece.grey(stretch), cv::Mat(), 0.65)) / paper);
    }
    if (least > m.band && !LetteredBand(piece, side, paper, least)) {
      m.band = least;
      m.region = side;
    }
  }
  return m;
}

/// The printed characters' height: the 75th percentile of confidently read symbols, in mm
/// (kana and punctuation are smaller than kanji). 0 when too few were read.
double PrintedCharacterHeight(const Piece& piece, cv::Rect& where) {
  std::vector<int> heights;
  for (const ocr::OcrLine& line : piece.ocr->lines) {
    for (const ocr::OcrSymbol& symbol : line.symbols) {
      if (symbol.confidence >= 0.85 && symbol.box.height > 0) {
        heights.push_back(symbol.box.height);
        where = where.empty() ? symbol.box : (where | symbol.box);
      }
    }
  }
  if (heights.size() < 8) return 0;
  std::sort(heights.begin(), heights.end());
  return heights[heights.size() * 3 / 4] / piece.px_per_mm;
}

Evidence Sign(const char* check, double value, double threshold, const cv::Rect& region, const Piece& piece,
              std::string message) {
  Evidence e;
  e.check = check;
  e.value = value;
  e.threshold = threshold;
  e.finding = value >= threshold ? Finding::kFail : Finding::kPass;
  e.region = piece.Fractions(region);
  e.message_ja = std::move(message);
  return e;
}

}  // namespace

CopyFindings CheckCopy(const Piece& piece, const EvidenceThresholds& t, const DebugSink& debug) {
  CopyFindings result;
  int strong = 0;
  auto add = [&](Evidence e, const char* sign, bool overwhelming) {
    if (e.finding == Finding::kFail) {
      result.signs.emplace_back(sign);
      strong += overwhelming ? 1 : 0;
    }
    result.checks.push_back(std::move(e));
  };

  cv::Rect halftone_region;
  cv::Mat spectrum;
  const double peak = HalftonePeak(piece, halftone_region, spectrum);
  add(Sign("copy_halftone", peak, t.halftone_peak, halftone_region, piece,
           peak >= t.halftone_peak
               ? fmt::format(
                     "中間調が規則的な網点になっています（一つの周波数にエネルギーの {:.1f}%）：複写機の網点の疑い。",
                     peak)
               : fmt::format("中間調に網点の周期は見られません（最大 {:.1f}%）。", peak)),
      "halftone", peak >= 2 * t.halftone_peak);
  if (debug.enabled() && !spectrum.empty()) debug.Image("copy_spectrum", spectrum);

  const SpeckCount specks = TonerSpecks(piece);
  Evidence speck_sign =
      Sign("copy_toner_specks", specks.PerCm2(), t.toner_specks_per_cm2, piece.bounds(), piece,
           fmt::format("余白 {:.1f} cm² にトナーの飛び散りらしい点が {} 個（{:.1f} 個/cm²）あります。",
                       specks.blank_cm2, specks.specks, specks.PerCm2()));
  if (specks.specks < t.toner_specks_min_count) speck_sign.finding = Finding::kPass;
  add(std::move(speck_sign), "toner_specks",
      specks.specks >= t.toner_specks_min_count && specks.PerCm2() >= t.toner_specks_overwhelming_per_cm2);

  const EdgeMeasure edge = EdgeShadow(piece);
  add(Sign("copy_edge_shadow", edge.band, t.edge_band_darkening, edge.region, piece,
           edge.band >= t.edge_band_darkening
               ? fmt::format("端に沿って紙が {:.0f}% 暗くなっています：複写機のふたの影の疑い。", 100 * edge.band)
               : "端に複写機の影は見られません。"),
      "edge_shadow", false);

  cv::Rect text_region;
  const double height = PrintedCharacterHeight(piece, text_region);
  Evidence reduced;
  reduced.check = "copy_reduced";
  reduced.threshold = t.reduced_text_height_mm;
  reduced.region = piece.Fractions(text_region.empty() ? piece.bounds() : text_region);
  if (height <= 0) {
    reduced.finding = Finding::kInconclusive;
    reduced.message_ja = "読める印字が少なく、縮小かどうか判断できません。";
  } else {
    reduced.value = height;
    reduced.finding = height < t.reduced_text_height_mm ? Finding::kFail : Finding::kPass;
    reduced.message_ja =
        reduced.finding == Finding::kFail
            ? fmt::format("印字の文字高さが {:.1f} mm と、証明書の通常の大きさより小さいです：縮小コピーの疑い。",
                          height)
            : fmt::format("印字の文字高さは {:.1f} mm です。", height);
  }
  const bool small = reduced.finding == Finding::kFail;
  result.checks.push_back(std::move(reduced));

  const int copy_signs = static_cast<int>(result.signs.size());
  if (copy_signs >= 2 || strong > 0) {
    result.copy = Finding::kFail;
  } else if (copy_signs == 1) {
    result.copy = Finding::kInconclusive;
  } else {
    result.copy = Finding::kPass;
  }
  if (small) {
    result.signs.emplace_back("reduced");
    result.reduced = result.copy == Finding::kFail ? Finding::kFail : Finding::kInconclusive;
  } else {
    result.reduced = height > 0 ? Finding::kPass : Finding::kInconclusive;
  }
  return result;
}

}  // namespace certintake::evidence
