#include "certintake/separate/separator.hpp"

#include <gtest/gtest.h>

#include "support/scan_files.hpp"

namespace certintake::separate {
namespace {

using Kind = SeparatorFinding::Kind;

PageImage Page(cv::Mat pixels, double dpi) {
  PageImage page;
  page.index = 1;
  page.dpi = dpi;
  page.pixels = std::move(pixels);
  return page;
}

TEST(ParseSeparatorPayload, ReadsTheMemberId) {
  const SeparatorFinding finding = ParseSeparatorPayload("certintake:member:123456");
  EXPECT_EQ(finding.kind, Kind::kSeparator);
  EXPECT_EQ(finding.member_id, "123456");
}

TEST(ParseSeparatorPayload, IgnoresOtherQrCodes) {
  EXPECT_EQ(ParseSeparatorPayload("https://example.org/certificate/42").kind, Kind::kNone);
}

TEST(ParseSeparatorPayload, FlagsACertintakeCodeWithABadMemberId) {
  EXPECT_EQ(ParseSeparatorPayload("certintake:member:").kind, Kind::kMalformed);
  EXPECT_EQ(ParseSeparatorPayload("certintake:member:12 34").kind, Kind::kMalformed);
  EXPECT_EQ(ParseSeparatorPayload("certintake:batch:7").kind, Kind::kMalformed);
}

TEST(FindSeparator, ReadsTheQrCodeOfASeparatorPage) {
  const SeparatorFinding finding = FindSeparator(Page(testing::MakeQrPage(SeparatorPayload("100234"), 300), 300));
  EXPECT_EQ(finding.kind, Kind::kSeparator);
  EXPECT_EQ(finding.member_id, "100234");
}

TEST(FindSeparator, ReadsASeparatorFedUpsideDown) {
  cv::Mat page = testing::MakeQrPage(SeparatorPayload("100234"), 200);
  cv::rotate(page, page, cv::ROTATE_180);
  EXPECT_EQ(FindSeparator(Page(page, 200)).member_id, "100234");
}

TEST(FindSeparator, FindsNothingOnAnOrdinaryPage) {
  EXPECT_EQ(FindSeparator(Page(testing::MakePage(200), 200)).kind, Kind::kNone);
}

TEST(MemberIdFromFileName, TakesTheStemBeforeTheFirstUnderscore) {
  EXPECT_EQ(MemberIdFromFileName("scans/123456.pdf", nullptr), "123456");
  EXPECT_EQ(MemberIdFromFileName("123456_back.tif", nullptr), "123456");
}

TEST(MemberIdFromFileName, GivesNoMemberForAnUnregisteredWord) {
  EXPECT_EQ(MemberIdFromFileName("batch1.pdf", nullptr), std::nullopt);
  EXPECT_EQ(MemberIdFromFileName("batch1.pdf", [](std::string_view) { return false; }), std::nullopt);
}

TEST(MemberIdFromFileName, AcceptsARegisteredNonNumericId) {
  EXPECT_EQ(MemberIdFromFileName("A-77_front.pdf", [](std::string_view id) { return id == "A-77"; }), "A-77");
}

TEST(ApplicationSplitter, GivesPagesBeforeTheFirstSeparatorToTheFileNameMember) {
  ApplicationSplitter splitter("123456");
  EXPECT_EQ(splitter.Next({}), "123456");
  EXPECT_EQ(splitter.Next(ParseSeparatorPayload("certintake:member:200001")), "200001");
  EXPECT_EQ(splitter.Next({}), "200001");
}

TEST(ApplicationSplitter, LeavesPagesUnassignedUntilASeparatorWhenTheNameGivesNoMember) {
  ApplicationSplitter splitter(std::nullopt);
  EXPECT_EQ(splitter.Next({}), std::nullopt);
  EXPECT_EQ(splitter.Next(ParseSeparatorPayload("certintake:member:200001")), "200001");
}

TEST(ApplicationSplitter, IgnoresAMalformedSeparator) {
  ApplicationSplitter splitter("1");
  EXPECT_EQ(splitter.Next(ParseSeparatorPayload("certintake:member:")), "1");
}

}  // namespace
}  // namespace certintake::separate
