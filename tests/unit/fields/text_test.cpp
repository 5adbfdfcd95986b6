#include "certintake/fields/text.hpp"

#include <gtest/gtest.h>

namespace certintake::fields {
namespace {

TEST(NormaliseOcrText, FoldsFullWidthDigitsAndLetters) {
  EXPECT_EQ(NormaliseOcrText("２０２４年ＷＥＢ"), "2024年WEB");
}

TEST(NormaliseOcrText, RemovesSpacesBetweenJapaneseCharacters) {
  EXPECT_EQ(NormaliseOcrText("出 席 証 明 書"), "出席証明書");
}

TEST(NormaliseOcrText, RemovesSpacesInsideNumbersAndDates) {
  EXPECT_EQ(NormaliseOcrText("2024 年 5 月 1 1 日"), "2024年5月11日");
}

TEST(NormaliseOcrText, KeepsSpacesBetweenLatinWords) {
  EXPECT_EQ(NormaliseOcrText("Web Seminar"), "Web Seminar");
}

TEST(NormaliseOcrText, TurnsWaveDashesIntoTildes) {
  EXPECT_EQ(NormaliseOcrText("11日〜12日"), "11日~12日");
}

TEST(NormaliseOcrText, MendsLetterLookAlikesBesideDigits) {
  EXPECT_EQ(NormaliseOcrText("2O24.5.l1"), "2024.5.11");
  EXPECT_EQ(NormaliseOcrText("令和6年〇5月"), "令和6年05月");
}

TEST(NormaliseOcrText, LeavesLettersInWordsAlone) {
  EXPECT_EQ(NormaliseOcrText("ISO9001"), "ISO9001");
}

TEST(NormaliseOcrText, TurnsLongVowelMarksBetweenDigitsIntoDashes) {
  EXPECT_EQ(NormaliseOcrText("2024ー05ー11"), "2024-05-11");
}

TEST(NormaliseOcrText, TurnsAJapaneseFullStopBetweenDigitsIntoADot) {
  EXPECT_EQ(NormaliseOcrText("R2.1。4"), "R2.1.4");
  EXPECT_EQ(NormaliseOcrText("2024年5月11日。"), "2024年5月11日。");
}

TEST(NormaliseOcrText, KeepsLineBreaks) {
  EXPECT_EQ(NormaliseOcrText("上\n下"), "上\n下");
}

TEST(DecodeUtf8, RoundTripsJapanese) {
  EXPECT_EQ(EncodeUtf8(DecodeUtf8("証明書")), "証明書");
}

TEST(DecodeUtf8, ReplacesInvalidBytes) {
  EXPECT_EQ(DecodeUtf8("\xff"), std::u32string(1, 0xFFFD));
}

}  // namespace
}  // namespace certintake::fields
