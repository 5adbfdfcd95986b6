#pragma once

// A review server on an ephemeral port over a real SQLite file holding one application that needs
// review, one unassigned page and a user per role; with a client for each role.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <string>
#include <thread>
#include <vector>

#include "certintake/archive/archive.hpp"
#include "certintake/core/models.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/rules/serialise.hpp"
#include "certintake/serve/accounts.hpp"
#include "certintake/serve/review_server.hpp"
#include "support/temp_dir.hpp"

namespace certintake::serve {

inline constexpr const char* kPassword = "correct horse";

inline rules::CertificateFacts Meeting(const std::string& event_id, const std::string& date) {
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
        Client().Post("/api/login", nlohmann::json{{"name", name}, {"password", kPassword}}.dump(), "application/json");
    EXPECT_EQ(response->status, 200) << response->body;
    const std::string set_cookie = response->get_header_value("Set-Cookie");
    return {set_cookie.substr(0, set_cookie.find(';')), nlohmann::json::parse(response->body)["csrf_token"]};
  }

  httplib::Result Get(const Session& session, const std::string& path) {
    return Client().Get(path, {{"Cookie", session.cookie}});
  }

  httplib::Result Post(const Session& session, const std::string& path, const nlohmann::json& body,
                       bool with_csrf = true) {
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

}  // namespace certintake::serve
