#include "certintake/synth/rules.hpp"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace certintake::synth {
namespace {

using std::chrono::year_month_day;
using ::testing::ElementsAre;
using ::testing::IsEmpty;

year_month_day Day(int y, unsigned m, unsigned d) {
  return year_month_day{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
}

const year_month_day kReceived = Day(2025, 1, 15);

Member Registered() {
  Member member;
  member.member_id = "100001";
  member.name = "山田　花子";
  member.cert_start = "2020-04-01";
  member.cert_end = "2025-03-31";
  member.fees_paid = true;
  return member;
}

CertificateTruth Meeting(const std::string& occurrence, year_month_day day = Day(2023, 5, 13)) {
  CertificateTruth c;
  c.kind = CertificateKind::kAttendance;
  c.category = Category::kJgetsMeeting;
  c.event_id = "jgets-national";
  c.occurrence = occurrence;
  c.date = EventDate{day, false};
  c.catalog_points = 10;
  c.name_present = true;
  c.instrument = Instrument::kInk;
  return c;
}

CertificateTruth Related(const std::string& society, int points, const std::string& occurrence) {
  CertificateTruth c = Meeting(occurrence);
  c.category = Category::kRelatedSociety;
  c.event_id = society;
  c.society = society;
  c.catalog_points = points;
  return c;
}

CertificateTruth Course() {
  CertificateTruth c = Meeting("equipment-basic#2022-1", Day(2022, 6, 11));
  c.kind = CertificateKind::kCourse;
  c.category = Category::kEquipmentCourse;
  c.event_id = "equipment-basic";
  return c;
}

std::vector<CertificateTruth> Sound() {
  return {Meeting("m1"), Meeting("m2"), Meeting("m3"), Course()};
}

TEST(ApplyRenewalRules, ApprovesThreeMeetingsAndTheCourse) {
  std::vector<CertificateTruth> certificates = Sound();
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_EQ(outcome.decision, Decision::kApprove);
  EXPECT_THAT(outcome.reasons, IsEmpty());
  EXPECT_EQ(outcome.tally.jgets_meetings, 3);
  EXPECT_EQ(outcome.tally.meeting_points, 30);
  EXPECT_EQ(outcome.tally.course_points, 10);
  EXPECT_TRUE(certificates[0].counted);
  EXPECT_EQ(certificates[0].points, 10);
}

TEST(ApplyRenewalRules, AddsUpRelatedSocietiesForTheLastTenPoints) {
  std::vector<CertificateTruth> certificates = {
      Meeting("m1"), Meeting("m2"), Related("jges", 5, "r1"), Related("jsge", 3, "r2"), Related("jace", 3, "r3"),
      Course()};
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_EQ(outcome.decision, Decision::kApprove);
  EXPECT_EQ(outcome.tally.meeting_points, 31);
}

TEST(ApplyRenewalRules, CountsARelatedSocietyOnce) {
  std::vector<CertificateTruth> certificates = {
      Meeting("m1"), Meeting("m2"), Related("jges", 5, "r1"), Related("jsge", 3, "r2"), Related("jsge", 3, "r3"),
      Course()};
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[4].expected_flags, ElementsAre(CertificateFlag::kDuplicateRelatedSociety));
  EXPECT_FALSE(certificates[4].counted);
  EXPECT_EQ(certificates[4].points, 0);
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kInsufficientMeetingPoints));
}

TEST(ApplyRenewalRules, CountsAnEventAttendedOnSiteAndOnTheWebOnce) {
  std::vector<CertificateTruth> certificates = {Meeting("m1"), Meeting("m2"), Meeting("m2"), Course()};
  certificates[2].attendance = Attendance::kWeb;
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[2].expected_flags, ElementsAre(CertificateFlag::kDuplicateEvent));
  EXPECT_EQ(outcome.tally.jgets_meetings, 2);
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kInsufficientMeetingPoints));
}

TEST(ApplyRenewalRules, LetsTheValidCertificateCountWhenTheFirstOfADuplicateIsACopy) {
  std::vector<CertificateTruth> certificates = {Meeting("m1"), Meeting("m2"), Meeting("m2"), Meeting("m3"), Course()};
  certificates[1].copy = true;
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[1].expected_flags, ElementsAre(CertificateFlag::kCopy));
  EXPECT_THAT(certificates[2].expected_flags, IsEmpty());
  EXPECT_EQ(outcome.decision, Decision::kApprove);
}

TEST(ApplyRenewalRules, FlagsAReducedCopyAsCopyAndReducedCopy) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[0].copy = true;
  certificates[0].reduced = true;
  ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[0].expected_flags, ElementsAre(CertificateFlag::kCopy, CertificateFlag::kReducedCopy));
}

TEST(ApplyRenewalRules, RejectsAReceiptInPlaceOfACertificate) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[3].kind = CertificateKind::kReceipt;
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[3].expected_flags, ElementsAre(CertificateFlag::kReceipt));
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kMissingEquipmentCourse));
}

TEST(ApplyRenewalRules, RejectsANameInPencil) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[1].instrument = Instrument::kPencil;
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[1].expected_flags, ElementsAre(CertificateFlag::kNameInPencil));
  EXPECT_EQ(outcome.decision, Decision::kDeficient);
}

TEST(ApplyRenewalRules, RejectsAnUnnamedCertificate) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[1].name_present = false;
  certificates[1].instrument = Instrument::kNone;
  ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[1].expected_flags, ElementsAre(CertificateFlag::kNameMissing));
}

