#include "certintake/notice/deficiency_notice.hpp"

#include <gtest/gtest.h>

#include "support/temp_dir.hpp"

namespace certintake::notice {
namespace {

using store::ApplicationId;
using store::ApplicationRecord;
using store::Store;
using testing::TempDir;

/// One application of member 123456 with one certificate, decided as given.
class NoticeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_.UpsertMember({"123456", "山田 花子", "ヤマダ ハナコ", "2020-04-01", "2025-03-31", true});
    run_ = store_.BeginRun("ingest",
                           {.pipeline = "test", .catalog = "", .catalog_sha256 = "", .ocr = "", .config_sha256 = ""});
    store::FileRecord file;
    file.sha256 = "abc";
    file.name = "123456.pdf";
    file.received = "2025-01-15";
    const store::FileId file_id = store_.AddFile(file, run_);
    application_ = store_.FindOrAddApplication("123456", "2025-01-15", run_);
    store::PageRecord page;
    page.file_id = file_id;
    page.index = 2;
    page.application_id = application_;
    store::CertificateRecord certificate;
    certificate.run = run_;
    certificate.page_id = store_.AddPage(page);
    certificate.application_id = application_;
    certificate.stable_id = "c1";
    certificate.kind = "attendance";
    certificate.category = "jgets_meeting";
    certificate.attendance = "onsite";
    certificate.name_instrument = "ink";
    certificate.event_text = "第92回日本消化器内視鏡技師学会";
    certificate.date = "2024-05-11";
    store_.AddCertificate(certificate);
  }

  void Decide(const std::string& decision, const std::string& reasons, const std::string& certificates) {
    store::VerdictRecord verdict;
    verdict.run = run_;
    verdict.application_id = application_;
    verdict.decision = decision;
    verdict.reasons_json = reasons;
    verdict.tally_json = R"({"jgets_meetings":1,"meeting_points":20,"course_points":10})";
    verdict.certificates_json = certificates;
    store_.AddVerdict(verdict);
  }

  [[nodiscard]] ApplicationRecord Application() const { return store_.ListApplications().at(0); }

  TempDir dir_;
  Store store_ = Store::Open(dir_ / "c.db");
  store::RunId run_ = 0;
  ApplicationId application_ = 0;
};

constexpr const char* kCopyRejected = R"([{"id":"c1","valid":false,"flags":["copy","low_confidence"]}])";

TEST_F(NoticeTest, IsNotWrittenForAnApprovedApplication) {
  Decide("approve", "[]", "[]");
  EXPECT_FALSE(NoticeFor(store_, Application()));
}

TEST_F(NoticeTest, IsNotWrittenWhileTheApplicationAwaitsReview) {
  Decide("needs_review", R"(["insufficient_meeting_points"])", "[]");
  EXPECT_FALSE(NoticeFor(store_, Application()));
}

TEST_F(NoticeTest, AddressesTheMemberByTheNameInTheRegister) {
  Decide("deficient", R"(["insufficient_meeting_points"])", "[]");
  const std::string html = NoticeHtml(*NoticeFor(store_, Application()), "2025-01-20");
  EXPECT_NE(html.find("山田 花子 様"), std::string::npos);
  EXPECT_NE(html.find("認定番号 123456"), std::string::npos);
  EXPECT_NE(html.find("2025年1月20日"), std::string::npos);
}

TEST_F(NoticeTest, SaysWhatIsMissingInTheMembersWords) {
  Decide("deficient", R"(["insufficient_meeting_points"])", "[]");
  const DeficiencyNotice notice = *NoticeFor(store_, Application());
  ASSERT_EQ(notice.deficiencies_ja.size(), 1U);
  EXPECT_EQ(notice.deficiencies_ja[0], rules::ReasonWordingMemberJa(rules::Reason::kInsufficientMeetingPoints));
}

TEST_F(NoticeTest, ListsEachRejectedCertificateWithWhyButNotHowSureTheMachineWas) {
  Decide("deficient", R"(["insufficient_meeting_points"])", kCopyRejected);
  const DeficiencyNotice notice = *NoticeFor(store_, Application());
  ASSERT_EQ(notice.rejected.size(), 1U);
  EXPECT_EQ(notice.rejected[0].event_text, "第92回日本消化器内視鏡技師学会");
  EXPECT_EQ(notice.rejected[0].date, "2024-05-11");
  EXPECT_EQ(notice.rejected[0].problems_ja,
            std::vector<std::string>{std::string(rules::FlagWordingJa(rules::Flag::kCopy))});
}

TEST_F(NoticeTest, LeavesOutCertificatesThatCounted) {
  Decide("deficient", R"(["missing_equipment_course"])", R"([{"id":"c1","valid":true,"flags":[]}])");
  EXPECT_TRUE(NoticeFor(store_, Application())->rejected.empty());
}

TEST(NoticeHtml, EscapesTextReadFromTheScan) {
  DeficiencyNotice notice;
  notice.member_id = "123456";
  notice.member_name = "山田 花子";
  notice.rejected.push_back({.event_text = "<script>x</script>", .date = std::nullopt, .problems_ja = {"コピー"}});
  const std::string html = NoticeHtml(notice, "2025-01-20");
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;"), std::string::npos);
}

TEST(NoticeHtml, AddressesAnUnknownMemberByTheNumberOnTheForm) {
  DeficiencyNotice notice;
  notice.member_id = "199001";
  EXPECT_NE(NoticeHtml(notice, "2025-01-20").find("認定番号 199001 の申請者 様"), std::string::npos);
}

}  // namespace
}  // namespace certintake::notice
