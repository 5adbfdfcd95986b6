// The renewal rules, one clause per test, each with the smallest application that shows it.
// Read top to bottom, this is the rulebook of DOMAIN.md.

#include "certintake/rules/rule_engine.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <algorithm>
#include <map>
#include <random>

#include "unit/rules/test_catalog.hpp"

namespace certintake::rules {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

const Catalog& TheCatalog() {
  static const Catalog catalog = testing::DefaultCatalog();
  return catalog;
}

Member SoundMember() {
  return Member{.member_id = "100001",
                .name = "山田 花子",
                .name_kana = "ヤマダ ハナコ",
                .cert_start = "2020-04-01",
                .cert_end = "2025-03-31",
                .fees_paid = true};
}

int next_id = 0;

/// A sound original: named in ink, not a copy, read with confidence.
CertificateFacts Cert(const std::string& event_id, const std::string& date) {
  CertificateFacts facts;
  facts.id = "c" + std::to_string(++next_id);
  facts.kind = event_id.rfind("equipment", 0) == 0 ? Kind::kCourse : Kind::kAttendance;
  facts.event_id = event_id;
  facts.date = date;
  facts.attendance = Attendance::kOnsite;
  return facts;
}

/// Three society meetings and the equipment course: exactly 40 points.
std::vector<CertificateFacts> SoundSet() {
  return {Cert("jgets-national", "2023-05-13"), Cert("jgets-branch-kanto", "2022-11-05"),
          Cert("jgets-branch-tohoku", "2021-10-02"), Cert("equipment-basic", "2022-07-10")};
}

ApplicationFacts Application(std::vector<CertificateFacts> certificates) {
  return ApplicationFacts{
      .member = SoundMember(), .received = "2025-01-15", .certificates = std::move(certificates), .history = {}};
}

Verdict DecideFor(const ApplicationFacts& facts) {
  return Decide(facts, TheCatalog());
}

std::vector<std::string> ReasonCodes(const Verdict& verdict) {
  std::vector<std::string> codes;
  for (Reason reason : verdict.reasons) codes.emplace_back(ReasonCode(reason));
  return codes;
}

std::vector<std::string> FlagCodes(const CertificateVerdict& certificate) {
  std::vector<std::string> codes;
  for (Flag flag : certificate.flags) codes.emplace_back(FlagCode(flag));
  return codes;
}

/// The sound set with its last society meeting replaced by `piece`.
ApplicationFacts WithThirdMeeting(CertificateFacts piece) {
  auto certificates = SoundSet();
  certificates[2] = std::move(piece);
  return Application(certificates);
}

// --- the sound case -------------------------------------------------------------------------

TEST(Rules, ApprovesThreeSocietyMeetingsAndTheEquipmentCourse) {
  const Verdict verdict = DecideFor(Application(SoundSet()));
  EXPECT_EQ(verdict.decision, Decision::kApprove);
  EXPECT_THAT(verdict.reasons, IsEmpty());
  EXPECT_EQ(verdict.tally.jgets_meetings, 3);
  EXPECT_EQ(verdict.tally.meeting_points, 30);
  EXPECT_EQ(verdict.tally.course_points, 10);
}

TEST(Rules, RecordsTheCatalogVersionAndHashWithTheVerdict) {
  const Verdict verdict = DecideFor(Application(SoundSet()));
  EXPECT_EQ(verdict.catalog_version, "2024-09");
  EXPECT_EQ(verdict.catalog_sha256.size(), 64U);
}

// --- 1. fees --------------------------------------------------------------------------------

TEST(Rules, FeesUnpaidMakesTheApplicationDeficient) {
  ApplicationFacts facts = Application(SoundSet());
  facts.member->fees_paid = false;
  const Verdict verdict = DecideFor(facts);
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("fees_unpaid"));
}

// --- 2. deadline ----------------------------------------------------------------------------

TEST(Rules, TheWindowForAMarchExpiryRunsFromSeptemberToTheEndOfFebruary) {
  EXPECT_EQ(WindowFor("2025-03-31").first_day, "2024-09-01");
  EXPECT_EQ(WindowFor("2025-03-31").last_day, "2025-02-28");
}

TEST(Rules, TheWindowEndsOnTheTwentyNinthInALeapYear) {
  EXPECT_EQ(WindowFor("2024-03-31").last_day, "2024-02-29");
}

TEST(Rules, AnApplicationArrivingOnTheLastDayIsInTime) {
  ApplicationFacts facts = Application(SoundSet());
  facts.received = "2025-02-28";
  EXPECT_EQ(DecideFor(facts).decision, Decision::kApprove);
}