TEST(ApplyRenewalRules, CountsAPrefecturalMeetingOnlyWhenTheBranchChiefIssuedIt) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[0].event_id = "jgets-prefecture";
  certificates[0].requires_branch_chief = true;
  certificates[1] = certificates[0];
  certificates[1].occurrence = "p2";
  certificates[0].issued_by_branch_chief = true;
  certificates[1].issued_by_branch_chief = false;
  ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[0].expected_flags, IsEmpty());
  EXPECT_THAT(certificates[1].expected_flags, ElementsAre(CertificateFlag::kPrefectureNotBranchIssued));
}

TEST(ApplyRenewalRules, FlagsAnEventOutsideTheCatalog) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[2].event_id.reset();
  certificates[2].category = Category::kUnknown;
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[2].expected_flags, ElementsAre(CertificateFlag::kUnknownEvent));
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kInsufficientMeetingPoints));
}

TEST(ApplyRenewalRules, FlagsADateBeforeThePeriodStarts) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[0].date = EventDate{Day(2020, 3, 28), false};
  ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[0].expected_flags, ElementsAre(CertificateFlag::kOutOfPeriod));
}

TEST(ApplyRenewalRules, CountsAMonthOnlyDateWhoseMonthOverlapsThePeriod) {
  std::vector<CertificateTruth> certificates = Sound();
  certificates[0].date = EventDate{Day(2020, 4, 1), true};
  certificates[1].date = EventDate{Day(2020, 3, 1), true};
  ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[0].expected_flags, IsEmpty());
  EXPECT_THAT(certificates[1].expected_flags, ElementsAre(CertificateFlag::kOutOfPeriod));
}

TEST(ApplyRenewalRules, CountsALeaveExtendedPeriodFromItsOwnStart) {
  Member member = Registered();
  member.cert_start = "2019-04-01";
  std::vector<CertificateTruth> certificates = Sound();
  certificates[0].date = EventDate{Day(2019, 11, 9), false};
  const RuleOutcome outcome = ApplyRenewalRules(member, kReceived, certificates);
  EXPECT_EQ(outcome.decision, Decision::kApprove);
}

TEST(ApplyRenewalRules, CountsLecturesOnlyFromApril2024) {
  std::vector<CertificateTruth> certificates = {
      Meeting("m1"), Meeting("m2"), Related("jges", 5, "r1"), Related("jsge", 3, "r2"), Related("lecture", 2, "l1"),
      Course()};
  certificates[4].valid_from = Day(2024, 4, 1);
  certificates[4].date = EventDate{Day(2024, 3, 1), true};
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(certificates[4].expected_flags, ElementsAre(CertificateFlag::kOutOfPeriod));
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kInsufficientMeetingPoints));

  certificates[4].date = EventDate{Day(2024, 4, 20), false};
  EXPECT_EQ(ApplyRenewalRules(Registered(), kReceived, certificates).decision, Decision::kApprove);
}

TEST(ApplyRenewalRules, NeedsTwoSocietyMeetingsWhateverTheRelatedPoints) {
  std::vector<CertificateTruth> certificates = {Meeting("m1"),
                                                Related("jges", 5, "r1"),
                                                Related("jsge", 3, "r2"),
                                                Related("jace", 3, "r3"),
                                                Related("jsipc", 3, "r4"),
                                                Related("jna", 3, "r5"),
                                                Related("jamt", 3, "r6"),
                                                Course()};
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_EQ(outcome.tally.meeting_points, 30);
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kInsufficientJgetsMeetings));
}

TEST(ApplyRenewalRules, NeedsTheEquipmentCourse) {
  std::vector<CertificateTruth> certificates = {Meeting("m1"), Meeting("m2"), Meeting("m3")};
  const RuleOutcome outcome = ApplyRenewalRules(Registered(), kReceived, certificates);
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kMissingEquipmentCourse));
}

TEST(ApplyRenewalRules, RefusesAMemberWithUnpaidFees) {
  Member member = Registered();
  member.fees_paid = false;
  std::vector<CertificateTruth> certificates = Sound();
  EXPECT_THAT(ApplyRenewalRules(member, kReceived, certificates).reasons, ElementsAre(Reason::kFeesUnpaid));
}

TEST(ApplyRenewalRules, AcceptsApplicationsFromSeptemberFirstToTheEndOfFebruary) {
  std::vector<CertificateTruth> certificates = Sound();
  EXPECT_EQ(ApplyRenewalRules(Registered(), Day(2024, 9, 1), certificates).decision, Decision::kApprove);
  EXPECT_EQ(ApplyRenewalRules(Registered(), Day(2025, 2, 28), certificates).decision, Decision::kApprove);
  EXPECT_THAT(ApplyRenewalRules(Registered(), Day(2025, 3, 1), certificates).reasons,
              ElementsAre(Reason::kLateApplication));
  EXPECT_THAT(ApplyRenewalRules(Registered(), Day(2024, 8, 31), certificates).reasons,
              ElementsAre(Reason::kLateApplication));
}

TEST(WindowFor, EndsOnTheTwentyNinthInALeapYear) {
  const ApplicationWindow window = WindowFor(Day(2028, 3, 31));
  EXPECT_EQ(window.first, Day(2027, 9, 1));
  EXPECT_EQ(window.last, Day(2028, 2, 29));
}

TEST(ApplyRenewalRules, GivesOnlyUnknownMemberForAnIdNotInTheRegister) {
  std::vector<CertificateTruth> certificates = {Meeting("m1")};
  const RuleOutcome outcome = ApplyRenewalRules(std::nullopt, kReceived, certificates);
  EXPECT_EQ(outcome.decision, Decision::kDeficient);
  EXPECT_THAT(outcome.reasons, ElementsAre(Reason::kUnknownMember));
}

}  // namespace
}  // namespace certintake::synth
