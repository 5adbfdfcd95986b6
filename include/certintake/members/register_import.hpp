#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "certintake/core/member.hpp"

namespace certintake::members {

/// Something wrong with one line of an imported CSV; that row is skipped, the others are kept.
struct ImportProblem {
  int line = 0;
  std::string message;
};

/// The valid rows of a CSV, and a problem for each row that was skipped. When the file as a
/// whole is unusable (not UTF-8, a missing column, an unclosed quote) it is `refused`: no rows,
/// and one problem saying why.
template <typename Row>
struct Import {
  std::vector<Row> rows;
  std::vector<ImportProblem> problems;
  bool refused = false;
};

/// Reads the member register (CONTRACT.md): member_id,name,name_kana,cert_start,cert_end,fees_paid.
Import<Member> ReadMemberRegister(std::string_view csv_text);

/// Reads the attendance history (CONTRACT.md): member_id,event_id,date,points.
Import<HistoryEntry> ReadAttendanceHistory(std::string_view csv_text);

}  // namespace certintake::members