TEST(Rules, AnApplicationArrivingAfterTheLastDayIsLate) {
  ApplicationFacts facts = Application(SoundSet());
  facts.received = "2025-03-01";
  const Verdict verdict = DecideFor(facts);
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("late_application"));
}

TEST(Rules, TheWindowFollowsAPeriodExtendedByLeave) {
  ApplicationFacts facts = Application(SoundSet());
  facts.member->cert_end = "2026-03-31";
  facts.received = "2025-03-15";
  EXPECT_EQ(DecideFor(facts).decision, Decision::kApprove);
}

// --- 3. validity period ---------------------------------------------------------------------

TEST(Rules, ACertificateBeforeThePeriodDoesNotCount) {
  const Verdict verdict = DecideFor(WithThirdMeeting(Cert("jgets-branch-tohoku", "2020-03-31")));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("out_of_period"));
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("insufficient_meeting_points"));
}

TEST(Rules, ACertificateOnTheFirstDayOfThePeriodCounts) {
  EXPECT_EQ(DecideFor(WithThirdMeeting(Cert("jgets-branch-tohoku", "2020-04-01"))).decision, Decision::kApprove);
}

TEST(Rules, AMonthOnlyWebDateInsideThePeriodCounts) {
  CertificateFacts web = Cert("jgets-branch-tohoku", "2024-06");
  web.attendance = Attendance::kWeb;
  EXPECT_EQ(DecideFor(WithThirdMeeting(web)).decision, Decision::kApprove);
}

TEST(Rules, AnEquipmentCourseOutsideThePeriodIsMissing) {
  auto certificates = SoundSet();
  certificates[3].date = "2019-07-10";
  EXPECT_THAT(ReasonCodes(DecideFor(Application(certificates))), ElementsAre("missing_equipment_course"));
}

// --- 4. meetings ----------------------------------------------------------------------------

TEST(Rules, TwoSocietyMeetingsAreMandatory) {
  auto certificates = SoundSet();
  certificates[0] = Cert("jges-congress", "2023-05-13");
  certificates[1] = Cert("jsge", "2023-04-20");
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("insufficient_jgets_meetings", "insufficient_meeting_points"));
}

TEST(Rules, AttendingTheSameOrganisersMeetingTwiceCountsTwice) {
  auto certificates = SoundSet();
  certificates[1] = Cert("jgets-branch-kanto", "2022-11-05");
  certificates[2] = Cert("jgets-branch-kanto", "2023-11-04");
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kApprove);
}

TEST(Rules, RelatedSocietyPointsAddUpToTheLastTenPoints) {
  auto certificates = SoundSet();
  certificates[2] = Cert("jges-congress", "2023-05-13");  // 5
  certificates.push_back(Cert("jsge", "2023-04-20"));     // 3
  certificates.push_back(Cert("jace", "2022-01-22"));     // 3
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kApprove);
  EXPECT_EQ(verdict.tally.meeting_points, 31);
}

TEST(Rules, RelatedSocietyPointsShortOfTenAreInsufficient) {
  auto certificates = SoundSet();
  certificates[2] = Cert("jges-congress", "2023-05-13");  // 5
  certificates.push_back(Cert("jsge", "2023-04-20"));     // 3
  EXPECT_THAT(ReasonCodes(DecideFor(Application(certificates))), ElementsAre("insufficient_meeting_points"));
}

TEST(Rules, ARelatedSocietyCountsOnlyOnce) {
  auto certificates = SoundSet();
  certificates[2] = Cert("jges-congress", "2023-05-13");
  certificates.push_back(Cert("jges-congress", "2024-05-11"));
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[4]), ElementsAre("duplicate_related_society"));
}

TEST(Rules, TheSameEventOnSiteAndOnTheWebCountsOnce) {
  auto certificates = SoundSet();
  certificates[2] = Cert("jgets-national", "2023-05-13");
  certificates[2].attendance = Attendance::kWeb;
  certificates[2].date = "2023-06";
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("duplicate_event"));
}

TEST(Rules, TheSameNumberedMeetingCountsOnceWhateverTheDates) {
  auto certificates = SoundSet();
  certificates[0].edition = 90;
  certificates[2] = Cert("jgets-national", "2023-09-30");
  certificates[2].edition = 90;
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kDeficient);
}

TEST(Rules, APrefecturalMeetingCountsWhenIssuedByTheBranchChief) {
  CertificateFacts prefectural = Cert("jgets-prefecture", "2023-02-18");
  prefectural.issued_by_branch_chief = Finding::kPass;
  EXPECT_EQ(DecideFor(WithThirdMeeting(prefectural)).decision, Decision::kApprove);
}

