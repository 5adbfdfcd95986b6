#pragma once

// A review server on an ephemeral port over a real SQLite file holding one application that needs
// review, one unassigned page and a user per role; with a client for each role.

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <httplib.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "certintake/serve/review_server.hpp"
#include "support/review_database.hpp"
#include "support/temp_dir.hpp"

namespace certintake::serve {

inline constexpr const char* kPassword = testing::kReviewPassword;

/// A database holding one application of member 100001 whose third society meeting has a date
/// the reading was unsure of (so it needs review), one unassigned page, and a user per role.
class ReviewServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const testing::ReviewDatabase made = testing::MakeReviewDatabase(dir_.path());
    application_ = made.application;
    page_id_ = made.page;
    unassigned_page_ = made.unassigned_page;
    certificate_ids_ = made.certificates;

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
