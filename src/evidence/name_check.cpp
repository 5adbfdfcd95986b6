// Is the member's name handwritten on the piece, and with what?
//
// Where: the 氏名 field when the design has one (the rest of the line after 氏名/お名前/参加者/
// 受講者, up to 殿/様, within its table row), else above a ruled line, else anywhere on the piece.
// What: ink that neither reading (the block reading, the large print's look for titles) read as
// print (sure characters in a line that makes sense, or with words no name has), that is not a
// form line, a logo or a seal, and that groups into a row of two character-sized marks or more.
// With what: the strokes' darkest core against the piece's own printed black (graphite is
// lighter and grainy), and on colour scans their colour (blue ballpoint is ink); unknown when
// another group with a name's ink tells the other story.

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <numbers>
#include <opencv2/imgproc.hpp>
#include <optional>
#include <string_view>

#include "piece.hpp"

namespace certintake::evidence {
namespace {

/// An OCR line read at least this surely is print (see IsPrintLine).
constexpr double kPrintLineConfidence = 0.75;

using rules::Finding;

/// Where the design asks for the name: the band of the 氏名 line between its label and 殿/様.
struct NamePlace {
  cv::Rect box;
};

bool Is(const ocr::OcrSymbol& symbol, const char* text) {
  return symbol.text == text;
}

/// Ink running straight across for 30 mm or more: ruled lines, table rules, frames.
cv::Mat HorizontalRules(const Piece& piece) {
  cv::Mat rules;
  cv::morphologyEx(piece.ink, rules, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(static_cast<int>(30 * piece.px_per_mm), 1)));
  return rules;
}

/// `box` cut down to the rows between the nearest rules above and below `centre_y` that cross at
/// least half its width: a field in a table row ends at the row's rules.
cv::Rect BetweenRules(const cv::Rect& box, int centre_y, const cv::Mat& rules) {
  const auto crosses = [&](int y) {
    return cv::countNonZero(rules.row(y).colRange(box.x, box.br().x)) * 2 >= box.width;
  };
  int top = box.y;
  int bottom = box.br().y;
  for (int y = std::min(centre_y, bottom - 1); y >= box.y; --y) {
    if (crosses(y)) {
      top = y + 1;
      break;
    }
  }
  for (int y = std::max(centre_y, top); y < box.br().y; ++y) {
    if (crosses(y)) {
      bottom = y;
      break;
    }
  }
  return bottom > top ? cv::Rect(box.x, top, box.width, bottom - top) : box;
}

/// Whether symbol `i` is the 殿 or 様 that ends a name line: the last thing on its line (but for
/// punctuation, and for marks well apart from it, such as a border's pattern the OCR read into
/// the line), not the 殿 of 貴殿は… ("you") in running text.
bool EndsNameLine(const std::vector<ocr::OcrSymbol>& s, std::size_t i) {
  if (!Is(s[i], "殿") && !Is(s[i], "様")) return false;
  for (std::size_t j = i + 1; j < s.size(); ++j) {
    const std::string& t = s[j].text;
    const bool punctuation = t == "。" || t == "、" || t == "." || t == "," || t == ":" || t == "：";
    const bool apart = s[j].box.x - s[i].box.br().x > 2 * s[i].box.height;
    if (!punctuation && !apart) return false;
  }
  return true;
}

/// The print of a line where a name is written: its label (氏名, お名前, 参加者, 受講者, 参加者氏名)
/// and the 殿 or 様 that ends it; indices into the line's symbols, -1 when absent.
struct NameLineParts {
  int label_begin = -1;
  int label_end = -1;  ///< the label's last character
  int honorific = -1;
  [[nodiscard]] bool found() const { return label_end >= 0 || honorific >= 0; }
  [[nodiscard]] bool printed(std::size_t i) const {
    const int at = static_cast<int>(i);
    return (at >= label_begin && at <= label_end) || at == honorific;
  }
};

NameLineParts FindNameLineParts(const std::vector<ocr::OcrSymbol>& s) {
  NameLineParts parts;
  for (std::size_t i = 1; i < s.size(); ++i) {
    if (parts.label_end < 0 &&
        ((Is(s[i], "名") && (Is(s[i - 1], "氏") || Is(s[i - 1], "お"))) || (Is(s[i], "前") && Is(s[i - 1], "名")) ||
         (Is(s[i], "者") && (Is(s[i - 1], "加") || Is(s[i - 1], "講"))))) {
      parts.label_end = static_cast<int>(i);
      parts.label_begin = static_cast<int>(i - 1);
      // お名前, 参加者, 受講者: the character before; 参加者氏名: on to the end of the longest label.
      if (i >= 2 && (Is(s[i - 2], "お") || Is(s[i - 2], "参") || Is(s[i - 2], "受"))) {
        parts.label_begin = static_cast<int>(i - 2);
      }
      if (i + 2 < s.size() && Is(s[i + 1], "氏") && Is(s[i + 2], "名")) parts.label_end = static_cast<int>(i + 2);
    }
  }
  for (std::size_t i = 0; i < s.size(); ++i) {
    if (EndsNameLine(s, i) && static_cast<int>(i) > parts.label_end) parts.honorific = static_cast<int>(i);
  }
  return parts;
}

std::optional<NamePlace> FieldPlace(const Piece& piece, const cv::Mat& rules) {
  const double mm = piece.px_per_mm;
  for (const ocr::OcrLine& line : piece.ocr->lines) {
    const std::vector<ocr::OcrSymbol>& s = line.symbols;
    const NameLineParts parts = FindNameLineParts(s);
    const int label_end = parts.label_end;
    const int honorific = parts.honorific;
    if (label_end < 0 && honorific < 0) continue;
    const ocr::OcrSymbol& anchor = s[static_cast<std::size_t>(label_end >= 0 ? label_end : honorific)];
    const int h = std::max(anchor.box.height, static_cast<int>(2.5 * mm));
    const int centre = anchor.box.y + anchor.box.height / 2;
    const int x0 = label_end >= 0 ? anchor.box.br().x + static_cast<int>(0.5 * mm) : static_cast<int>(2 * mm);
    const int x1 = honorific >= 0 ? s[static_cast<std::size_t>(honorific)].box.x - static_cast<int>(0.5 * mm)
                                  : piece.grey.cols - static_cast<int>(2 * mm);
    const cv::Rect box =
        cv::Rect(cv::Point(x0, centre - 3 * h / 2), cv::Point(x1, centre + 3 * h / 2)) & piece.bounds();
    if (box.width < 8 * mm) continue;  // no room for a name: not the field
    return NamePlace{BetweenRules(box, centre, rules)};
  }
  return std::nullopt;
}

/// Name lines drawn as a rule with nothing printed to say so, or whose label the OCR missed:
/// the band above each long, thin horizontal rule that is not part of the piece's frame.
std::vector<cv::Rect> RuledPlaces(const Piece& piece, const cv::Mat& rules) {
  const double mm = piece.px_per_mm;
  std::vector<std::vector<cv::Point>> contours;
  cv::findContours(rules.clone(), contours, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  std::vector<cv::Rect> places;
  for (const std::vector<cv::Point>& contour : contours) {
    const cv::Rect rule = cv::boundingRect(contour);
    const bool frame =
        rule.width > 0.85 * piece.grey.cols || rule.y < 0.08 * piece.grey.rows || rule.br().y > 0.92 * piece.grey.rows;
    if (frame || rule.height > 1.5 * mm) continue;
    places.push_back(cv::Rect(cv::Point(rule.x, rule.y - static_cast<int>(12 * mm)), rule.br()) & piece.bounds());
  }
  return places;
}

/// Whether a line's words say it is print, however surely it was read.
bool SaysPrint(const ocr::OcrLine& line) {
  // A date or a number, read fairly surely: no one's name has digits. (Garbage the OCR makes of
  // rules and writing has digits too, but it reads it with next to no confidence.)
  constexpr double kNumberLineConfidence = 0.5;
  if (line.confidence >= kNumberLineConfidence &&
      std::count_if(line.text.begin(), line.text.end(), [](char c) { return c >= '0' && c <= '9'; }) >= 4) {
    return true;
  }
  // Who issued it, what for, when: words no one's name contains.
  // (Two characters at least: the OCR makes a lone 証 or 会 of a border's pattern too.)
  static const std::array<std::string_view, 21> kPrintWords = {
      "会長",   "部長", "理事長", "法人", "日本", "支部", "消化器", "内視鏡", "技師", "学会", "研究会",
      "講習会", "総会", "集会",   "参加", "受講", "証明", "修了",   "番号",   "令和", "平成"};
  if (std::any_of(kPrintWords.begin(), kPrintWords.end(),
                  [&](std::string_view word) { return line.text.find(word) != std::string::npos; })) {
    return true;
  }
  // 第N回, 第N号: a meeting's or a certificate's number (回 alone is also how the OCR reads a
  // written 岡 or 固).
  const std::size_t number = line.text.find("第");
  return number != std::string::npos &&
         (line.text.find("回", number) != std::string::npos || line.text.find("号", number) != std::string::npos);
}

/// Whether an OCR line is the certificate's print. Tesseract is sure of single characters even in
/// handwriting it reads as garbage (TIWU大, each character at .9); its confidence in the whole
/// line, which weighs whether the words make sense, is what sets print apart. Print it doubts
/// (an issuer's name, a bold title) still gives itself away by words no one's name contains.
bool IsPrintLine(const ocr::OcrLine& line) {
  return line.confidence >= kPrintLineConfidence || SaysPrint(line);
}

/// Whether connected component `label` (its bounding box `box`) is a ring 6–30 mm across — a
/// round seal's rim, with or without the characters inside it touching it: in nearly every
/// direction from the box's centre it has ink at the rim's radius. A written 口 or 回 is square:
/// towards its corners its ink lies further out.
bool IsRing(const cv::Mat& labels, int label, const cv::Rect& box, double mm) {
  const double w = box.width / mm;
  const double h = box.height / mm;
  if (w < 6 || h < 6 || w > 30 || h > 30 || w > 1.3 * h || h > 1.3 * w) return false;
  const cv::Point2d centre(box.x + box.width / 2.0, box.y + box.height / 2.0);
  const double radius = (box.width + box.height) / 4.0;
  constexpr int kDirections = 36;
  std::array<bool, kDirections> inked{};
  for (int y = box.y; y < box.br().y; ++y) {
    const int* row = labels.ptr<int>(y);
    for (int x = box.x; x < box.br().x; ++x) {
      if (row[x] != label) continue;
      const double r = std::hypot(x - centre.x, y - centre.y);
      if (r < 0.88 * radius || r > 1.08 * radius) continue;
      const double turn = (std::atan2(y - centre.y, x - centre.x) + std::numbers::pi) / (2 * std::numbers::pi);
      inked[static_cast<std::size_t>(std::min(kDirections - 1, static_cast<int>(turn * kDirections)))] = true;
    }
  }
  return std::count(inked.begin(), inked.end(), true) >= kDirections * 85 / 100;
}

/// The boxes of the piece's round seals (rings 6–30 mm across), found before any print is set
/// aside: the print's boxes often cut a seal's rim.
std::vector<cv::Rect> SealRings(const Piece& piece) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(piece.ink, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> rings;
  for (int i = 1; i < count; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (IsRing(labels, i, box, piece.px_per_mm)) rings.push_back(box);
  }
  return rings;
}

/// A group of marks that could be a written name.
struct Writing {
  cv::Rect box;
  double ink_mm2 = 0;
  cv::Mat strokes;  ///< the marks, in piece coordinates (CV_8UC1)
  cv::Mat marks;    ///< every mark that could be writing in the place looked at, grouped or not (debug)
  /// Other groups with a name's ink: their boxes (piece coordinates) and their marks in them.
  std::vector<std::pair<cv::Rect, cv::Mat>> rivals;
};

/// What counts as print where the writing is looked for.
enum class Around {
  kLabelledField,  ///< beside a 氏名 label: a line lying in it is the name's own, print only when
                   ///< its words say so (a name written neatly is read as surely as print)
  kField,          ///< above a ruled line: what the OCR read confidently is print
  kMargins,        ///< anywhere: also whole lines the OCR read as print, where a small printed line it was
                   ///< less sure of is the likeliest thing to pass for a name
};

/// The marks inside `place` that are not print, not a ruled line and not a solid blob, grouped
/// into rows; the largest group. On a name line (one with a label or ending in 殿/様) only the
/// label and the honorific are print, however neatly the name is written and however sure the
/// OCR is of it.
Writing FindWriting(const Piece& piece, const cv::Rect& place, const EvidenceThresholds& t, Around around,
                    const std::vector<cv::Rect>& seals, const cv::Rect& name_field = {}) {
  const double mm = piece.px_per_mm;
  cv::Mat ink = piece.darkness(place) >= t.writing_darkness;
  // Ruled lines and frames: long thin runs.
  const int run = std::max(9, static_cast<int>(8 * mm));
  cv::Mat horizontal;
  cv::Mat vertical;
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(run, 1)));
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, run)));
  ink.setTo(0, horizontal | vertical);
  // Confidently read print (in both readings: the large print's look reads titles), with a pixel
  // of slack; and every 殿 and 様, however unsure the OCR was of it (nobody writes them in their
  // own name).
  cv::Mat print = cv::Mat::zeros(place.size(), CV_8U);
  // The large print's look reads a handwritten name as surely as a title: there only the words
  // say what is print.
  std::vector<std::pair<const ocr::OcrLine*, bool>> lines;  // a line, whether it is print
  for (const ocr::OcrLine& line : piece.ocr->lines) {
    const bool in_field = around == Around::kLabelledField && 2 * (line.box & place).area() > line.box.area();
    lines.emplace_back(&line, in_field ? SaysPrint(line) : IsPrintLine(line));
  }
  if (piece.large_print != nullptr) {
    for (const ocr::OcrLine& line : piece.large_print->lines) lines.emplace_back(&line, SaysPrint(line));
  }
  for (const auto& [line, print_read] : lines) {
    const NameLineParts name_line = FindNameLineParts(line->symbols);
    const bool print_line = !name_line.found() && print_read;
    for (std::size_t i = 0; i < line->symbols.size(); ++i) {
      const ocr::OcrSymbol& symbol = line->symbols[i];
      const bool honorific = Is(symbol, "殿") || Is(symbol, "様");
      if (honorific || name_line.printed(i) || (print_line && symbol.confidence >= kPrintConfidence)) {
        cv::rectangle(print, (symbol.box & place) - place.tl(), cv::Scalar(255), cv::FILLED);
      }
    }
  }
  // Print reaching out of the box of the line it was read in (the arc under a logo read as
  // letters) is print all the same: a mark such a box cuts, a third of it or more inside and
  // reaching no more than 4 mm out, goes with it. Handwriting the box grazes stays; so does all in
  // the name's field, where a name read neatly as a line of its own sticks out of its box.
  std::vector<cv::Rect> cutting;
  if (around == Around::kMargins) {
    for (const auto& [line, print_read] : lines) {
      if (print_read && !FindNameLineParts(line->symbols).found() && line->symbols.size() >= 3) {
        cv::rectangle(print, (line->box & place) - place.tl(), cv::Scalar(255), cv::FILLED);
        const bool in_name_field = 2 * (line->box & name_field).area() > line->box.area();
        if (!in_name_field) cutting.push_back(line->box - place.tl());
      }
    }
  }
  cv::dilate(print, print, cv::Mat());
  if (!cutting.empty()) {
    cv::Mat marks;
    cv::Mat stats;
    cv::Mat centroids;
    const int count = cv::connectedComponentsWithStats(ink, marks, stats, centroids, 8, CV_32S);
    const int reach = static_cast<int>(4 * mm);
    std::vector<std::uint8_t> cut(static_cast<std::size_t>(count), 0);
    for (int i = 1; i < count; ++i) {
      const cv::Rect mark(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                          stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
      cut[static_cast<std::size_t>(i)] = std::any_of(cutting.begin(), cutting.end(), [&](const cv::Rect& box) {
        const cv::Rect around_box(box.x - reach, box.y - reach, box.width + 2 * reach, box.height + 2 * reach);
        if ((mark & box).area() == 0 || (mark & around_box) != mark) return false;
        return 3 * cv::countNonZero(marks(mark & box) == i) >= stats.at<int>(i, cv::CC_STAT_AREA);
      });
    }
    for (int y = 0; y < marks.rows; ++y) {
      const int* mark = marks.ptr<int>(y);
      std::uint8_t* out = print.ptr<std::uint8_t>(y);
      for (int x = 0; x < marks.cols; ++x) {
        if (cut[static_cast<std::size_t>(mark[x])] != 0) out[x] = 255;
      }
    }
  }
  ink.setTo(0, print);
  // A round seal, its rim and the characters inside it, is the issuer's.
  for (const cv::Rect& seal : seals) {
    const cv::Rect inside = seal & place;
    if (!inside.empty()) ink(inside - place.tl()).setTo(0);
  }
  // Red seals are the issuer's, not the member's.
  if (piece.colour()) {
    cv::Mat hsv;
    cv::cvtColor(piece.bgr(place), hsv, cv::COLOR_BGR2HSV);
    cv::Mat low;
    cv::Mat high;
    cv::inRange(hsv, cv::Scalar(0, 40, 50), cv::Scalar(12, 255, 255), low);
    cv::inRange(hsv, cv::Scalar(160, 40, 50), cv::Scalar(180, 255, 255), high);
    // With a millimetre round it: a seal's pale, anti-aliased rim is no handwriting either.
    cv::Mat seal;
    cv::dilate(
        low | high, seal,
        cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(static_cast<int>(mm) | 1, static_cast<int>(mm) | 1)));
    ink.setTo(0, seal);
  }
  // Drop specks, and marks too big or too solid to be strokes of writing (logos, seals, photos).
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  std::vector<std::uint8_t> keep(static_cast<std::size_t>(count), 0);
  for (int i = 1; i < count; ++i) {
    const double w = stats.at<int>(i, cv::CC_STAT_WIDTH) / mm;
    const double h = stats.at<int>(i, cv::CC_STAT_HEIGHT) / mm;
    const double area = piece.Mm2(stats.at<int>(i, cv::CC_STAT_AREA));
    const double fill = area / std::max(1e-6, w * h);
    keep[static_cast<std::size_t>(i)] = area >= 0.08 && std::max(w, h) >= 0.6 && w <= 25 && h <= 16 && fill <= 0.75;
  }
  cv::Mat strokes = cv::Mat::zeros(ink.size(), CV_8U);
  for (int y = 0; y < labels.rows; ++y) {
    const int* row = labels.ptr<int>(y);
    auto* out = strokes.ptr<std::uint8_t>(y);
    for (int x = 0; x < labels.cols; ++x) out[x] = keep[static_cast<std::size_t>(row[x])] != 0 ? 255 : 0;
  }
  // Marks a few millimetres apart along a row are one piece of writing.
  cv::Mat grouped;
  cv::dilate(strokes, grouped,
             cv::getStructuringElement(cv::MORPH_RECT,
                                       cv::Size(static_cast<int>(4 * mm) | 1, static_cast<int>(1.5 * mm) | 1)));
  std::vector<std::vector<cv::Point>> groups;
  cv::findContours(grouped, groups, cv::RETR_EXTERNAL, cv::CHAIN_APPROX_SIMPLE);
  Writing best;
  std::vector<std::pair<double, cv::Rect>> candidates;  // ink (mm²), box in piece coordinates
  for (const std::vector<cv::Point>& group : groups) {
    // The marks' own box (the grouping widened them).
    const cv::Rect grown = cv::boundingRect(group);
    const cv::Rect box = cv::boundingRect(strokes(grown)) + grown.tl();
    // A name runs along a row, two characters or more; a tall, squarish group is a seal or a
    // logo, and a lone square glyph a printed character the OCR missed (an honorific 殿).
    const bool seal_like = box.height >= 9 * mm && box.width < 1.5 * box.height;
    const bool one_glyph = box.width < 1.3 * box.height;
    // No name runs 80 mm: a group that long is a border's pattern or a row of print.
    const bool too_long = box.width > 80 * mm;
    if (box.width < 3 * mm || box.height < 2 * mm || seal_like || one_glyph || too_long) continue;
    // Fainter than the lightest pencil against this piece's print: a tint or a pattern.
    const double black = piece.print_darkness > 0 ? piece.print_darkness : 200.0;
    const double core = Quantile(piece.darkness(place)(box), strokes(box), 0.85);
    if (core < t.writing_min_relative_darkness * black) continue;
    candidates.emplace_back(piece.Mm2(cv::countNonZero(strokes(box))), box + place.tl());
  }
  std::sort(candidates.begin(), candidates.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = 0; i < candidates.size(); ++i) {
    if (i == 0) {
      best.ink_mm2 = candidates[i].first;
      best.box = candidates[i].second;
    } else if (candidates[i].first >= t.name_ink_mm2) {
      best.rivals.emplace_back(candidates[i].second, strokes(candidates[i].second - place.tl()).clone());
    }
  }
  best.strokes = cv::Mat::zeros(piece.grey.size(), CV_8U);
  if (best.ink_mm2 > 0) strokes(best.box - place.tl()).copyTo(best.strokes(best.box));
  best.marks = strokes;
  return best;
}

