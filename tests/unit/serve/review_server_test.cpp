// The review server's JSON API, against a real server on an ephemeral port and a real SQLite
// file: who may do what, the CSRF gate, the images, and what a correction or a decision changes.

#include "certintake/serve/review_server.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <thread>

#include "certintake/archive/archive.hpp"
#include "certintake/core/models.hpp"
#include "certintake/export/results_export.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"
#include "certintake/serve/accounts.hpp"
#include "support/temp_dir.hpp"

namespace certintake::serve {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

constexpr const char* kPassword = "correct horse";

rules::CertificateFacts Meeting(const std::string& event_id, const std::string& date) {
  rules::CertificateFacts facts;
  facts.kind = event_id.starts_with("equipment") ? rules::Kind::kCourse : rules::Kind::kAttendance;
  facts.event_id = event_id;
  facts.date = date;
  facts.attendance = rules::Attendance::kOnsite;
  return facts;
}

/// A database holding one application of member 100001 whose third society meeting has a date
/// the reading was unsure of (so it needs review), one unassigned page, and a user per role.
class ReviewServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::filesystem::path scan = dir_ / "100001.png";
    cv::Mat page(1100, 850, CV_8UC3, cv::Scalar(255, 255, 255));
    cv::rectangle(page, cv::Rect(85, 110, 340, 220), cv::Scalar(40, 40, 200), cv::FILLED);  // piece 1, in red
    cv::imwrite(scan.string(), page);
    const archive::ArchivedFile archived = archive::Archive(dir_ / "archive").Store(scan);

    store::Store store = store::Store::Open(dir_ / "c.db");
    store.UpsertMember(Member{.member_id = "100001",
                              .name = "山田 花子",
                              .name_kana = "ヤマダ ハナコ",
                              .cert_start = "2020-04-01",
                              .cert_end = "2025-03-31",
                              .fees_paid = true});
    const store::RunId run = store.BeginRun("ingest", {"test", "", "", "", ""});
    store::FileRecord file;
    file.sha256 = archived.sha256;
    file.name = "100001.png";
    file.source_path = scan.string();
    file.format = "PNG";
    file.received = "2025-01-15";
    const store::FileId file_id = store.AddFile(file, run);
    application_ = store.FindOrAddApplication("100001", "2025-01-15", run);
    store::PageRecord page_record;
    page_record.file_id = file_id;
    page_record.index = 1;
    page_record.application_id = application_;
    page_record.role = "certificate_sheet";
    page_record.width_px = 850;
    page_record.height_px = 1100;
    const store::PageId page_id = store.AddPage(page_record);

    std::vector<rules::CertificateFacts> pieces = {
        Meeting("jgets-national", "2023-05-13"), Meeting("jgets-branch-kanto", "2022-11-05"),
        Meeting("jgets-branch-tohoku", "2021-10-02"), Meeting("equipment-basic", "2022-07-10")};
    pieces[2].date = "2012-10-02";  // misread: outside the period, and not sure of it
    pieces[2].date_sure = false;
    for (std::size_t i = 0; i < pieces.size(); ++i) {
      store::CertificateRecord record;
      record.run = run;
      record.page_id = page_id;
      record.application_id = application_;
      record.stable_id = fmt::format("piece-{}", i + 1);
      pieces[i].id = record.stable_id;
      record.bbox[0] = 0.1;
      record.bbox[1] = 0.1;
      record.bbox[2] = 0.5;
      record.bbox[3] = 0.3;
      record.kind = rules::KindCode(pieces[i].kind);
      record.category = "jgets_meeting";
      record.attendance = "onsite";
      record.name_instrument = "ink";
      record.facts_json = rules::FactsToJson(pieces[i]).dump();
      record.reading_json = "{}";
      certificate_ids_.push_back(store.AddCertificate(record));
    }
    const rules::Catalog catalog = rules::LoadCatalog(ModelsDirectory() / "catalog.json");
    const store::ApplicationRecord application = *store.FindApplication(application_);
    store.AddVerdict(review::VerdictRecordOf(
        rules::Decide(review::FactsOf(store, application, catalog, false), catalog), application_, run));
    page_record.index = 2;
    page_record.application_id.reset();
    unassigned_page_ = store.AddPage(page_record);
    page_id_ = page_id;

    for (const char* role : {"staff", "reviewer", "auditor", "admin"}) {
      AddUser(store, role, *RoleFromName(role), kPassword);
    }