TEST(Rules, APrefecturalMeetingNotIssuedByTheBranchChiefDoesNotCount) {
  CertificateFacts prefectural = Cert("jgets-prefecture", "2023-02-18");
  prefectural.issued_by_branch_chief = Finding::kFail;
  const Verdict verdict = DecideFor(WithThirdMeeting(prefectural));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("prefecture_not_branch_issued"));
}

TEST(Rules, LecturesCountOnlyFromApril2024) {
  auto certificates = SoundSet();
  certificates[2] = Cert("jges-congress", "2023-05-13");  // 5
  certificates.push_back(Cert("jsge", "2023-04-20"));     // 3
  certificates.push_back(Cert("medical-lecture", "2024-03-20"));
  EXPECT_THAT(FlagCodes(DecideFor(Application(certificates)).certificates[5]), ElementsAre("out_of_period"));
  certificates[5].date = "2024-04-20";
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kApprove);
}

// --- 5. equipment course --------------------------------------------------------------------

TEST(Rules, TheEquipmentCourseIsMandatory) {
  auto certificates = SoundSet();
  certificates.pop_back();
  EXPECT_THAT(ReasonCodes(DecideFor(Application(certificates))), ElementsAre("missing_equipment_course"));
}

TEST(Rules, ThePracticalCourseCountsLikeTheBasicOne) {
  auto certificates = SoundSet();
  certificates[3] = Cert("equipment-practical", "2023-08-01");
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kApprove);
}

// --- 6. originals only ----------------------------------------------------------------------

TEST(Rules, APhotocopyDoesNotCount) {
  CertificateFacts copy = Cert("jgets-branch-tohoku", "2021-10-02");
  copy.copy = Finding::kFail;
  const Verdict verdict = DecideFor(WithThirdMeeting(copy));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("copy"));
}

TEST(Rules, AReducedCopyDoesNotCount) {
  CertificateFacts copy = Cert("jgets-branch-tohoku", "2021-10-02");
  copy.reduced_copy = Finding::kFail;
  EXPECT_THAT(FlagCodes(DecideFor(WithThirdMeeting(copy)).certificates[2]), ElementsAre("reduced_copy"));
}

TEST(Rules, AReceiptIsNeverACertificate) {
  CertificateFacts receipt = Cert("jgets-branch-tohoku", "2021-10-02");
  receipt.kind = Kind::kReceipt;
  const Verdict verdict = DecideFor(WithThirdMeeting(receipt));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("receipt"));
}

// --- 7. name --------------------------------------------------------------------------------

TEST(Rules, AnUnnamedCertificateDoesNotCount) {
  CertificateFacts unnamed = Cert("jgets-branch-tohoku", "2021-10-02");
  unnamed.name_present = Finding::kFail;
  EXPECT_THAT(FlagCodes(DecideFor(WithThirdMeeting(unnamed)).certificates[2]), ElementsAre("name_missing"));
}

TEST(Rules, ANameInPencilDoesNotCount) {
  CertificateFacts pencil = Cert("jgets-branch-tohoku", "2021-10-02");
  pencil.name_in_pencil = Finding::kFail;
  const Verdict verdict = DecideFor(WithThirdMeeting(pencil));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("name_in_pencil"));
}

// --- 8. extra pieces --------------------------------------------------------------------------

TEST(Rules, ExtraPiecesAreIgnoredNotHarmful) {
  auto certificates = SoundSet();
  certificates.push_back(Cert("jgets-branch-kinki", "2024-02-10"));
  certificates.push_back(Cert("jsge", "2023-04-20"));
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kApprove);
  EXPECT_EQ(verdict.tally.meeting_points, 30);
  EXPECT_EQ(std::count_if(verdict.certificates.begin(), verdict.certificates.end(),
                          [](const CertificateVerdict& c) { return c.counted; }),
            4);
}

TEST(Rules, AnUnknownEventDoesNotCount) {
  CertificateFacts unknown = Cert("jgets-branch-tohoku", "2021-10-02");
  unknown.event_id.reset();
  EXPECT_THAT(FlagCodes(DecideFor(WithThirdMeeting(unknown)).certificates[2]), ElementsAre("unknown_event"));
}

