#include "certintake/members/register_import.hpp"

#include <fmt/format.h>
#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <map>
#include <optional>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/member_id.hpp"
#include "certintake/members/csv.hpp"

namespace certintake::members {
namespace {

std::string Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return std::string(text);
}

std::string Lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
  return text;
}

/// A CSV file checked for encoding and header, with each data row's fields in the order of
/// `columns`. Rows with the wrong number of fields become problems.
template <std::size_t N>
struct Table {
  std::vector<std::pair<int, std::array<std::string, N>>> rows;
  std::vector<ImportProblem> problems;
  bool refused = false;

  /// The whole file is unusable because of what is on `line`.
  Table& Refuse(int line, const std::string& why) {
    problems.push_back({line, why + "; nothing imported"});
    refused = true;
    return *this;
  }
};

template <std::size_t N>
Table<N> ReadTable(std::string_view text, const std::array<std::string_view, N>& columns) {
  Table<N> table;
  const std::string header_hint = fmt::format("the first line must be: {}", fmt::join(columns, ","));
  if (text.starts_with("\xFF\xFE") || text.starts_with("\xFE\xFF")) {
    return table.Refuse(1, "the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"");
  }
  if (const int bad_line = FirstInvalidUtf8Line(text)) {
    return table.Refuse(bad_line,
                        "the file is not UTF-8 text (perhaps Shift_JIS from Excel); save it as \"CSV UTF-8\"");
  }
  std::vector<CsvRow> rows;
  try {
    rows = ParseCsv(text);
  } catch (const CsvSyntaxError& error) {
    return table.Refuse(error.line(), error.what());
  }
  if (rows.empty()) {
    return table.Refuse(1, "the file is empty; " + header_hint);
  }
  if (rows.front().fields.size() == 1 && rows.front().fields.front().find('\t') != std::string::npos) {
    return table.Refuse(1, "the columns are separated by tabs, not commas; save it as \"CSV UTF-8\"");
  }
  std::array<std::size_t, N> position{};
  for (std::size_t c = 0; c < N; ++c) {
    const auto& header = rows.front().fields;
    const auto found = std::find_if(header.begin(), header.end(),
                                    [&](const std::string& name) { return Lower(Trim(name)) == columns[c]; });
    if (found == header.end()) {
      return table.Refuse(1, fmt::format("missing column '{}'; {}", columns[c], header_hint));
    }
    position[c] = static_cast<std::size_t>(found - header.begin());
  }
  const std::size_t width = rows.front().fields.size();
  for (std::size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != width) {
      table.problems.push_back(
          {row.line, fmt::format("expected {} fields, found {}; row skipped", width, row.fields.size())});
      continue;
    }
    std::array<std::string, N> values;
    for (std::size_t c = 0; c < N; ++c) {
      values[c] = Trim(row.fields[position[c]]);
    }
    table.rows.emplace_back(row.line, std::move(values));
  }
  return table;
}

/// The first problem with a row's member id and dates, if any.
std::optional<std::string> CheckMemberId(const std::string& member_id) {
  if (!IsValidMemberId(member_id)) {
    return fmt::format("member_id '{}' is not a member id (letters, digits and '-', at most 32)", member_id);
  }
  return std::nullopt;
}

std::optional<std::string> CheckDate(std::string_view column, const std::string& value) {
  if (!ParseIsoDate(value)) {
    return fmt::format("{} '{}' is not a valid date (YYYY-MM-DD)", column, value);
  }
  return std::nullopt;
}

}  // namespace

Import<Member> ReadMemberRegister(std::string_view csv_text) {
  static constexpr std::array<std::string_view, 6> kColumns = {"member_id",  "name",     "name_kana",
                                                               "cert_start", "cert_end", "fees_paid"};
  auto table = ReadTable(csv_text, kColumns);
  Import<Member> result{.rows = {}, .problems = std::move(table.problems), .refused = table.refused};
  std::map<std::string, int> first_line_of;
  for (auto& [line, v] : table.rows) {
    std::optional<std::string> problem = CheckMemberId(v[0]);
    if (!problem && v[1].empty()) problem = "name is empty";
    if (!problem) problem = CheckDate("cert_start", v[3]);
    if (!problem) problem = CheckDate("cert_end", v[4]);
    if (!problem && v[4] < v[3]) problem = fmt::format("cert_end {} is before cert_start {}", v[4], v[3]);
    const std::string fees = Lower(v[5]);
    if (!problem && fees != "true" && fees != "false") {
      problem = fmt::format("fees_paid '{}' must be true or false", v[5]);
    }
    if (!problem) {
      if (auto [it, inserted] = first_line_of.emplace(v[0], line); !inserted) {
        problem = fmt::format("member_id {} is already on line {}", v[0], it->second);
      }
    }
    if (problem) {
      result.problems.push_back({line, *problem + "; row skipped"});
      continue;
    }
    result.rows.push_back(Member{.member_id = v[0],
                                 .name = v[1],
                                 .name_kana = v[2],
                                 .cert_start = v[3],
                                 .cert_end = v[4],
                                 .fees_paid = fees == "true"});
  }
  return result;
}

Import<HistoryEntry> ReadAttendanceHistory(std::string_view csv_text) {
  static constexpr std::array<std::string_view, 4> kColumns = {"member_id", "event_id", "date", "points"};
  auto table = ReadTable(csv_text, kColumns);
  Import<HistoryEntry> result{.rows = {}, .problems = std::move(table.problems), .refused = table.refused};
  for (auto& [line, v] : table.rows) {
    std::optional<std::string> problem = CheckMemberId(v[0]);
    if (!problem && v[1].empty()) problem = "event_id is empty";
    if (!problem) problem = CheckDate("date", v[2]);
    int points = 0;
    const auto [end, error] = std::from_chars(v[3].data(), v[3].data() + v[3].size(), points);
    if (!problem && (error != std::errc() || end != v[3].data() + v[3].size() || points < 0 || points > 100)) {
      problem = fmt::format("points '{}' must be a whole number from 0 to 100", v[3]);
    }
    if (problem) {
      result.problems.push_back({line, *problem + "; row skipped"});
      continue;
    }
    result.rows.push_back(HistoryEntry{.member_id = v[0], .event_id = v[1], .date = v[2], .points = points});
  }
  return result;
}

}  // namespace certintake::members
