#include "certintake/fields/date_parser.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <chrono>
#include <regex>
#include <vector>

#include "certintake/core/date.hpp"

namespace certintake::fields {
namespace {

enum class Label { kNone, kEvent, kIssue };

struct Candidate {
  std::size_t position = 0;
  std::size_t length = 0;
  std::string value;
  bool month_only = false;
  Label label = Label::kNone;
  double confidence = 1.0;
};

int EraYear(const std::string& era, const std::string& year) {
  const int n = year == "元" ? 1 : std::stoi(year);
  return (era == "令和" || era == "R") ? 2018 + n : 1988 + n;
}

std::optional<std::string> FullDate(int year, int month, int day) {
  const std::chrono::year_month_day date{std::chrono::year(year), std::chrono::month(static_cast<unsigned>(month)),
                                         std::chrono::day(static_cast<unsigned>(day))};
  if (!date.ok() || year < 1989 || year > 2100) {
    return std::nullopt;
  }
  return FormatIsoDate(date);
}

std::optional<std::string> MonthDate(int year, int month) {
  if (month < 1 || month > 12 || year < 1989 || year > 2100) {
    return std::nullopt;
  }
  return fmt::format("{:04d}-{:02d}", year, month);
}

/// The label written just before position `at` on the same line, if any.
Label LabelBefore(std::string_view text, std::size_t at) {
  const std::size_t line_start = text.rfind('\n', at == 0 ? 0 : at - 1);
  const std::size_t from = line_start == std::string_view::npos ? 0 : line_start + 1;
  const std::string_view before = text.substr(from, at - from);
  static const std::vector<std::string_view> kIssue = {"発行日", "交付日", "発行", "作成日", "領収日", "発行年月日"};
  static const std::vector<std::string_view> kEvent = {"開催日", "会期",     "日時",   "開催", "受講日", "参加日",
                                                       "視聴日", "視聴期間", "実施日", "期日", "日程",   "受講期間"};
  // The label nearest before the date decides.
  const auto last_of = [&](const std::vector<std::string_view>& labels) {
    std::optional<std::size_t> last;
    for (std::string_view label : labels) {
      if (const auto p = before.rfind(label); p != std::string_view::npos && (!last || p > *last)) last = p;
    }
    return last;
  };
  const auto issue_at = last_of(kIssue);
  const auto event_at = last_of(kEvent);
  if (!issue_at && !event_at) return Label::kNone;
  if (!event_at) return Label::kIssue;
  if (!issue_at) return Label::kEvent;
  return *issue_at > *event_at ? Label::kIssue : Label::kEvent;
}

/// The weekday printed just after a date, e.g. "(土)", as 0 (Sunday) to 6.
std::optional<unsigned> PrintedWeekday(std::string_view text, std::size_t after) {
  static const std::regex kWeekday(R"(^\((月|火|水|木|金|土|日))");
  static const std::vector<std::string> kNames = {"日", "月", "火", "水", "木", "金", "土"};
  std::match_results<std::string_view::const_iterator> match;
  const std::string_view rest = text.substr(after);
  if (!std::regex_search(rest.begin(), rest.end(), match, kWeekday)) return std::nullopt;
  return static_cast<unsigned>(std::find(kNames.begin(), kNames.end(), match[1].str()) - kNames.begin());
}

unsigned WeekdayOf(const std::string& iso_date) {
  return std::chrono::weekday(std::chrono::sys_days(*ParseIsoDate(iso_date))).c_encoding();
}

/// Digits OCR mistakes for one another in print.
std::string_view LookAlikeDigits(char digit) {
  switch (digit) {
    case '0': return "986";
    case '1': return "74";
    case '3': return "8";
    case '4': return "1";
    case '5': return "6";
    case '6': return "580";
    case '7': return "1";
    case '8': return "360";
    case '9': return "0";
    default: return "";
  }
}

/// The numbers one edit of `digits` gives: each digit read as a look-alike (edit 0), a digit
/// dropped from a doubled pair such as 11 read as 1 (edit 1, any digit put back), or one digit too
/// many (edit 2).
std::vector<std::string> Edits(const std::string& digits, int edit) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (edit == 0) {
      for (char other : LookAlikeDigits(digits[i])) out.push_back(digits.substr(0, i) + other + digits.substr(i + 1));
    } else if (edit == 2 && digits.size() > 1) {
      out.push_back(digits.substr(0, i) + digits.substr(i + 1));
    }
  }
  if (edit == 1 && digits.size() == 1) {
    for (char other = '0'; other <= '9'; ++other) {
      out.push_back(std::string(1, other) + digits);
      out.push_back(digits + other);
    }
  }
  return out;
}