TEST(Rules, AnEventReadTooPoorlyToKnowCouldBeTheMissingMeetingAndNeedsReview) {
  CertificateFacts unsure = Cert("jgets-branch-tohoku", "2021-10-02");
  unsure.event_id.reset();
  unsure.event_sure = false;
  const Verdict verdict = DecideFor(WithThirdMeeting(unsure));
  EXPECT_EQ(verdict.decision, Decision::kNeedsReview);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("unknown_event", "low_confidence"));
}

TEST(Rules, AnEventMatchedUnsurelyCouldBeTheMissingCourseAndNeedsReview) {
  auto certificates = SoundSet();
  // The course's title read poorly enough to match a society meeting, though unsurely.
  certificates[3] = Cert("jgets-national", "2022-07-10");
  certificates[3].event_sure = false;
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kNeedsReview);
  EXPECT_THAT(FlagCodes(verdict.certificates[3]), ElementsAre("low_confidence"));
}

TEST(Rules, AnEventSurelyNotInTheCatalogLeavesTheApplicationDeficient) {
  CertificateFacts unknown = Cert("jgets-branch-tohoku", "2021-10-02");
  unknown.event_id.reset();
  EXPECT_EQ(DecideFor(WithThirdMeeting(unknown)).decision, Decision::kDeficient);
}

TEST(Rules, AnUnreadEventOnAReceiptCannotFillTheGap) {
  CertificateFacts receipt = Cert("jgets-branch-tohoku", "2021-10-02");
  receipt.event_id.reset();
  receipt.event_sure = false;
  receipt.kind = Kind::kReceipt;
  EXPECT_EQ(DecideFor(WithThirdMeeting(receipt)).decision, Decision::kDeficient);
}

// --- attendance history -----------------------------------------------------------------------

TEST(Rules, ImportedAttendanceHistoryCountsLikeCertificates) {
  auto certificates = SoundSet();
  certificates.erase(certificates.begin() + 2);
  ApplicationFacts facts = Application(certificates);
  facts.history.push_back(
      {.member_id = "100001", .event_id = "jgets-branch-chugoku", .date = "2022-06-18", .points = 10});
  const Verdict verdict = DecideFor(facts);
  EXPECT_EQ(verdict.decision, Decision::kApprove);
  EXPECT_EQ(verdict.history_entries_counted, 1);
}

// --- unknown member -----------------------------------------------------------------------------

TEST(Rules, AnUnknownMemberHasItsOwnReason) {
  ApplicationFacts facts = Application(SoundSet());
  facts.member.reset();
  const Verdict verdict = DecideFor(facts);
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("unknown_member"));
}

// --- uncertainty: decide both ways ------------------------------------------------------------

TEST(Rules, AnInconclusivePencilCheckThatDecidesTheOutcomeNeedsReview) {
  CertificateFacts unsure = Cert("jgets-branch-tohoku", "2021-10-02");
  unsure.name_in_pencil = Finding::kInconclusive;
  const Verdict verdict = DecideFor(WithThirdMeeting(unsure));
  EXPECT_EQ(verdict.decision, Decision::kNeedsReview);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("insufficient_meeting_points"));
  EXPECT_FALSE(verdict.certificates[2].sure);
}

TEST(Rules, AnInconclusiveCheckOnAnExtraPieceDoesNotStopApproval) {
  auto certificates = SoundSet();
  certificates.push_back(Cert("jgets-branch-kinki", "2024-02-10"));
  certificates.back().copy = Finding::kInconclusive;
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kApprove);
}

TEST(Rules, ALowConfidenceDateThatDecidesTheOutcomeNeedsReview) {
  CertificateFacts unsure = Cert("jgets-branch-tohoku", "2019-10-02");
  unsure.date_sure = false;
  const Verdict verdict = DecideFor(WithThirdMeeting(unsure));
  EXPECT_EQ(verdict.decision, Decision::kNeedsReview);
  EXPECT_THAT(FlagCodes(verdict.certificates[2]), ElementsAre("out_of_period", "low_confidence"));
}

TEST(Rules, AnApplicationDeficientEvenIfEveryUncertainPieceCountsIsDeficient) {
  auto certificates = SoundSet();
  certificates.pop_back();  // no course at all
  certificates[2].copy = Finding::kInconclusive;
  EXPECT_EQ(DecideFor(Application(certificates)).decision, Decision::kDeficient);
}

TEST(Rules, AnUnreadablePieceThatCouldFillTheGapNeedsReview) {
  auto certificates = SoundSet();
  certificates[3].unreadable = true;
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kNeedsReview);
  EXPECT_THAT(FlagCodes(verdict.certificates[3]), ElementsAre("unreadable"));
}