    server_ = std::make_unique<ReviewServer>(ServerOptions{.db = dir_ / "c.db",
                                                           .archive_root = dir_ / "archive",
                                                           .host = "127.0.0.1",
                                                           .port = 0,
                                                           .session_hours = 1,
                                                           .log_requests = false});
    port_ = server_->Bind();
    thread_ = std::thread([this] { server_->Run(); });
  }

  void TearDown() override {
    server_->Stop();
    thread_.join();
  }

  /// A signed-in client: its cookie and CSRF token.
  struct Session {
    std::string cookie;
    std::string csrf;
  };

  httplib::Client Client() const { return httplib::Client("127.0.0.1", port_); }

  Session SignInAs(const std::string& name) {
    auto response =
        Client().Post("/api/login", json{{"name", name}, {"password", kPassword}}.dump(), "application/json");
    EXPECT_EQ(response->status, 200) << response->body;
    const std::string set_cookie = response->get_header_value("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), json::parse(response->body)["csrf_token"]};
  }

  httplib::Result Get(const Session& session, const std::string& path) {
    return Client().Get(path, {{"Cookie", session.cookie}});
  }

  httplib::Result Post(const Session& session, const std::string& path, const json& body, bool with_csrf = true) {
    httplib::Headers headers = {{"Cookie", session.cookie}};
    if (with_csrf) headers.emplace("X-CSRF-Token", session.csrf);
    return Client().Post(path, headers, body.dump(), "application/json");
  }

  std::string CorrectPath(std::size_t piece) const {
    return fmt::format("/api/certificates/{}/correct", certificate_ids_[piece]);
  }
  std::string DecidePath() const { return fmt::format("/api/applications/{}/decide", application_); }
  std::string ApplicationPath() const { return fmt::format("/api/applications/{}", application_); }

  testing::TempDir dir_;
  store::ApplicationId application_ = 0;
  store::PageId page_id_ = 0;
  store::PageId unassigned_page_ = 0;
  std::vector<store::CertificateId> certificate_ids_;
  std::unique_ptr<ReviewServer> server_;
  std::thread thread_;
  int port_ = 0;
};

TEST_F(ReviewServerTest, RefusesAnyoneNotSignedInWith401) {
  EXPECT_EQ(Client().Get("/api/queue")->status, 401);
  EXPECT_EQ(Client().Get(ApplicationPath())->status, 401);
}

TEST_F(ReviewServerTest, RefusesAWrongPassword) {
  auto response =
      Client().Post("/api/login", json{{"name", "reviewer"}, {"password", "guess"}}.dump(), "application/json");
  EXPECT_EQ(response->status, 401);
  EXPECT_FALSE(response->has_header("Set-Cookie"));
}

TEST_F(ReviewServerTest, RefusesANameAfterFiveFailedSignInsEvenWithTheRightPassword) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    EXPECT_EQ(Client()
                  .Post("/api/login", json{{"name", "reviewer"}, {"password", "guess"}}.dump(), "application/json")
                  ->status,
              401);
  }
  auto response =
      Client().Post("/api/login", json{{"name", "reviewer"}, {"password", kPassword}}.dump(), "application/json");
  EXPECT_EQ(response->status, 429);
  EXPECT_EQ(SignInAs("staff").csrf.size(), 64U);  // other names are not affected
}

TEST_F(ReviewServerTest, SignsInWithAnHttpOnlySameSiteStrictCookie) {
  auto response =
      Client().Post("/api/login", json{{"name", "reviewer"}, {"password", kPassword}}.dump(), "application/json");
  ASSERT_EQ(response->status, 200);
  EXPECT_THAT(response->get_header_value("Set-Cookie"), HasSubstr("HttpOnly; SameSite=Strict"));
  EXPECT_EQ(json::parse(response->body)["role"], "reviewer");
}

TEST_F(ReviewServerTest, RefusesAStateChangeWithoutTheCsrfTokenWith403) {
  const Session reviewer = SignInAs("reviewer");
  auto response = Post(reviewer, DecidePath(), {{"decision", "approve"}}, /*with_csrf=*/false);
  EXPECT_EQ(response->status, 403);
  EXPECT_THAT(response->body, HasSubstr("CSRF"));
}

TEST_F(ReviewServerTest, StaffCannotDecide) {
  const Session staff = SignInAs("staff");
  EXPECT_EQ(Post(staff, DecidePath(), {{"decision", "approve"}})->status, 403);
}

