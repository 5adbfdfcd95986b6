#include "certintake/fields/certificate_text.hpp"

#include <gtest/gtest.h>

#include "certintake/fields/text.hpp"
#include "unit/rules/test_catalog.hpp"

namespace certintake::fields {
namespace {

using rules::Attendance;
using rules::Finding;
using rules::Kind;

const rules::Catalog& TheCatalog() {
  static const rules::Catalog catalog = rules::testing::DefaultCatalog();
  return catalog;
}

std::string Event(std::string_view ocr_text) {
  return ReadEvent(NormaliseOcrText(ocr_text), TheCatalog()).event_id.value_or("none");
}

TEST(ReadKind, ReadsAttendanceTitles) {
  EXPECT_EQ(ReadKind("出席証明書").kind, Kind::kAttendance);
  EXPECT_EQ(ReadKind("参加証").kind, Kind::kAttendance);
  EXPECT_EQ(ReadKind("参加証明書").kind, Kind::kAttendance);
}

TEST(ReadKind, ReadsCourseTitles) {
  EXPECT_EQ(ReadKind("受講証明書").kind, Kind::kCourse);
  EXPECT_EQ(ReadKind("受講証").kind, Kind::kCourse);
  EXPECT_EQ(ReadKind("修了証").kind, Kind::kCourse);
}

TEST(ReadKind, ReadsAReceipt) {
  const KindReading reading = ReadKind("領収書\n¥5,000-\n但し 参加費として");
  EXPECT_EQ(reading.kind, Kind::kReceipt);
  EXPECT_TRUE(reading.sure);
}

TEST(ReadKind, ReadsAReceiptWithoutItsTitleByItsWording) {
  EXPECT_EQ(ReadKind("金額 3,000円\n但し 参加費として").kind, Kind::kReceipt);
}

TEST(ReadKind, MarksACombinedCertificateAndReceiptUnsure) {
  const KindReading reading = ReadKind("参加証 兼 領収書");
  EXPECT_EQ(reading.kind, Kind::kAttendance);
  EXPECT_FALSE(reading.sure);
}

TEST(ReadKind, FindsNoKindInOtherText) {
  EXPECT_EQ(ReadKind("プログラム").kind, Kind::kOther);
}

TEST(ReadAttendance, ReadsWebAttendance) {
  for (const char* text : {"Web参加", "WEB開催", "オンライン開催", "ライブ配信", "オンデマンド配信"}) {
    EXPECT_EQ(ReadAttendance(NormaliseOcrText(text)), Attendance::kWeb) << text;
  }
}

TEST(ReadAttendance, ReadsOnSiteAttendance) {
  EXPECT_EQ(ReadAttendance("現地参加"), Attendance::kOnsite);
  EXPECT_EQ(ReadAttendance("会場参加"), Attendance::kOnsite);
}

TEST(ReadAttendance, ReadsTheWayOfAttendingAfterItsLabel) {
  EXPECT_EQ(ReadAttendance(NormaliseOcrText("参加形態：現地")), Attendance::kOnsite);
  EXPECT_EQ(ReadAttendance(NormaliseOcrText("【参加形態 会場】")), Attendance::kOnsite);
  EXPECT_EQ(ReadAttendance(NormaliseOcrText("参加形態：Web")), Attendance::kWeb);
}

TEST(ReadAttendance, SaysUnknownWhenTheCertificateIsSilent) {
  EXPECT_EQ(ReadAttendance("出席証明書"), Attendance::kUnknown);
}

TEST(ReadBranchChiefIssuer, PassesWhenTheBranchChiefSigns) {
  EXPECT_EQ(ReadBranchChiefIssuer("日本消化器内視鏡技師会関東支部 支部長 山田太郎", 0.9), Finding::kPass);
}

TEST(ReadBranchChiefIssuer, FailsWhenAnotherOfficerSignsAndTheTextIsClear) {
  EXPECT_EQ(ReadBranchChiefIssuer("千葉県消化器内視鏡技師会 会長 佐藤一郎", 0.9), Finding::kFail);
}

TEST(ReadBranchChiefIssuer, IsInconclusiveWhenNoSignatureWasRead) {
  EXPECT_EQ(ReadBranchChiefIssuer("第5回千葉県消化器内視鏡技師研究会 参加証", 0.9), Finding::kInconclusive);
}
TEST(ReadBranchChiefIssuer, IsInconclusiveOnPoorlyReadText) {
  EXPECT_EQ(ReadBranchChiefIssuer("千葉県消化器内視鏡技師会 会長 佐藤一郎", 0.5), Finding::kInconclusive);
}

TEST(ReadEvent, MatchesEveryCatalogNameToItsEvent) {
  for (const rules::CatalogEvent& event : TheCatalog().events) {
    EXPECT_EQ(Event(event.name), event.id) << event.name;
  }
}

TEST(ReadEvent, MatchesEveryAliasToItsEvent) {
  for (const rules::CatalogEvent& event : TheCatalog().events) {
    for (const std::string& alias : event.aliases) {
      EXPECT_EQ(Event("〇〇" + alias), event.id) << alias;
    }
  }
}

TEST(ReadEvent, ToleratesAnOcrError) {
  EXPECT_EQ(Event("日本消化器内視鏡技帥学会"), "jgets-national");
}

TEST(ReadEvent, TellsTheTechniciansSocietyFromTheEndoscopySociety) {
  EXPECT_EQ(Event("第90回日本消化器内視鏡技師学会"), "jgets-national");
  EXPECT_EQ(Event("第107回日本消化器内視鏡学会総会"), "jges-congress");
}

TEST(ReadEvent, TellsOneBranchFromAnother) {
  EXPECT_EQ(Event("日本消化器内視鏡技師会東北支部研究会"), "jgets-branch-tohoku");
  EXPECT_EQ(Event("日本消化器内視鏡技師会東海支部研究会"), "jgets-branch-tokai");
}

TEST(ReadEvent, ReadsTheEditionOfANumberedMeeting) {
  EXPECT_EQ(ReadEvent("第90回日本消化器内視鏡技師学会", TheCatalog()).edition, 90);
}

TEST(ReadEvent, MatchesAPrefecturalMeeting) {
  EXPECT_EQ(Event("第25回千葉県消化器内視鏡技師会研究会"), "jgets-prefecture");
}

TEST(ReadEvent, MatchesANameTheCatalogWritesWithFullWidthBrackets) {
  EXPECT_EQ(Event("上記の者は、消化器内視鐘機器取扱い講習曾(基礎編)を受講したことを証明します。"), "equipment-basic");
}

TEST(ReadEvent, PrefersTheCourseNamedInTheTextToTheSocietyThatIssuedIt) {
  EXPECT_EQ(
      Event("第137回消化器内視拓機器取扱い講特会(実践編)\n参加したことを証明いたします。\n日本消化器内視鏡技師会"),
      "equipment-practical");
}

TEST(ReadEvent, DoesNotTakeTheSocietyThatIssuedACertificateForItsNationalMeeting) {
  EXPECT_EQ(Event("修了証\n日本消化器内視鏡技師会 会長 山田 太郎"), "none");
}

TEST(ReadEvent, ReadsABranchMeetingReadPoorlyAboveTheSocietysName) {
  EXPECT_EQ(Event("日本消化加内視角技師会北海導支部研究会\n日本消化器内視鏡技師会北海道文部 支部長"),
            "jgets-branch-hokkaido");
}

TEST(ReadEvent, TellsAPrefecturalMeetingFromTheBranchWhoseChiefIssuedIt) {
  EXPECT_EQ(Event("第10回福岡県消化器内視鏡技師会研究会\n日本消化器内視鏡技師会九州支部\n支部長 山田 太郎"),
            "jgets-prefecture");
}

TEST(ReadEvent, KeepsTheTitleOfAnEventNotInTheCatalog) {
  const EventReading reading =
      ReadEvent(NormaliseOcrText("出席証明書\n第12回日本呼吸器学会学術集会\n山田 花子 殿"), TheCatalog());
  EXPECT_FALSE(reading.event_id);
  EXPECT_EQ(reading.matched_text, "第12回日本呼吸器学会学術集会");
}

TEST(SubstringSimilarity, IsOneForAnExactSubstring) {
  EXPECT_EQ(SubstringSimilarity(U"技師", U"内視鏡技師会"), 1.0);
}

TEST(SubstringSimilarity, DropsWithEachEdit) {
  EXPECT_DOUBLE_EQ(SubstringSimilarity(U"技師会", U"技帥会"), 2.0 / 3.0);
}

}  // namespace
}  // namespace certintake::fields