TEST(Rules, OneUnreadablePieceCannotFillTwoGaps) {
  auto certificates = SoundSet();
  certificates.pop_back();            // no course
  certificates[2].unreadable = true;  // and a meeting's worth of points short, unless this is it
  const Verdict verdict = DecideFor(Application(certificates));
  EXPECT_EQ(verdict.decision, Decision::kDeficient);
  EXPECT_THAT(ReasonCodes(verdict), ElementsAre("insufficient_meeting_points", "missing_equipment_course"));
}

// --- properties -----------------------------------------------------------------------------------

/// 300 applications around the sound case: 3 to 8 pieces, mostly society meetings and courses
/// inside the period, some copies, some inconclusive checks, some pieces out of the period.
std::vector<ApplicationFacts> VariedApplications() {
  std::vector<ApplicationFacts> applications;
  std::mt19937 random(7);
  const std::vector<std::string> events = {
      "jgets-national",  "jgets-branch-kanto", "jgets-branch-kinki", "jgets-national", "jgets-branch-kyushu",
      "equipment-basic", "equipment-basic",    "jges-congress",      "jsge",           "jace",
      "medical-lecture", "jgets-prefecture"};
  const auto one_in = [&](unsigned n) { return random() % n == 0; };
  for (int a = 0; a < 300; ++a) {
    std::vector<CertificateFacts> certificates;
    const unsigned count = 3 + random() % 6;
    for (unsigned c = 0; c < count; ++c) {
      const unsigned year = one_in(12) ? 2019 : 2020 + random() % 5;
      CertificateFacts facts = Cert(events[random() % events.size()],
                                    fmt::format("{}-{:02d}-{:02d}", year, 4 + random() % 9, 1 + random() % 28));
      facts.copy = one_in(10) ? Finding::kFail : one_in(10) ? Finding::kInconclusive : Finding::kPass;
      facts.name_in_pencil = one_in(12) ? Finding::kInconclusive : Finding::kPass;
      facts.issued_by_branch_chief = one_in(2) ? Finding::kPass : Finding::kFail;
      facts.attendance = one_in(2) ? Attendance::kWeb : Attendance::kOnsite;
      facts.date_sure = !one_in(15);
      certificates.push_back(facts);
    }
    applications.push_back(Application(certificates));
  }
  return applications;
}

TEST(RulesProperty, TheVariedApplicationsReachEveryDecision) {
  std::map<Decision, int> decisions;
  for (const ApplicationFacts& facts : VariedApplications()) ++decisions[DecideFor(facts).decision];
  EXPECT_GE(decisions[Decision::kApprove], 10);
  EXPECT_GE(decisions[Decision::kDeficient], 10);
  EXPECT_GE(decisions[Decision::kNeedsReview], 10);
}

TEST(RulesProperty, AddingAValidCertificateNeverTurnsApproveIntoDeficient) {
  for (ApplicationFacts facts : VariedApplications()) {
    const Decision before = DecideFor(facts).decision;
    facts.certificates.push_back(Cert("jgets-branch-shikoku", "2024-01-20"));
    const Decision after = DecideFor(facts).decision;
    if (before == Decision::kApprove) {
      EXPECT_EQ(after, Decision::kApprove);
    }
    if (before == Decision::kNeedsReview) {
      EXPECT_NE(after, Decision::kDeficient);
    }
  }
}

TEST(RulesProperty, RemovingACountedCertificateNeverTurnsDeficientIntoApprove) {
  for (const ApplicationFacts& facts : VariedApplications()) {
    const Verdict verdict = DecideFor(facts);
    if (verdict.decision != Decision::kDeficient) continue;
    for (std::size_t i = 0; i < facts.certificates.size(); ++i) {
      if (!verdict.certificates[i].counted) continue;
      ApplicationFacts fewer = facts;
      fewer.certificates.erase(fewer.certificates.begin() + static_cast<std::ptrdiff_t>(i));
      EXPECT_EQ(DecideFor(fewer).decision, Decision::kDeficient);
    }
  }
}

TEST(RulesProperty, TheOrderOfThePiecesNeverChangesTheVerdict) {
  std::mt19937 random(11);
  for (ApplicationFacts facts : VariedApplications()) {
    const Verdict before = DecideFor(facts);
    std::shuffle(facts.certificates.begin(), facts.certificates.end(), random);
    const Verdict after = DecideFor(facts);
    EXPECT_EQ(after.decision, before.decision);
    EXPECT_EQ(after.reasons, before.reasons);
    EXPECT_EQ(after.tally.meeting_points, before.tally.meeting_points);
  }
}

}  // namespace
}  // namespace certintake::rules