TEST_F(ReviewServerTest, AuditorsReadButCannotCorrect) {
  const Session auditor = SignInAs("auditor");
  EXPECT_EQ(Get(auditor, ApplicationPath())->status, 200);
  EXPECT_EQ(Post(auditor, CorrectPath(2), {{"field", "date"}, {"value", "2021-10-02"}})->status, 403);
}

TEST_F(ReviewServerTest, ReviewersCannotManageUsers) {
  const Session reviewer = SignInAs("reviewer");
  EXPECT_EQ(Get(reviewer, "/api/users")->status, 403);
  EXPECT_EQ(Post(reviewer, "/api/users", {{"name", "eve"}, {"role", "admin"}, {"password", kPassword}})->status, 403);
}

TEST_F(ReviewServerTest, AdminsAddUsers) {
  const Session admin = SignInAs("admin");
  EXPECT_EQ(Post(admin, "/api/users", {{"name", "sato"}, {"role", "reviewer"}, {"password", kPassword}})->status, 201);
  EXPECT_EQ(SignInAs("sato").csrf.size(), 64U);
}

TEST_F(ReviewServerTest, SigningOutEndsTheSession) {
  const Session reviewer = SignInAs("reviewer");
  EXPECT_EQ(Post(reviewer, "/api/logout", json::object())->status, 200);
  EXPECT_EQ(Get(reviewer, "/api/queue")->status, 401);
}

TEST_F(ReviewServerTest, ImageRoutesRejectPathTraversal) {
  const Session reviewer = SignInAs("reviewer");
  for (const std::string path :
       {"/api/certificates/1/../../../../etc/passwd", "/api/pages/..%2F..%2Fetc%2Fpasswd/image",
        "/api/certificates/%2e%2e%2f%2e%2e%2fetc%2fpasswd/image", "/../../../etc/passwd",
        "/app.js/../../../../etc/passwd"}) {
    auto response = Get(reviewer, path);
    EXPECT_EQ(response->status, 404) << path;
    EXPECT_THAT(response->body, Not(HasSubstr("root:"))) << path;
  }
}

TEST_F(ReviewServerTest, CutsACertificatesImageFromTheArchivedOriginal) {
  const Session reviewer = SignInAs("reviewer");
  auto response = Get(reviewer, fmt::format("/api/certificates/{}/image", certificate_ids_[0]));
  ASSERT_EQ(response->status, 200);
  EXPECT_EQ(response->get_header_value("Content-Type"), "image/jpeg");
  const cv::Mat crop =
      cv::imdecode(std::vector<unsigned char>(response->body.begin(), response->body.end()), cv::IMREAD_COLOR);
  // The box (0.1..0.5 of 850 px, 0.1..0.3 of 1100 px) with a 1 % margin, and the red piece inside.
  EXPECT_NEAR(crop.cols, 357, 2);
  EXPECT_NEAR(crop.rows, 242, 2);
  const cv::Vec3b centre = crop.at<cv::Vec3b>(crop.rows / 2, crop.cols / 2);
  EXPECT_GT(centre[2], 150);
  EXPECT_LT(centre[1], 100);
}

TEST_F(ReviewServerTest, ACorrectionRecomputesTheVerdictAtOnce) {
  const Session reviewer = SignInAs("reviewer");
  EXPECT_EQ(json::parse(Get(reviewer, ApplicationPath())->body)["verdict"]["decision"], "needs_review");
  auto response = Post(reviewer, CorrectPath(2), {{"field", "date"}, {"value", "2021-10-02"}});
  ASSERT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(json::parse(response->body)["verdict"]["decision"], "approve");
}

TEST_F(ReviewServerTest, TheTrailRecordsWhoChangedWhatFromWhatToWhat) {
  const Session reviewer = SignInAs("reviewer");
  Post(reviewer, CorrectPath(2), {{"field", "date"}, {"value", "2021-10-02"}});
  const json trail = json::parse(Get(reviewer, ApplicationPath())->body)["trail"];
  ASSERT_EQ(trail.size(), 1U);
  EXPECT_EQ(trail[0]["user"], "reviewer");
  EXPECT_EQ(trail[0]["action"], "correct_field");
  EXPECT_EQ(trail[0]["field"], "date");
  EXPECT_EQ(trail[0]["before"], "2012-10-02");
  EXPECT_EQ(trail[0]["after"], "2021-10-02");
  EXPECT_EQ(trail[0]["certificate"]["number"], 3);
}