/// The date a misread digit hides, for a date that is impossible or falls on another weekday than
/// the one printed. The kinds of edit are tried in the order OCR makes them; the first to give
/// exactly one possible date (on the printed weekday, when one is printed) wins. Without a weekday
/// to confirm it only a look-alike digit is tried, and the result is a guess.
std::optional<Candidate> Repaired(int year, const std::string& month, const std::string& day,
                                  std::optional<unsigned> weekday) {
  for (int edit = 0; edit <= (weekday ? 2 : 0); ++edit) {
    std::vector<std::string> found;
    const auto keep = [&](const std::string& m, const std::string& d) {
      const auto value = FullDate(year, std::stoi(m), std::stoi(d));
      if (value && (!weekday || WeekdayOf(*value) == *weekday) &&
          std::find(found.begin(), found.end(), *value) == found.end()) {
        found.push_back(*value);
      }
    };
    for (const std::string& m : Edits(month, edit)) keep(m, day);
    for (const std::string& d : Edits(day, edit)) keep(month, d);
    if (found.size() == 1) {
      Candidate repaired;
      repaired.value = found.front();
      repaired.confidence = weekday ? 0.85 : 0.6;
      return repaired;
    }
  }
  // A month and a day both impossible (2023/93/94, a dotted zero read as 9): each its own
  // look-alike.
  std::vector<std::string> found;
  for (const std::string& m : Edits(month, 0)) {
    for (const std::string& d : Edits(day, 0)) {
      const auto value = FullDate(year, std::stoi(m), std::stoi(d));
      if (value && (!weekday || WeekdayOf(*value) == *weekday)) found.push_back(*value);
    }
  }
  if (found.size() == 1) return Candidate{.value = found.front(), .confidence = 0.5};
  return std::nullopt;
}

/// `number` with each letter OCR reads for a digit in print (G for 6, O for 0) made that digit.
std::string AsDigits(std::string number) {
  static constexpr std::string_view kLetters = "OIlZSGB";
  static constexpr std::string_view kDigits = "0112568";
  for (char& c : number) {
    if (const std::size_t at = kLetters.find(c); at != std::string_view::npos) c = kDigits[at];
  }
  return number;
}

