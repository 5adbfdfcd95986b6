#include "certintake/read/certificate_reader.hpp"

#include <algorithm>
#include <array>
#include <opencv2/imgproc.hpp>

#include "certintake/core/page_image.hpp"
#include "certintake/fields/text.hpp"

namespace certintake::read {
namespace {

/// Grey image for OCR with red seals (朱印) painted out: they overlap the issuer's name.
cv::Mat GreyWithoutRedSeals(const cv::Mat& crop) {
  if (crop.channels() == 1) {
    return crop;
  }
  cv::Mat hsv;
  cv::cvtColor(crop, hsv, cv::COLOR_BGR2HSV);
  cv::Mat low_red;
  cv::Mat high_red;
  cv::inRange(hsv, cv::Scalar(0, 70, 60), cv::Scalar(10, 255, 255), low_red);
  cv::inRange(hsv, cv::Scalar(165, 70, 60), cv::Scalar(180, 255, 255), high_red);
  cv::Mat seal = low_red | high_red;
  cv::dilate(seal, seal, cv::Mat(), cv::Point(-1, -1), 1);
  cv::Mat grey;
  cv::cvtColor(crop, grey, cv::COLOR_BGR2GRAY);
  grey.setTo(cv::Scalar(255), seal);
  return grey;
}

/// The pixels of `mask` that lie in a horizontal run at least `length` long: a morphological
/// opening with a one-pixel-high line, in one pass over the image.
cv::Mat InLongRows(const cv::Mat& mask, int length) {
  cv::Mat out = cv::Mat::zeros(mask.size(), CV_8U);
  for (int y = 0; y < mask.rows; ++y) {
    const uchar* in = mask.ptr<uchar>(y);
    uchar* kept = out.ptr<uchar>(y);
    for (int x = 0; x < mask.cols;) {
      int end = x;
      while (end < mask.cols && in[end] != 0) ++end;
      if (end - x >= length) std::fill(kept + x, kept + end, 255);
      x = std::max(end, x + 1);
    }
  }
  return out;
}

cv::Mat InLongColumns(const cv::Mat& mask, int length) {
  cv::Mat turned;
  cv::transpose(mask, turned);
  cv::Mat out;
  cv::transpose(InLongRows(turned, length), out);
  return out;
}

/// The parts of `runs` (long runs of ink along one direction) that are thin lines: pieces whose
/// mean thickness across that direction is at most `thick`. A printed band is long runs too, but
/// thick; its white lettering must not be taken for gaps between lines.
cv::Mat ThinParts(const cv::Mat& runs, bool across, int thick) {
  cv::Mat labels;
  cv::Mat stats;
  cv::Mat centroids;
  const int count = cv::connectedComponentsWithStats(runs, labels, stats, centroids, 8, CV_32S);
  std::vector<uchar> thin(static_cast<std::size_t>(count), 0);
  for (int i = 1; i < count; ++i) {
    const int length = stats.at<int>(i, across ? cv::CC_STAT_WIDTH : cv::CC_STAT_HEIGHT);
    thin[static_cast<std::size_t>(i)] = stats.at<int>(i, cv::CC_STAT_AREA) <= thick * length ? 255 : 0;
  }
  cv::Mat out(runs.size(), CV_8U);
  for (int y = 0; y < runs.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    uchar* kept = out.ptr<uchar>(y);
    for (int x = 0; x < runs.cols; ++x) kept[x] = thin[static_cast<std::size_t>(label[x])];
  }
  return out;
}

/// The rules that form a table: connected rules with three or more running one way and two or more
/// the other. A frame (two and two) is left: it keeps an ornamental border apart from the text.
cv::Mat TableRules(const cv::Mat& across, const cv::Mat& down) {
  cv::Mat grids;
  const int grid_count = cv::connectedComponents(across | down, grids, 8, CV_32S);
  std::vector<int> rows(static_cast<std::size_t>(grid_count), 0);
  std::vector<int> columns(static_cast<std::size_t>(grid_count), 0);
  const auto count_rules = [&](const cv::Mat& rules, std::vector<int>& per_grid) {
    cv::Mat labels;
    const int count = cv::connectedComponents(rules, labels, 8, CV_32S);
    std::vector<bool> seen(static_cast<std::size_t>(count), false);
    for (int y = 0; y < labels.rows; ++y) {
      for (int x = 0; x < labels.cols; ++x) {
        const int rule = labels.at<int>(y, x);
        if (rule == 0 || seen[static_cast<std::size_t>(rule)]) continue;
        seen[static_cast<std::size_t>(rule)] = true;
        ++per_grid[static_cast<std::size_t>(grids.at<int>(y, x))];
      }
    }
  };
  count_rules(across, rows);
  count_rules(down, columns);
  std::vector<uchar> table(static_cast<std::size_t>(grid_count), 0);
  for (std::size_t i = 1; i < table.size(); ++i) {
    const int fewer = std::min(rows[i], columns[i]);
    const int more = std::max(rows[i], columns[i]);
    table[i] = fewer >= 2 && more >= 3 ? 255 : 0;
  }
  cv::Mat out(grids.size(), CV_8U);
  for (int y = 0; y < grids.rows; ++y) {
    for (int x = 0; x < grids.cols; ++x) out.at<uchar>(y, x) = table[static_cast<std::size_t>(grids.at<int>(y, x))];
  }
  return out;
}

/// Grey image with the rules of tables painted out: Tesseract drops whole rows of a ruled table.
/// A rule runs straight for 20 mm or more and is under 2 mm thick, which no stroke of a character
/// does, and no printed band (its lettering stays).
cv::Mat WithoutTableRules(const cv::Mat& grey, double dpi) {
  const int length = static_cast<int>(std::lround(20.0 * dpi / 25.4));
  const int thick = static_cast<int>(std::lround(2.0 * dpi / 25.4));
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat rules =
      TableRules(ThinParts(InLongRows(ink, length), true, thick), ThinParts(InLongColumns(ink, length), false, thick));
  cv::dilate(rules, rules, cv::Mat(), cv::Point(-1, -1), 1);
  cv::Mat out = grey.clone();
  out.setTo(cv::Scalar(255), rules);
  return out;
}

/// Rows (of `runs`, long runs of ink along them) that a rule crosses for most of the image's width.
std::vector<bool> RuleRows(const cv::Mat& runs, int slack) {
  cv::Mat thick;  // a rule a little aslant spreads over a few rows
  cv::dilate(runs, thick, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, 2 * slack + 1)));
  std::vector<bool> rule(static_cast<std::size_t>(thick.rows));
  for (int y = 0; y < thick.rows; ++y) {
    rule[static_cast<std::size_t>(y)] = cv::countNonZero(thick.row(y)) >= thick.cols * 6 / 10;
  }
  return rule;
}

