#include "certintake/core/date.hpp"

#include <gtest/gtest.h>

namespace certintake {
namespace {

TEST(ParseIsoDate, ReadsACalendarDate) {
  const auto date = ParseIsoDate("2025-02-28");
  ASSERT_TRUE(date);
  EXPECT_EQ(FormatIsoDate(*date), "2025-02-28");
}

TEST(ParseIsoDate, AcceptsTheLeapDayOfALeapYear) {
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
}

TEST(ParseIsoDate, RejectsADayThatDoesNotExist) {
  EXPECT_FALSE(ParseIsoDate("2025-02-29"));
  EXPECT_FALSE(ParseIsoDate("2025-02-30"));
  EXPECT_FALSE(ParseIsoDate("2025-13-01"));
}

TEST(ParseIsoDate, RejectsOtherLayouts) {
  EXPECT_FALSE(ParseIsoDate("2025/02/28"));
  EXPECT_FALSE(ParseIsoDate("2025-2-28"));
  EXPECT_FALSE(ParseIsoDate("25-02-28"));
  EXPECT_FALSE(ParseIsoDate(""));
  EXPECT_FALSE(ParseIsoDate("2025-0a-28"));
}

}  // namespace
}  // namespace certintake