std::vector<Candidate> FindCandidates(std::string_view text) {
  struct Pattern {
    std::regex regex;
    bool era;
    bool month_only;
    bool letters = false;  ///< a digit may be read as a look-alike letter (the 年 and 月 say it is a date)
  };
  static const std::vector<Pattern> kPatterns = [] {
    std::vector<Pattern> patterns;
    // 日 is often misread (H, 昌): a day with none after it is taken, but doubted (below).
    patterns.push_back({std::regex(R"(((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})(?:(日)|(?!\d)))"), false, false});
    patterns.push_back(
        {std::regex(R"((令和|平成|R|H)(元|\d{1,2})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})(?:日)?)"), true, false});
    // A digit read as a letter (令和G年): between 年, 月 and 日 it can be nothing else; doubted.
    patterns.push_back(
        {std::regex(R"(((?:19|20)\d{2})年([\dOIlZSGB]{1,2})月([\dOIlZSGB]{1,2})日)"), false, false, true});
    patterns.push_back({std::regex(R"((令和|平成)(元|[\dOIlZSGB]{1,2})年([\dOIlZSGB]{1,2})月([\dOIlZSGB]{1,2})日?)"),
                        true, false, true});
    patterns.push_back({std::regex(R"(((?:19|20)\d{2})[./-](\d{1,2})[./-](\d{1,2}))"), false, false});
    patterns.push_back({std::regex(R"(((?:19|20)\d{2})年(\d{1,2})月(?![\d~-]))"), false, true});
    patterns.push_back({std::regex(R"((令和|平成|R|H)(元|\d{1,2})年(\d{1,2})月(?![\d~-]))"), true, true});
    patterns.push_back({std::regex(R"(((?:19|20)\d{2})[./](\d{1,2})(?![./\d]))"), false, true});
    return patterns;
  }();

  std::vector<Candidate> candidates;
  for (const Pattern& pattern : kPatterns) {
    for (auto it = std::regex_iterator<std::string_view::const_iterator>(text.begin(), text.end(), pattern.regex);
         it != std::regex_iterator<std::string_view::const_iterator>(); ++it) {
      const auto& m = *it;
      const std::size_t position = static_cast<std::size_t>(m.position(0));
      const std::size_t length = static_cast<std::size_t>(m.length(0));
      // A shorter reading inside a full date already found (its month, say) is no candidate.
      const bool covered = std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) {
        return position < c.position + c.length && c.position < position + length;
      });
      if (covered) continue;
      const int year = pattern.era ? EraYear(m[1].str(), AsDigits(m[2].str())) : std::stoi(m[1].str());
      const std::string month = AsDigits(m[pattern.era ? 3 : 2].str());
      Candidate candidate{position, length, "", pattern.month_only, LabelBefore(text, position), 1.0};
      if (pattern.month_only) {
        const auto value = MonthDate(year, std::stoi(month));
        if (!value) continue;  // impossible dates are no dates
        candidate.value = *value;
      } else {
        const std::string day = AsDigits(m[pattern.era ? 4 : 3].str());
        const auto value = FullDate(year, std::stoi(month), std::stoi(day));
        const auto weekday = PrintedWeekday(text, position + length);
        if (!value || (weekday && WeekdayOf(*value) != *weekday)) {
          if (const auto repaired = Repaired(year, month, day, weekday)) {
            candidate.value = repaired->value;
            candidate.confidence = repaired->confidence;
          } else if (value) {
            candidate.value = *value;
            candidate.confidence = 0.4;  // the weekday disagrees and no one digit explains why
          } else {
            continue;  // impossible dates are no dates
          }
        } else {
          candidate.value = *value;
          const bool day_unmarked = !pattern.era && !pattern.letters && m.size() > 4 && !m[4].matched;
          if (day_unmarked || pattern.letters) candidate.confidence = 0.85;
        }
      }
      candidates.push_back(std::move(candidate));
    }
  }
  std::sort(candidates.begin(), candidates.end(),
            [](const Candidate& a, const Candidate& b) { return a.position < b.position; });
  return candidates;
}

std::optional<DateReading> Choose(std::string_view text, const std::vector<Candidate>& candidates) {
  if (candidates.empty()) return std::nullopt;
  const auto pick = [&](auto predicate) -> const Candidate* {
    const auto it = std::find_if(candidates.begin(), candidates.end(), predicate);
    return it == candidates.end() ? nullptr : &*it;
  };
  const Candidate* chosen = pick([](const Candidate& c) { return c.label == Label::kEvent; });
  if (chosen == nullptr) chosen = pick([](const Candidate& c) { return c.label != Label::kIssue; });
  if (chosen == nullptr) chosen = &candidates.front();
  DateReading reading{chosen->value, std::string(text.substr(chosen->position, chosen->length)), chosen->confidence};
  // Several unlabelled dates that disagree: the choice is a guess.
  const bool ambiguous =
      chosen->label == Label::kNone && std::any_of(candidates.begin(), candidates.end(), [&](const Candidate& c) {
        return c.label == Label::kNone && c.value.substr(0, 7) != chosen->value.substr(0, 7);
      });
  if (ambiguous) reading.confidence = std::min(reading.confidence, 0.6);
  return reading;
}

}  // namespace

std::optional<DateReading> ParseEventDate(std::string_view normalised_text) {
  auto reading = Choose(normalised_text, FindCandidates(normalised_text));
  if (reading && reading->value.size() == 10) {
    return reading;
  }
  // A date split over two lines ("2024年\n5月11日"): read the text again without line breaks.
  std::string joined(normalised_text);
  joined.erase(std::remove(joined.begin(), joined.end(), '\n'), joined.end());
  auto joined_reading = Choose(joined, FindCandidates(joined));
  if (joined_reading && (!reading || joined_reading->value.size() > reading->value.size())) {
    return joined_reading;
  }
  return reading;
}

}  // namespace certintake::fields