/// The innermost rule row in the outer sixth at each end: {after the first end's, before the
/// last end's}, or -1 where there is none.
std::pair<int, int> InnermostRules(const std::vector<bool>& rule) {
  const int size = static_cast<int>(rule.size());
  const int band = size / 6;
  int first = -1;
  int last = -1;
  for (int i = 0; i < band; ++i) {
    if (rule[static_cast<std::size_t>(i)]) first = i + 1;
  }
  for (int i = size - 1; i >= size - band; --i) {
    if (rule[static_cast<std::size_t>(i)]) last = i;
  }
  return {first, last};
}

/// The inside of a printed frame: a rule along each side within the piece's outer sixth, each
/// running most of its side, and no rule running in from its sides (a table's first and last rows
/// are no frame: they meet its sides). The ornament between a frame and the cut (guilloche, a
/// border pattern) reads as nonsense that swallows the text beside it.
std::optional<cv::Rect> InsideFrame(const cv::Mat& grey, double dpi) {
  const int length = static_cast<int>(std::lround(10.0 * dpi / 25.4));
  const int slack = std::max(1, static_cast<int>(std::lround(0.5 * dpi / 25.4)));
  cv::Mat ink;
  cv::threshold(grey, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  const cv::Mat across = InLongRows(ink, length);
  const auto [top, bottom] = InnermostRules(RuleRows(across, slack));
  cv::Mat turned;
  cv::transpose(ink, turned);
  const auto [left, right] = InnermostRules(RuleRows(InLongRows(turned, length), slack));
  if (top < 0 || bottom < 0 || left < 0 || right < 0 || right - left <= 4 * slack || bottom - top <= 4 * slack) {
    return std::nullopt;
  }
  for (int y = top + 2 * slack; y < bottom - 2 * slack; ++y) {
    if (across.at<uchar>(y, left + slack) != 0 || across.at<uchar>(y, right - 1 - slack) != 0) return std::nullopt;
  }
  return cv::Rect(left, top, right - left, bottom - top);
}

/// `grey` with all outside its printed frame (if any) painted white.
cv::Mat WithoutFrameOrnament(const cv::Mat& grey, double dpi) {
  const std::optional<cv::Rect> inside = InsideFrame(grey, dpi);
  if (!inside) return grey;
  cv::Mat out(grey.size(), grey.type(), cv::Scalar(255));
  grey(*inside).copyTo(out(*inside));
  return out;
}

/// Certificates are scanned at 200-400 dpi; Tesseract reads 300 dpi text best and faster.
cv::Mat AtReadingResolution(const cv::Mat& grey, double dpi, double& out_dpi) {
  if (dpi > 330) {
    cv::Mat scaled;
    cv::resize(grey, scaled, cv::Size(), 300.0 / dpi, 300.0 / dpi, cv::INTER_AREA);
    out_dpi = 300;
    return scaled;
  }
  out_dpi = dpi;
  return grey;
}

/// A text's characters (spaces and line breaks aside), and how many are among those
/// certificates use most. Text read upside down is confident nonsense, with few of them.
struct CommonCharacters {
  int common = 0;
  int total = 0;
  [[nodiscard]] double Share() const { return total > 0 ? static_cast<double>(common) / total : 0.0; }
};

CommonCharacters CountCommon(std::string_view text) {
  static const std::u32string kCommon =
      U"証明書会日年月回本消化器内視鏡技師学研究参加出席受講殿様長者第支部催期場令和記上修了際一般社団法人"
      U"本会の をにはたしますこと行発領収円但名氏貴催大総術集協議主教育委員目";
  CommonCharacters count;
  for (char32_t c : fields::DecodeUtf8(fields::NormaliseOcrText(text))) {
    if (c == U'\n' || c == U' ') continue;
    ++count.total;
    count.common += kCommon.find(c) != std::u32string::npos ? 1 : 0;
  }
  return count;
}

constexpr double kPlausibleShare = 0.3;

/// How much a reading looks like a certificate: the share of its characters that are common.
double Plausibility(const ocr::OcrText& text) {
  return CountCommon(text.Joined()).Share();
}

/// Whether a reading is the right way up: plausible as a whole, or holding enough lines that are
/// plausible on their own (four characters or more). A decorative border reads as lines of
/// nonsense that drag the whole reading's share down, yet leaves the real lines standing: upright
/// pieces with such borders held 73 characters or more in plausible lines, readings the wrong way
/// up at most 38 (t30 and o12 corpora, 124 pieces).
bool LooksUpright(const ocr::OcrText& text) {
  constexpr int kPlausibleLineCharacters = 50;
  if (Plausibility(text) >= kPlausibleShare) return true;
  int in_plausible_lines = 0;
  for (const ocr::OcrLine& line : text.lines) {
    const CommonCharacters count = CountCommon(line.text);
    if (count.total >= 4 && count.Share() >= kPlausibleShare) in_plausible_lines += count.total;
  }
  return in_plausible_lines >= kPlausibleLineCharacters;
}

/// The lines of both readings of a piece: the block reading's and the large print's look.
std::vector<const ocr::OcrLine*> AllLines(const CertificateReading& reading) {
  std::vector<const ocr::OcrLine*> lines;
  for (const ocr::OcrText* text : {&reading.ocr, &reading.large_print}) {
    for (const ocr::OcrLine& line : text->lines) lines.push_back(&line);
  }
  return lines;
}

/// How closely some stretch of a line's characters matches `needle` (1 - edits / length), and
/// how sure OCR was of that stretch: the mean of its characters' confidences. A line also holds
/// what surrounds the stretch (an issuer's name read through a seal), which says nothing of it.
struct StretchMatch {
  double similarity = -1.0;
  double confidence = 0.0;
  double line_confidence = 0.0;  ///< the whole line's
};

StretchMatch MatchStretch(const std::u32string& needle, const ocr::OcrLine& line) {
  std::u32string characters;
  std::vector<double> confidences;
  for (const ocr::OcrSymbol& symbol : line.symbols) {
    for (const char32_t c : fields::DecodeUtf8(fields::NormaliseOcrText(symbol.text))) {
      characters.push_back(c);
      confidences.push_back(symbol.confidence);
    }
  }
  if (characters.empty()) {
    return {fields::SubstringSimilarity(needle, fields::DecodeUtf8(fields::NormaliseOcrText(line.text))),
            line.confidence, line.confidence};
  }
  const auto [distance, end] = fields::ClosestSubstring(needle, characters);
  const std::size_t begin = end > needle.size() ? end - needle.size() : 0;
  double sum = 0.0;
  for (std::size_t i = begin; i < end; ++i) sum += confidences[i];
  return {1.0 - static_cast<double>(distance) / static_cast<double>(needle.size()),
          end > begin ? sum / static_cast<double>(end - begin) : line.confidence, line.confidence};
}

/// The stretch most like `text` (what matched an event's name) in either reading, or `fallback`
/// (as both confidences) when there is no text.
StretchMatch ClosestStretch(const CertificateReading& reading, std::string_view text, double fallback) {
  StretchMatch best{-1.0, fallback, fallback};
  if (text.empty()) return best;
  const std::u32string needle = fields::DecodeUtf8(fields::NormaliseOcrText(text));
  for (const ocr::OcrLine* line : AllLines(reading)) {
    const StretchMatch match = MatchStretch(needle, *line);
    if (match.similarity > best.similarity ||
        (match.similarity == best.similarity && match.confidence > best.confidence)) {
      best = match;
    }
  }
  return best;
}

/// The confidence of the surest line holding `needle` in either reading, or `fallback` when no
/// line does.
double LineConfidence(const CertificateReading& reading, std::string_view needle, double fallback) {
  if (needle.empty()) return fallback;
  double confidence = -1.0;
  for (const ocr::OcrLine* line : AllLines(reading)) {
    if (fields::NormaliseOcrText(line->text).find(needle) != std::string::npos) {
      confidence = std::max(confidence, line->confidence);
    }
  }
  return confidence >= 0 ? confidence : fallback;
}

}  // namespace

