#include "certintake/members/csv.hpp"

#include <gtest/gtest.h>

#include "certintake/core/error.hpp"

namespace certintake::members {
namespace {

using Fields = std::vector<std::string>;

TEST(ParseCsv, SplitsRowsAndFields) {
  const auto rows = ParseCsv("a,b\n1,2\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
  EXPECT_EQ(rows[1].line, 2);
}

TEST(ParseCsv, ReadsQuotedFieldsWithCommasQuotesAndNewlines) {
  const auto rows = ParseCsv("\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\nnext,row,3\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[0].fields, (Fields{"a,b", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(rows[1].line, 3);
}

TEST(ParseCsv, AcceptsCrLfAndNoFinalNewline) {
  const auto rows = ParseCsv("a,b\r\n1,2");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].fields, (Fields{"1", "2"}));
}

TEST(ParseCsv, DropsAByteOrderMark) {
  EXPECT_EQ(ParseCsv("\xEF\xBB\xBFid\n")[0].fields, (Fields{"id"}));
}

TEST(ParseCsv, SkipsBlankLinesButCountsThem) {
  const auto rows = ParseCsv("a\n\nb\n");
  ASSERT_EQ(rows.size(), 2U);
  EXPECT_EQ(rows[1].line, 3);
}

TEST(ParseCsv, KeepsEmptyFields) {
  EXPECT_EQ(ParseCsv("a,,c\n")[0].fields, (Fields{"a", "", "c"}));
}

TEST(ParseCsv, RejectsAnUnclosedQuoteNamingItsLine) {
  try {
    ParseCsv("a\n\"open,\n");
    FAIL();
  } catch (const CsvSyntaxError& error) {
    EXPECT_EQ(error.line(), 2);
    EXPECT_STREQ(error.what(), "a quoted field is never closed (missing \")");
  }
}

TEST(FirstInvalidUtf8Line, AcceptsJapaneseUtf8) {
  EXPECT_EQ(FirstInvalidUtf8Line("山田\n花子\n"), 0);
}

TEST(FirstInvalidUtf8Line, FindsShiftJisBytes) {
  // "山田" in Shift_JIS on the second line.
  EXPECT_EQ(FirstInvalidUtf8Line("id\n\x8E\x52\x93\x63\n"), 2);
}

}  // namespace
}  // namespace certintake::members