/// The instrument, from the strokes' core: darkness against the printed black, colour, grain.
struct InstrumentMeasure {
  double relative_darkness = 0;
  double chroma = 0;  ///< colour scans only
  double grain = 0;
};

/// `strokes`: the marks inside `box` (piece coordinates).
InstrumentMeasure MeasureInstrument(const Piece& piece, const cv::Rect& box, const cv::Mat& strokes) {
  InstrumentMeasure m;
  const cv::Mat darkness = piece.darkness(box);
  const double core = Quantile(darkness, strokes, 0.85);
  const double print = piece.print_darkness > 0 ? piece.print_darkness : 200.0;
  m.relative_darkness = core / print;
  // Grain: inside the strokes' outline (closed), the share of pixels much lighter than the core.
  cv::Mat outline;
  cv::morphologyEx(strokes, outline, cv::MORPH_CLOSE, cv::getStructuringElement(cv::MORPH_ELLIPSE, cv::Size(3, 3)));
  cv::Mat eroded;
  cv::erode(outline, eroded, cv::Mat());
  if (cv::countNonZero(eroded) > 20) outline = eroded;
  const cv::Mat light = darkness < core * 0.55;
  m.grain = static_cast<double>(cv::countNonZero(light & outline)) / std::max(1, cv::countNonZero(outline));
  if (piece.colour()) {
    cv::Mat lab;
    cv::cvtColor(piece.bgr(box), lab, cv::COLOR_BGR2Lab);
    const cv::Mat core_mask = strokes & (darkness >= core * 0.8);
    const cv::Scalar mean = cv::mean(lab, core_mask);
    m.chroma = std::hypot(mean[1] - 128.0, mean[2] - 128.0);
  }
  return m;
}