CertificateReading ReadCertificate(const cv::Mat& crop, double dpi, ocr::OcrEngine& engine,
                                   const rules::Catalog& catalog, const ReadThresholds& thresholds) {
  double reading_dpi = dpi;
  const cv::Mat grey =
      WithoutFrameOrnament(AtReadingResolution(GreyWithoutRedSeals(crop), dpi, reading_dpi), reading_dpi);

  CertificateReading reading;
  reading.ocr_dpi = reading_dpi;
  const cv::Mat unruled = WithoutTableRules(grey, reading_dpi);
  reading.ocr = engine.Read(unruled, reading_dpi, ocr::Layout::kBlock);
  // A piece pasted upside down or sideways reads as confident nonsense: while the reading is
  // implausible, try it turned (round first, then either way sideways) and keep the best.
  double plausibility = Plausibility(reading.ocr);
  for (const int turn : {180, 90, 270}) {
    if (LooksUpright(reading.ocr)) break;
    ocr::OcrText other = engine.Read(TurnClockwise(unruled, turn), reading_dpi, ocr::Layout::kBlock);
    if (const double other_plausibility = Plausibility(other); other_plausibility > plausibility) {
      reading.ocr = std::move(other);
      reading.rotation_degrees = turn;
      plausibility = other_plausibility;
    }
  }
  reading.text = fields::NormaliseOcrText(reading.ocr.Joined());
  // Titles are printed far larger than the rest and often letter-spaced (参 加 証); one block
  // reading misses them. A second look at a third of the resolution reads them as ordinary text.
  const cv::Mat upright = TurnClockwise(grey, reading.rotation_degrees);
  cv::Mat small;
  cv::resize(upright, small, cv::Size(), 1.0 / 3.0, 1.0 / 3.0, cv::INTER_AREA);
  reading.large_print = engine.Read(small, reading_dpi / 3.0, ocr::Layout::kBlock).Scaled(3.0);
  const std::string large_text = fields::NormaliseOcrText(reading.large_print.Joined());
  reading.text_confidence = reading.ocr.MeanConfidence();
  // The title names the paper; the body's sentence only when the title was not read. A web
  // course's print-out titled 受講証 still says the member "took part" (参加した).
  reading.kind = fields::ReadKind(reading.text);
  const fields::KindReading title_kind = fields::ReadKind(large_text);
  const bool titled_a_course = title_kind.kind == rules::Kind::kCourse && reading.kind.kind == rules::Kind::kAttendance;
  if (reading.kind.kind == rules::Kind::kOther || titled_a_course) {
    reading.kind = title_kind;
  } else if (title_kind.kind == rules::Kind::kReceipt && reading.kind.kind != rules::Kind::kReceipt) {
    reading.kind.sure = false;  // a certificate's text, a receipt's title: a person decides
  }
  reading.event = fields::ReadEvent(reading.text, catalog);
  if (fields::EventReading event = fields::ReadEvent(large_text, catalog);
      event.confidence > reading.event.confidence) {
    reading.event = std::move(event);  // the large print's look made it out better (see below)
  }
  // Attending a course the catalog lists is taking it, whatever verb the paper uses.
  if (const rules::CatalogEvent* event = reading.event.event_id ? catalog.Find(*reading.event.event_id) : nullptr;
      event != nullptr && event->category == rules::Category::kEquipmentCourse &&
      reading.kind.kind == rules::Kind::kAttendance) {
    reading.kind.kind = rules::Kind::kCourse;
    reading.kind.evidence += " / " + event->name;
  }
  reading.date = fields::ParseEventDate(reading.text);
  reading.attendance = fields::ReadAttendance(reading.text);
  // The large print's look reads the small print too, and on a noisy scan often better (the
  // reduction smooths the noise away): where it makes out the event (above) or the date better,
  // or the attendance at all, its reading stands.
  if (std::optional<fields::DateReading> date = fields::ParseEventDate(large_text);
      date && (!reading.date || date->confidence > reading.date->confidence)) {
    reading.date = std::move(date);
  }
  if (reading.attendance == rules::Attendance::kUnknown) reading.attendance = fields::ReadAttendance(large_text);
  reading.issued_by_branch_chief = fields::ReadBranchChiefIssuer(reading.text, reading.text_confidence);
  // Unreadable: almost no text, or text read with little confidence that yields nothing the rules
  // need. An ornate border read as junk lowers the mean of a piece whose lines read well.
  const bool nothing_found =
      reading.kind.kind == rules::Kind::kOther && !reading.event.event_id.has_value() && !reading.date.has_value();
  reading.unreadable = fields::DecodeUtf8(reading.text).size() < 4 ||
                       (reading.text_confidence < thresholds.min_text_confidence && nothing_found);
  for (const ocr::OcrLine& line : reading.ocr.lines) {
    const std::string normalised = fields::NormaliseOcrText(line.text);
    if (normalised.find("会長") != std::string::npos || normalised.find("支部長") != std::string::npos ||
        normalised.find("理事長") != std::string::npos || normalised.find("大会長") != std::string::npos) {
      reading.issuer = normalised;
    }
  }
  return reading;
}