TEST_F(ReviewServerTest, RefusesAValueAFieldCannotTake) {
  const Session reviewer = SignInAs("reviewer");
  auto response = Post(reviewer, CorrectPath(2), {{"field", "date"}, {"value", "2021-02-30"}});
  EXPECT_EQ(response->status, 400);
  EXPECT_THAT(response->body, HasSubstr("date"));
  EXPECT_TRUE(json::parse(Get(reviewer, ApplicationPath())->body)["trail"].empty());
}

TEST_F(ReviewServerTest, TheExportCarriesTheReviewersFinalDecision) {
  const Session reviewer = SignInAs("reviewer");
  ASSERT_EQ(Post(reviewer, DecidePath(), {{"decision", "deficient"}})->status, 200);
  const json review = exporting::ResultsJson(store::Store::Open(dir_ / "c.db"))["applications"][0]["review"];
  EXPECT_EQ(review, (json{{"state", "decided"}, {"reviewer", "reviewer"}, {"final_decision", "deficient"}}));
}

TEST_F(ReviewServerTest, StaffAssignAnUnassignedPageToAMember) {
  const Session staff = SignInAs("staff");
  auto response = Post(staff, fmt::format("/api/pages/{}/assign", unassigned_page_), {{"member_id", "100001"}});
  ASSERT_EQ(response->status, 200) << response->body;
  EXPECT_EQ(json::parse(response->body)["application_id"], application_);
  EXPECT_TRUE(json::parse(Get(staff, "/api/intake")->body)["unassigned"].empty());
}

TEST_F(ReviewServerTest, ListsTheQueueWithApplicationsNeedingReviewFirst) {
  const Session reviewer = SignInAs("reviewer");
  const json queue = json::parse(Get(reviewer, "/api/queue")->body);
  EXPECT_EQ(queue["counts"]["needs_review"], 1);
  EXPECT_EQ(queue["applications"][0]["decision"], "needs_review");
  EXPECT_EQ(queue["applications"][0]["flags"], json::array({"low_confidence", "out_of_period"}));
}

TEST_F(ReviewServerTest, AuditorsReadAnAuditsReport) {
  {
    // An audit that read the third meeting's date right: the application would be approved.
    store::Store store = store::Store::Open(dir_ / "c.db");
    const store::RunId audit =
        store.BeginRun("audit", {"test", "", "", "", ""}, R"({"since":"","until":"","member":""})");
    const rules::Catalog catalog = rules::LoadCatalog(ModelsDirectory() / "catalog.json");
    for (store::CertificateRecord certificate : store.ListCertificates(application_)) {
      rules::CertificateFacts facts = rules::FactsFromJson(json::parse(certificate.facts_json));
      facts.date_sure = true;
      if (facts.date == "2012-10-02") facts.date = "2021-10-02";
      certificate.run = audit;
      certificate.facts_json = rules::FactsToJson(facts).dump();
      store.AddCertificate(certificate);
    }
    const store::ApplicationRecord application = *store.FindApplication(application_);
    store.AddVerdict(
        review::VerdictRecordOf(rules::Decide(review::FactsOf(store, application, catalog, false, audit), catalog),
                                application_, audit),
        /*make_current=*/false);
    store.FinishRun(audit, "finished");
  }
  const Session auditor = SignInAs("auditor");
  const json audits = json::parse(Get(auditor, "/api/audits")->body)["audits"];
  ASSERT_EQ(audits.size(), 1U);
  const json report = json::parse(Get(auditor, fmt::format("/api/audits/{}", audits[0]["run"].get<int>()))->body);
  EXPECT_EQ(report["summary"]["differ"], 1);
  EXPECT_EQ(report["applications"][0]["stored"]["decision"], "needs_review");
  EXPECT_EQ(report["applications"][0]["audit"]["decision"], "approve");
  EXPECT_EQ(Get(SignInAs("staff"), "/api/audits")->status, 403);
}

TEST_F(ReviewServerTest, ServesTheUiFromTheBinary) {
  auto response = Client().Get("/");
  ASSERT_EQ(response->status, 200);
  EXPECT_THAT(response->body, HasSubstr("certintake"));
  EXPECT_THAT(response->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
}

}  // namespace
}  // namespace certintake::serve
