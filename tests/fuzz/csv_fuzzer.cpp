// The member register and attendance history CSVs, as any spreadsheet or hand might save them:
// either refused with one reason, or rows that are each valid, with a problem per skipped row.

#include <cstddef>
#include <cstdint>

#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/member_id.hpp"
#include "certintake/members/csv.hpp"
#include "certintake/members/register_import.hpp"
#include "fuzz_check.hpp"

using certintake::fuzz::Check;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = certintake::fuzz::TextOf(data, size);
  try {
    certintake::members::ParseCsv(text);
  } catch (const certintake::members::CsvSyntaxError& error) {
    Check(error.line() >= 1, "a CSV syntax error names a line");
  }

  const auto members = certintake::members::ReadMemberRegister(text);
  Check(!members.refused || (members.rows.empty() && members.problems.size() == 1),
        "a refused register imports nothing and says why once");
  for (const certintake::Member& member : members.rows) {
    Check(certintake::IsValidMemberId(member.member_id), "an imported member has a valid id");
    Check(certintake::ParseIsoDate(member.cert_start).has_value(), "an imported cert_start is a date");
    Check(certintake::ParseIsoDate(member.cert_end).has_value(), "an imported cert_end is a date");
  }
  for (const auto& problem : members.problems) Check(!problem.message.empty(), "a problem says what is wrong");

  const auto history = certintake::members::ReadAttendanceHistory(text);
  Check(!history.refused || history.rows.empty(), "a refused history imports nothing");
  for (const certintake::HistoryEntry& entry : history.rows) {
    Check(certintake::IsValidMemberId(entry.member_id), "an imported entry has a valid member id");
    Check(!entry.event_id.empty(), "an imported entry names its event");
    Check(entry.points >= 0 && entry.points <= 100, "imported points are 0 to 100");
  }
  return 0;
}