rules::CertificateFacts ToFacts(const CertificateReading& reading, const ReadThresholds& thresholds) {
  rules::CertificateFacts facts;
  facts.unreadable = reading.unreadable;
  const double mean = reading.text_confidence;
  facts.kind = reading.kind.kind;
  facts.kind_sure =
      reading.kind.sure && LineConfidence(reading, reading.kind.evidence, mean) >= thresholds.line_confidence;
  facts.event_id = reading.event.event_id;
  // A name matched is clear when its own stretch was read surely; no name matched, when the line
  // read instead (the title) was: being sure that nothing names an event asks more than one name.
  const StretchMatch stretch = ClosestStretch(reading, reading.event.matched_text, mean);
  const bool clear =
      !reading.event.matched_text.empty() &&
      (reading.event.event_id ? stretch.confidence : stretch.line_confidence) >= thresholds.line_confidence;
  facts.event_sure = clear && (reading.event.event_id ? reading.event.confidence >= thresholds.event_similarity
                                                      : reading.event.confidence < thresholds.other_event_similarity);
  facts.edition = reading.event.edition;
  if (reading.date) {
    facts.date = reading.date->value;
    facts.date_sure = reading.date->confidence >= thresholds.date_confidence &&
                      LineConfidence(reading, reading.date->source, mean) >= thresholds.line_confidence;
  } else {
    facts.date_sure = false;
  }
  facts.attendance = reading.attendance;
  facts.issued_by_branch_chief = reading.issued_by_branch_chief;
  return facts;
}

}  // namespace certintake::read
