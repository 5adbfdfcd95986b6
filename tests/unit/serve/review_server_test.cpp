// The review server's JSON API, against a real server on an ephemeral port and a real SQLite
// file: who may do what, the CSRF gate, the images, and what a correction or a decision changes.

#include "certintake/serve/review_server.hpp"

#include <fmt/format.h>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>

#include "certintake/core/error.hpp"
#include "certintake/core/models.hpp"
#include "certintake/export/results_export.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"
#include "certintake/serve/accounts.hpp"
#include "certintake/store/store.hpp"
#include "review_server_fixture.hpp"

namespace certintake::serve {
namespace {

using nlohmann::json;
using ::testing::HasSubstr;
using ::testing::Not;

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

/// Text that would change an SQL statement built by pasting it in.
const std::vector<std::string> kInjections = {"' OR '1'='1", "x'); DROP TABLE reviews; --", "\"; DELETE FROM users; --",
                                              "1 UNION SELECT password_hash FROM users --"};

TEST_F(ReviewServerTest, TakesSqlInTheLoginFieldsAsPlainText) {
  for (const std::string& text : kInjections) {
    EXPECT_EQ(Client().Post("/api/login", json{{"name", text}, {"password", text}}.dump(), "application/json")->status,
              401)
        << text;
    EXPECT_EQ(
        Client().Post("/api/login", json{{"name", "reviewer"}, {"password", text}}.dump(), "application/json")->status,
        401)
        << text;
    EXPECT_EQ(Client().Get("/api/queue", {{"Cookie", "certintake_session=" + text}})->status, 401) << text;
  }
}

TEST_F(ReviewServerTest, RefusesSqlAsAUserNameAndStoresItAsAPasswordVerbatim) {
  const Session admin = SignInAs("admin");
  for (std::size_t i = 0; i < kInjections.size(); ++i) {
    const std::string& text = kInjections[i];
    auto refused = Post(admin, "/api/users", {{"name", text}, {"role", "staff"}, {"password", kPassword}});
    EXPECT_EQ(refused->status, 400) << text;
    EXPECT_THAT(refused->body, HasSubstr("is not a user name")) << text;
    EXPECT_EQ(Post(admin, "/api/users", {{"name", "eve"}, {"role", text}, {"password", kPassword}})->status, 400);
    const std::string name = fmt::format("clerk{}", i);
    ASSERT_EQ(Post(admin, "/api/users", {{"name", name}, {"role", "staff"}, {"password", text}})->status, 201) << text;
    EXPECT_EQ(Client().Post("/api/login", json{{"name", name}, {"password", text}}.dump(), "application/json")->status,
              200)
        << text;
  }
  EXPECT_EQ(json::parse(Get(admin, "/api/users")->body)["users"].size(), 4 + kInjections.size());
}

TEST_F(ReviewServerTest, RefusesSqlInEveryReviewFieldAndChangesNothing) {
  const Session reviewer = SignInAs("reviewer");
  const Session staff = SignInAs("staff");
  const std::string before = Get(reviewer, ApplicationPath())->body;
  for (const std::string& text : kInjections) {
    EXPECT_EQ(Post(reviewer, CorrectPath(2), {{"field", text}, {"value", "2021-10-02"}})->status, 400) << text;
    for (const char* field : {"kind", "event_id", "date", "attendance", "name", "copy"}) {
      EXPECT_EQ(Post(reviewer, CorrectPath(2), {{"field", field}, {"value", text}})->status, 400) << field << text;
    }
    EXPECT_EQ(Post(reviewer, DecidePath(), {{"decision", text}})->status, 400) << text;
    EXPECT_EQ(Post(staff, fmt::format("/api/pages/{}/assign", unassigned_page_), {{"member_id", text}})->status, 400)
        << text;
    EXPECT_EQ(Post(reviewer, DecidePath(), {{"decision", "approve"}}, /*with_csrf=*/false)->status, 403);
  }
  EXPECT_EQ(Get(reviewer, ApplicationPath())->body, before);
}

std::string PercentEncoded(const std::string& text) {
  std::string encoded;
  for (const unsigned char c : text)
    encoded += std::isalnum(c) ? std::string(1, static_cast<char>(c)) : fmt::format("%{:02X}", c);
  return encoded;
}

TEST_F(ReviewServerTest, FiltersTheQueueBySqlTextAsAValueThatMatchesNothing) {
  const Session reviewer = SignInAs("reviewer");
  for (const std::string& text : kInjections) {
    for (const char* filter : {"decision", "flag", "review"}) {
      auto response = Get(reviewer, fmt::format("/api/queue?{}={}", filter, PercentEncoded(text)));
      ASSERT_EQ(response->status, 200) << filter << text;
      EXPECT_TRUE(json::parse(response->body)["applications"].empty()) << filter << " " << text;
    }
    for (const char* filter : {"received_from", "received_to"}) {
      auto response = Get(reviewer, fmt::format("/api/queue?{}={}", filter, PercentEncoded(text)));
      EXPECT_EQ(response->status, 400) << filter << text;
      EXPECT_THAT(response->body, HasSubstr("is not a date")) << filter << text;
    }
  }
  EXPECT_EQ(store::Store::Open(dir_ / "c.db").IntegrityCheck(), "ok");
}

TEST_F(ReviewServerTest, RefusesAFilterThatIsNotUtf8With400QuotingItReadably) {
  // Found by the HTTP fuzz target: the error message quoted the raw bytes and could not be sent.
  auto response = Get(SignInAs("reviewer"), "/api/queue?received_to=2025-%BF31");
  EXPECT_EQ(response->status, 400);
  EXPECT_EQ(json::parse(response->body)["error"], "received_to: '2025-\uFFFD31' is not a date (YYYY-MM-DD)");
}

TEST_F(ReviewServerTest, RefusesToListenOnAPortAnotherServerHolds) {
  ReviewServer second(ServerOptions{.db = dir_ / "c.db",
                                    .archive_root = dir_ / "archive",
                                    .host = "127.0.0.1",
                                    .port = port_,
                                    .session_hours = 1,
                                    .log_requests = false});
  EXPECT_THROW(second.Bind(), Error);
}

TEST_F(ReviewServerTest, ServesTheUiFromTheBinary) {
  auto response = Client().Get("/");
  ASSERT_EQ(response->status, 200);
  EXPECT_THAT(response->body, HasSubstr("certintake"));
  EXPECT_THAT(response->get_header_value("Content-Security-Policy"), HasSubstr("default-src 'self'"));
}

TEST_F(ReviewServerTest, SendsSecurityHeadersWithEveryAnswerErrorsIncluded) {
  for (const std::string path : {"/", "/app.js", "/api/queue", "/no-such-page"}) {
    auto response = Client().Get(path);
    ASSERT_TRUE(response) << path;
    const std::string policy = response->get_header_value("Content-Security-Policy");
    EXPECT_THAT(policy, HasSubstr("default-src 'self'")) << path;
    EXPECT_THAT(policy, Not(HasSubstr("unsafe-inline"))) << path;
    EXPECT_EQ(response->get_header_value("X-Content-Type-Options"), "nosniff") << path;
    EXPECT_EQ(response->get_header_value("X-Frame-Options"), "DENY") << path;
  }
}

TEST_F(ReviewServerTest, RefusesASessionThatHasExpiredWith401) {
  store::Store store = store::Store::Open(dir_ / "c.db");
  const std::optional<NewSession> expired = SignIn(store, "reviewer", kPassword, /*hours=*/0);
  ASSERT_TRUE(expired);
  EXPECT_EQ(Client().Get("/api/queue", {{"Cookie", "certintake_session=" + expired->token}})->status, 401);
}

}  // namespace
}  // namespace certintake::serve
