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

/// Lowers the confidence when a printed weekday, e.g. "(土)", does not match the date.
double WeekdayConfidence(std::string_view text, std::size_t after, const std::string& value) {
  static const std::regex kWeekday(R"(^\((月|火|水|木|金|土|日))");
  std::match_results<std::string_view::const_iterator> match;
  const std::string_view rest = text.substr(after);
  if (value.size() != 10 || !std::regex_search(rest.begin(), rest.end(), match, kWeekday)) {
    return 1.0;
  }
  static const std::vector<std::string> kNames = {"日", "月", "火", "水", "木", "金", "土"};
  const auto date = ParseIsoDate(value);
  const unsigned weekday = std::chrono::weekday(std::chrono::sys_days(*date)).c_encoding();
  return match[1].str() == kNames[weekday] ? 1.0 : 0.4;
}

std::vector<Candidate> FindCandidates(std::string_view text) {
  struct Pattern {
    std::regex regex;
    bool era;
    bool month_only;
  };
  static const std::vector<Pattern> kPatterns = [] {
    std::vector<Pattern> patterns;
    patterns.push_back({std::regex(R"(((?:19|20)\d{2})年(\d{1,2})月(\d{1,2})日)"), false, false});
    patterns.push_back(
        {std::regex(R"((令和|平成|R|H)(元|\d{1,2})(?:年|\.|-|/)(\d{1,2})(?:月|\.|-|/)(\d{1,2})(?:日)?)"), true, false});
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
      const int year = pattern.era ? EraYear(m[1].str(), m[2].str()) : std::stoi(m[1].str());
      const int month = std::stoi(m[pattern.era ? 3 : 2].str());
      const auto value =
          pattern.month_only ? MonthDate(year, month) : FullDate(year, month, std::stoi(m[pattern.era ? 4 : 3].str()));
      if (!value) continue;  // impossible dates are no dates
      Candidate candidate{position, length, *value, pattern.month_only, LabelBefore(text, position), 1.0};
      candidate.confidence = WeekdayConfidence(text, position + length, *value);
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
