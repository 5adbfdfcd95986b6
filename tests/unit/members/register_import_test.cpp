#include "certintake/members/register_import.hpp"

#include <gtest/gtest.h>

namespace certintake::members {
namespace {

constexpr const char* kHeader = "member_id,name,name_kana,cert_start,cert_end,fees_paid\n";

std::string Register(const std::string& rows) {
  return kHeader + rows;
}

std::string OnlyProblem(const Import<Member>& import) {
  EXPECT_EQ(import.problems.size(), 1U);
  return import.problems.empty() ? "" : std::to_string(import.problems[0].line) + ": " + import.problems[0].message;
}

TEST(ReadMemberRegister, ReadsAValidRow) {
  const auto import = ReadMemberRegister(Register("123456,山田 花子,ヤマダ ハナコ,2020-04-01,2025-03-31,true\n"));
  ASSERT_TRUE(import.problems.empty());
  ASSERT_EQ(import.rows.size(), 1U);
  EXPECT_EQ(import.rows[0].member_id, "123456");
  EXPECT_EQ(import.rows[0].name, "山田 花子");
  EXPECT_EQ(import.rows[0].cert_end, "2025-03-31");
  EXPECT_TRUE(import.rows[0].fees_paid);
}

TEST(ReadMemberRegister, AcceptsColumnsInAnyOrder) {
  const auto import = ReadMemberRegister(
      "fees_paid,cert_end,cert_start,name_kana,name,member_id\nFALSE,2025-03-31,2020-04-01,カナ,名前,7\n");
  ASSERT_EQ(import.rows.size(), 1U);
  EXPECT_EQ(import.rows[0].member_id, "7");
  EXPECT_FALSE(import.rows[0].fees_paid);
}

TEST(ReadMemberRegister, SkipsARowWithAnImpossibleDateAndKeepsTheOthers) {
  const auto import =
      ReadMemberRegister(Register("1,A,a,2020-04-01,2025-02-30,true\n2,B,b,2020-04-01,2025-03-31,true\n"));
  EXPECT_EQ(OnlyProblem(import), "2: cert_end '2025-02-30' is not a valid date (YYYY-MM-DD); row skipped");
  ASSERT_EQ(import.rows.size(), 1U);
  EXPECT_EQ(import.rows[0].member_id, "2");
}

TEST(ReadMemberRegister, SkipsAPeriodThatEndsBeforeItStarts) {
  EXPECT_EQ(OnlyProblem(ReadMemberRegister(Register("1,A,a,2025-04-01,2020-03-31,true\n"))),
            "2: cert_end 2020-03-31 is before cert_start 2025-04-01; row skipped");
}

TEST(ReadMemberRegister, SkipsASecondRowForTheSameMember) {
  const auto import =
      ReadMemberRegister(Register("1,A,a,2020-04-01,2025-03-31,true\n1,A2,a,2020-04-01,2025-03-31,true\n"));
  EXPECT_EQ(OnlyProblem(import), "3: member_id 1 is already on line 2; row skipped");
  EXPECT_EQ(import.rows.size(), 1U);
}

TEST(ReadMemberRegister, SkipsFeesThatAreNotTrueOrFalse) {
  EXPECT_EQ(OnlyProblem(ReadMemberRegister(Register("1,A,a,2020-04-01,2025-03-31,yes\n"))),
            "2: fees_paid 'yes' must be true or false; row skipped");
}

TEST(ReadMemberRegister, SkipsARowWithTooFewFields) {
  EXPECT_EQ(OnlyProblem(ReadMemberRegister(Register("1,A,a,2020-04-01\n"))),
            "2: expected 6 fields, found 4; row skipped");
}

TEST(ReadMemberRegister, SkipsAnInvalidMemberId) {
  EXPECT_EQ(OnlyProblem(ReadMemberRegister(Register("12 34,A,a,2020-04-01,2025-03-31,true\n"))),
            "2: member_id '12 34' is not a member id (letters, digits and '-', at most 32); row skipped");
}

TEST(ReadMemberRegister, RejectsAFileWithAMissingColumn) {
  const auto import =
      ReadMemberRegister("member_id,name,cert_start,cert_end,fees_paid\n1,A,2020-04-01,2025-03-31,true\n");
  EXPECT_EQ(OnlyProblem(import),
            "1: missing column 'name_kana'; the first line must be: "
            "member_id,name,name_kana,cert_start,cert_end,fees_paid; nothing imported");
  EXPECT_TRUE(import.refused);
}

TEST(ReadMemberRegister, RejectsShiftJisText) {
  const auto import = ReadMemberRegister(Register("1,\x8E\x52\x93\x63,a,2020-04-01,2025-03-31,true\n"));
  EXPECT_EQ(OnlyProblem(import),
            "2: the file is not UTF-8 text (perhaps Shift_JIS from Excel); save it as \"CSV UTF-8\"; nothing "
            "imported");
  EXPECT_TRUE(import.refused);
}

TEST(ReadMemberRegister, RejectsUtf16TextFromExcel) {
  const auto import = ReadMemberRegister(std::string("\xFF\xFEm\0e\0", 6));
  EXPECT_EQ(OnlyProblem(import),
            "1: the file is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\"; nothing imported");
  EXPECT_TRUE(import.refused);
}

TEST(ReadMemberRegister, RejectsAnUnclosedQuoteNamingItsLine) {
  const auto import = ReadMemberRegister(Register("1,\"A,a,2020-04-01,2025-03-31,true\n"));
  EXPECT_EQ(OnlyProblem(import), "2: a quoted field is never closed (missing \"); nothing imported");
  EXPECT_TRUE(import.refused);
}

TEST(ReadMemberRegister, AcceptsAByteOrderMarkFromExcel) {
  EXPECT_EQ(ReadMemberRegister("\xEF\xBB\xBF" + Register("1,A,a,2020-04-01,2025-03-31,true\n")).rows.size(), 1U);
}

TEST(ReadAttendanceHistory, ReadsPointsRecordedInTheMemberSystem) {
  const auto import = ReadAttendanceHistory("member_id,event_id,date,points\n1,jgets-national,2023-06-10,10\n");
  ASSERT_EQ(import.rows.size(), 1U);
  EXPECT_EQ(import.rows[0].event_id, "jgets-national");
  EXPECT_EQ(import.rows[0].points, 10);
}

TEST(ReadAttendanceHistory, SkipsPointsThatAreNotAWholeNumber) {
  const auto import = ReadAttendanceHistory("member_id,event_id,date,points\n1,jges-congress,2023-06-10,5.5\n");
  ASSERT_EQ(import.problems.size(), 1U);
  EXPECT_EQ(import.problems[0].message, "points '5.5' must be a whole number from 0 to 100; row skipped");
}

}  // namespace
}  // namespace certintake::members
