#include "certintake/fields/date_parser.hpp"

#include <gtest/gtest.h>

#include "certintake/fields/text.hpp"

namespace certintake::fields {
namespace {

std::string Date(std::string_view ocr_text) {
  const auto reading = ParseEventDate(NormaliseOcrText(ocr_text));
  return reading ? reading->value : "none";
}

double Confidence(std::string_view ocr_text) {
  return ParseEventDate(NormaliseOcrText(ocr_text))->confidence;
}

TEST(ParseEventDate, ReadsAWesternDate) {
  EXPECT_EQ(Date("2024年5月11日"), "2024-05-11");
}
TEST(ParseEventDate, ReadsAWesternDateWhoseDayMarkWasMisreadButDoubtsIt) {
  EXPECT_EQ(Date("2024年8月10H"), "2024-08-10");
  EXPECT_LT(Confidence("2024年8月10H"), 0.9);
}
TEST(ParseEventDate, TrustsADayMarkedBeforeTheNextDayOfARange) {
  EXPECT_EQ(Confidence("会期：2023年3月10日11日"), 1.0);
}
TEST(ParseEventDate, ReadsADigitReadAsALookAlikeLetterButDoubtsIt) {
  EXPECT_EQ(Date("令和G年6月21日"), "2024-06-21");
  EXPECT_LT(Confidence("令和G年6月21日"), 0.9);
}
TEST(ParseEventDate, TakesNoLettersForDigitsOutsideAJapaneseDate) {
  EXPECT_EQ(Date("R.S.G 2024"), "none");
}
TEST(ParseEventDate, TakesNoDayWithADigitMissingFromIt) {
  EXPECT_EQ(Date("2024年8月105"), "none");
}
TEST(ParseEventDate, ReadsReiwa) {
  EXPECT_EQ(Date("令和6年5月11日"), "2024-05-11");
}
TEST(ParseEventDate, ReadsTheFirstYearOfReiwa) {
  EXPECT_EQ(Date("令和元年10月5日"), "2019-10-05");
}
TEST(ParseEventDate, ReadsHeisei) {
  EXPECT_EQ(Date("平成31年4月1日"), "2019-04-01");
}
TEST(ParseEventDate, ReadsAbbreviatedReiwa) {
  EXPECT_EQ(Date("R6.5.11"), "2024-05-11");
}
TEST(ParseEventDate, ReadsAbbreviatedHeisei) {
  EXPECT_EQ(Date("H31.4.1"), "2019-04-01");
}
TEST(ParseEventDate, ReadsDottedDates) {
  EXPECT_EQ(Date("2024.5.11"), "2024-05-11");
}
TEST(ParseEventDate, ReadsSlashedDates) {
  EXPECT_EQ(Date("2024/05/11"), "2024-05-11");
}
TEST(ParseEventDate, ReadsFullWidthDigits) {
  EXPECT_EQ(Date("２０２４年５月１１日"), "2024-05-11");
}
TEST(ParseEventDate, TakesTheFirstDayOfARange) {
  EXPECT_EQ(Date("2024年5月11日～12日"), "2024-05-11");
}
TEST(ParseEventDate, TakesTheFirstDayOfARangeWithWeekdays) {
  EXPECT_EQ(Date("2024年5月11日(土)〜12日(日)"), "2024-05-11");
}
TEST(ParseEventDate, ReadsAMonthOnlyViewingDate) {
  EXPECT_EQ(Date("視聴期間 2024年6月"), "2024-06");
}
TEST(ParseEventDate, ReadsAMonthOnlyReiwaDate) {
  EXPECT_EQ(Date("令和6年6月"), "2024-06");
}
TEST(ParseEventDate, ReadsADateSplitOverTwoLines) {
  EXPECT_EQ(Date("開催日 2024年\n5月11日"), "2024-05-11");
}

TEST(ParseEventDate, PrefersTheEventDateOverTheIssueDate) {
  EXPECT_EQ(Date("発行日 2024年6月1日\n開催日 2024年5月11日"), "2024-05-11");
}

TEST(ParseEventDate, SkipsAnIssueDateWhenAnotherDateIsUnlabelled) {
  EXPECT_EQ(Date("2024年5月11日\n発行日 2024年6月1日"), "2024-05-11");
}

TEST(ParseEventDate, PrefersALabelledViewingMonthOverAFullIssueDate) {
  EXPECT_EQ(Date("発行日 2024年7月1日\n視聴期間 2024年6月"), "2024-06");
}

TEST(ParseEventDate, FindsNothingWithoutADate) {
  EXPECT_EQ(Date("出席証明書"), "none");
}

TEST(ParseEventDate, TrustsADateWhoseWeekdayMatches) {
  EXPECT_EQ(Confidence("2024年5月11日(土)"), 1.0);
}
TEST(ParseEventDate, DoubtsADateWhoseWeekdayDisagrees) {
  EXPECT_LT(Confidence("2024年5月12日(土)"), 0.5);
}
TEST(ParseEventDate, MendsAMonthMisreadAsAnImpossibleOneButDoubtsIt) {
  EXPECT_EQ(Date("日時：令和3年19月16日"), "2021-10-16");
  EXPECT_LT(Confidence("日時：令和3年19月16日"), 0.9);
}
TEST(ParseEventDate, MendsAMonthAndADayEachMisreadAsALookAlikeButDoubtsIt) {
  EXPECT_EQ(Date("開催日：2023/93/94"), "2023-03-04");
  EXPECT_LT(Confidence("開催日：2023/93/94"), 0.9);
}
TEST(ParseEventDate, MendsADoubledDigitReadOnceWhenThePrintedWeekdayShowsIt) {
  EXPECT_EQ(Date("開催日：2024年1月16日(土)"), "2024-11-16");
}
TEST(ParseEventDate, LeavesAnImpossibleDateNoLookAlikeDigitMends) {
  EXPECT_EQ(Date("2024年2月30日"), "none");
}
TEST(ParseEventDate, DoubtsAChoiceBetweenUnlabelledDates) {
  EXPECT_LT(Confidence("2024年5月11日\n2023年11月3日"), 0.7);
}

}  // namespace
}  // namespace certintake::fields