/// kFail: pencil; kPass: ink; kInconclusive: between the two.
Finding Instrument(const Piece& piece, const InstrumentMeasure& m, const EvidenceThresholds& t) {
  if (piece.colour() && m.chroma >= t.ink_chroma) return Finding::kPass;
  if (m.relative_darkness <= t.pencil_light_relative_darkness ||
      (m.relative_darkness <= t.pencil_relative_darkness && m.grain >= t.pencil_grain)) {
    return Finding::kFail;
  }
  return m.relative_darkness >= t.ink_relative_darkness ? Finding::kPass : Finding::kInconclusive;
}

}  // namespace

NameFindings CheckName(const Piece& piece, const EvidenceThresholds& thresholds, const DebugSink& debug) {
  NameFindings result;
  const cv::Rect whole =
      cv::Rect(cv::Point(static_cast<int>(1.5 * piece.px_per_mm), static_cast<int>(1.5 * piece.px_per_mm)),
               cv::Point(piece.grey.cols - static_cast<int>(1.5 * piece.px_per_mm),
                         piece.grey.rows - static_cast<int>(1.5 * piece.px_per_mm))) &
      piece.bounds();
  // For --debug-dir: every place looked at (blue: a labelled field, green: above a rule) and
  // the marks in it that could be writing (orange).
  cv::Mat picture;
  if (debug.enabled()) cv::cvtColor(piece.grey, picture, cv::COLOR_GRAY2BGR);
  const auto show = [&](const cv::Rect& place, const Writing& found, const cv::Scalar& colour) {
    if (picture.empty()) return;
    picture(place).setTo(cv::Scalar(0, 128, 255), found.marks);
    cv::rectangle(picture, place, colour, 2);
  };
  const cv::Mat rules = HorizontalRules(piece);
  const std::vector<cv::Rect> seals = SealRings(piece);
  std::optional<NamePlace> field = FieldPlace(piece, rules);
  Writing writing;
  cv::Rect looked = whole;
  if (field) {
    writing = FindWriting(piece, field->box, thresholds, Around::kLabelledField, seals);
    looked = field->box;
    show(field->box, writing, cv::Scalar(255, 128, 0));
  }
  // A name line the OCR did not label: the ruled line with the most writing on it.
  if (!field) {
    for (const cv::Rect& place : RuledPlaces(piece, rules)) {
      Writing on_line = FindWriting(piece, place, thresholds, Around::kField, seals);
      show(place, on_line, cv::Scalar(0, 160, 0));
      if (on_line.ink_mm2 > writing.ink_mm2) {
        writing = std::move(on_line);
        field = NamePlace{place};
        looked = place;
      }
    }
  }
  // No field, or nothing in it: members also write their name in a margin.
  if (writing.ink_mm2 < thresholds.name_ink_mm2 && !whole.empty()) {
    Writing anywhere = FindWriting(piece, whole, thresholds, Around::kMargins, seals, field ? field->box : cv::Rect());
    show(whole, anywhere, cv::Scalar(160, 160, 160));
    if (anywhere.ink_mm2 >= thresholds.name_ink_mm2) {
      writing = std::move(anywhere);
      looked = whole;
    }
  }
  Evidence present;
  present.check = "name_present";
  present.value = writing.ink_mm2;
  present.threshold = thresholds.name_ink_mm2;
  present.region = piece.Fractions(writing.ink_mm2 > 0 ? writing.box : looked);
  if (writing.ink_mm2 >= thresholds.name_ink_mm2) {
    result.present = Finding::kPass;
    present.message_ja = fmt::format("{}に手書きの記入があります（筆跡 {:.1f} mm²）。",
                                     field && looked == field->box ? "氏名欄" : "余白", writing.ink_mm2);
  } else if (writing.ink_mm2 < thresholds.name_absent_mm2) {
    result.present = Finding::kFail;
    present.message_ja = field ? "氏名欄にも余白にも手書きの氏名が見当たりません。"
                               : "氏名欄がなく、余白にも手書きの氏名が見当たりません。";
  } else {
    result.present = Finding::kInconclusive;
    present.message_ja =
        fmt::format("氏名らしい記入がわずかにあります（{:.1f} mm²）。目視で確認してください。", writing.ink_mm2);
  }
  present.finding = result.present;
  result.checks.push_back(present);

  Evidence instrument;
  instrument.check = "name_instrument";
  instrument.threshold = thresholds.pencil_relative_darkness;
  instrument.region = present.region;
  if (result.present != Finding::kPass) {
    result.pencil = result.present == Finding::kFail ? Finding::kPass : Finding::kInconclusive;
    instrument.message_ja = "氏名が確認できないため、筆記具は判定していません。";
    instrument.finding = Finding::kInconclusive;
  } else {
    const InstrumentMeasure m = MeasureInstrument(piece, writing.box, writing.strokes(writing.box));
    instrument.value = m.relative_darkness;
    const Finding found = Instrument(piece, m, thresholds);
    // Another group with a name's ink that tells the other story: which one is the name (a
    // pencil name beside an unread printed label, a title) is for a person to see.
    const auto rival = std::find_if(writing.rivals.begin(), writing.rivals.end(), [&](const auto& group) {
      const Finding other = Instrument(piece, MeasureInstrument(piece, group.first, group.second), thresholds);
      return found != Finding::kInconclusive && other != Finding::kInconclusive && other != found;
    });
    if (rival != writing.rivals.end()) {
      result.pencil = Finding::kInconclusive;
      instrument.region = piece.Fractions(writing.box | rival->first);
      instrument.message_ja = fmt::format(
          "氏名らしい記入が{}か所あり、鉛筆に見えるものとインクに見えるものがあります。目視で確認してください。",
          writing.rivals.size() + 1);
    } else if (found == Finding::kPass && piece.colour() && m.chroma >= thresholds.ink_chroma) {
      result.pencil = Finding::kPass;
      instrument.message_ja = fmt::format("氏名の筆跡に色があります（彩度 {:.0f}）：インクです。", m.chroma);
    } else if (found == Finding::kFail) {
      result.pencil = Finding::kFail;
      instrument.message_ja = fmt::format(
          "氏名の筆跡が印字の黒よりずっと薄いか、薄くざらついています（濃さ {:.0f}%、抜け {:.0f}%）："
          "鉛筆の可能性が高いです。",
          100 * m.relative_darkness, 100 * m.grain);
    } else if (found == Finding::kPass) {
      result.pencil = Finding::kPass;
      instrument.message_ja =
          fmt::format("氏名の筆跡は印字の黒と同程度の濃さです（{:.0f}%）：インクです。", 100 * m.relative_darkness);
    } else {
      result.pencil = Finding::kInconclusive;
      instrument.message_ja = fmt::format(
          "氏名の筆跡の濃さ（印字の黒の{:.0f}%、抜け "
          "{:.0f}%）からは、鉛筆かインクか判断できません。目視で確認してください。",
          100 * m.relative_darkness, 100 * m.grain);
    }
    instrument.finding = result.pencil;
    if (debug.enabled()) {
      debug.Image("name_strokes", writing.strokes(writing.box));
    }
  }
  result.checks.push_back(instrument);
  if (!picture.empty()) {
    if (writing.ink_mm2 > 0) cv::rectangle(picture, writing.box, cv::Scalar(0, 0, 255), 2);
    debug.Image("name_region", picture);
  }
  return result;
}

}  // namespace certintake::evidence
