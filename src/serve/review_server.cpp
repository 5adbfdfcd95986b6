#include "certintake/serve/review_server.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <functional>
#include <initializer_list>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "certintake/audit/audit_report.hpp"
#include "certintake/core/date.hpp"
#include "certintake/core/error.hpp"
#include "certintake/core/member_id.hpp"
#include "certintake/core/models.hpp"
#include "certintake/notice/deficiency_notice.hpp"
#include "certintake/review/review.hpp"
#include "certintake/rules/rule_engine.hpp"
#include "certintake/serve/accounts.hpp"
#include "page_images.hpp"
#include "ui_assets.hpp"
#include "views.hpp"

namespace certintake::serve {
namespace {

using nlohmann::json;

constexpr const char* kSessionCookie = "certintake_session";
constexpr int kCertificateImageSide = 1600;
constexpr int kPageImageSide = 2000;

/// A refusal with its HTTP status and the one line shown to the user.
struct Refusal {
  int status;
  std::string message;
};

std::string CookieValue(const httplib::Request& request, const std::string& name) {
  const std::string header = request.get_header_value("Cookie");
  std::size_t at = 0;
  while (at < header.size()) {
    std::size_t end = header.find(';', at);
    if (end == std::string::npos) end = header.size();
    std::string_view pair(header.data() + at, end - at);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    if (pair.starts_with(name + "=")) return std::string(pair.substr(name.size() + 1));
    at = end + 1;
  }
  return {};
}

void SendJson(httplib::Response& response, const json& body, int status = 200) {
  response.status = status;
  response.set_header("Cache-Control", "no-store");
  // Error messages quote what the client sent, which need not be UTF-8: such bytes become U+FFFD
  // rather than an exception that would turn a 400 into a 500.
  response.set_content(body.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

json BodyOf(const httplib::Request& request) {
  json body = json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) throw InputError("the request body is not a JSON object");
  return body;
}

std::string TextField(const json& body, const char* key) {
  if (!body.contains(key) || !body.at(key).is_string()) throw InputError(fmt::format("'{}' is missing", key));
  return body.at(key).get<std::string>();
}

std::optional<std::string> Param(const httplib::Request& request, const char* key) {
  if (!request.has_param(key) || request.get_param_value(key).empty()) return std::nullopt;
  return request.get_param_value(key);
}

/// A date parameter (YYYY-MM-DD); 400 for anything else.
std::optional<std::string> DateParam(const httplib::Request& request, const char* key) {
  std::optional<std::string> value = Param(request, key);
  if (value && !ParseIsoDate(*value)) throw InputError(fmt::format("{}: '{}' is not a date (YYYY-MM-DD)", key, *value));
  return value;
}

/// One entry of the review trail.
store::ReviewRecord Action(const Caller& caller, store::ApplicationId application,
                           std::optional<store::CertificateId> certificate, const char* action,
                           const std::string& field, const json& before, const json& after) {
  store::ReviewRecord record;
  record.application_id = application;
  record.certificate_id = certificate;
  record.user_id = caller.id;
  record.action = action;
  record.field = field;
  record.before_json = before.dump();
  record.after_json = after.dump();
  return record;
}

std::int64_t IdOf(const httplib::Request& request) {
  try {
    return std::stoll(request.matches[1].str());
  } catch (const std::out_of_range&) {
    throw NotFound(fmt::format("{} does not exist", request.path));
  }
}

}  // namespace

struct ReviewServer::Impl {
  explicit Impl(ServerOptions server_options)
      : options(std::move(server_options)),
        store(store::Store::Open(options.db)),
        catalog(rules::LoadCatalog(ModelsDirectory() / "catalog.json")),
        images(options.archive_root) {}

  using Handler = std::function<void(const Caller&, const httplib::Request&, httplib::Response&)>;

  /// Runs a handler, turning what it throws into a status and a one-line JSON error.
  static void Answer(httplib::Response& response, const std::function<void()>& handler) {
    try {
      handler();
    } catch (const Refusal& refusal) {
      SendJson(response, {{"error", refusal.message}}, refusal.status);
    } catch (const NotFound& missing) {
      SendJson(response, {{"error", missing.what()}}, 404);
    } catch (const Error& error) {
      SendJson(response, {{"error", error.what()}}, error.kind() == ErrorKind::kInput ? 400 : 500);
    } catch (const std::exception& error) {
      SendJson(response, {{"error", fmt::format("internal error: {}", error.what())}}, 500);
    }
  }

  void Route(const char* method, const std::string& pattern, std::initializer_list<Role> roles, Handler handler) {
    auto route = [this, roles = std::vector<Role>(roles), handler = std::move(handler)](const httplib::Request& request,
                                                                                        httplib::Response& response) {
      Answer(response, [&] { handler(Admit(request, roles), request, response); });
    };
    if (std::string_view(method) == "GET") {
      server.Get(pattern, route);
    } else {
      server.Post(pattern, route);
    }
  }

  /// Who is calling: 401 without a valid session; 403 for a state change without the session's
  /// CSRF token, or for a role not in `roles`.
  Caller Admit(const httplib::Request& request, const std::vector<Role>& roles) {
    std::optional<Caller> caller;
    {
      const std::lock_guard lock(mutex);
      caller = CallerOf(store, CookieValue(request, kSessionCookie));
    }
    if (!caller) throw Refusal{401, "ログインしてください (sign in first)"};
    if (request.method != "GET" && !IsCsrfToken(*caller, request.get_header_value("X-CSRF-Token"))) {
      throw Refusal{403, "CSRF トークンがありません (missing or wrong CSRF token)"};
    }
    if (std::find(roles.begin(), roles.end(), caller->role) == roles.end()) {
      throw Refusal{
          403, fmt::format("この操作は {} の権限ではできません (not allowed for your role)", RoleName(caller->role))};
    }
    return *caller;
  }

  /// Failed sign-ins per user name: after `max_failed_sign_ins` within the lockout time, that
  /// name is refused (429) until the time has passed since the first of them. Call under `mutex`.
  void RefuseWhileLockedOut(const std::string& name) {
    const auto found = failed_sign_ins.find(name);
    if (found == failed_sign_ins.end()) return;
    const auto lockout = std::chrono::minutes(options.sign_in_lockout_minutes);
    if (std::chrono::steady_clock::now() - found->second.first >= lockout) {
      failed_sign_ins.erase(found);
    } else if (found->second.count >= options.max_failed_sign_ins) {
      throw Refusal{429, fmt::format("ログインの失敗が続いたため {} 分間ログインできません (too many failed sign-ins; "
                                     "wait {} minutes)",
                                     options.sign_in_lockout_minutes, options.sign_in_lockout_minutes)};
    }
  }

  void CountSignIn(const std::string& name, bool succeeded) {
    if (succeeded) {
      failed_sign_ins.erase(name);
      return;
    }
    auto [entry, added] = failed_sign_ins.try_emplace(name, FailedSignIns{std::chrono::steady_clock::now(), 0});
    ++entry->second.count;
  }

  nlohmann::ordered_json AuditReportOf(store::RunId run) const {
    const std::optional<store::RunRecord> found = store.FindRun(run);
    if (!found || found->kind != "audit") throw NotFound(fmt::format("audit {} does not exist", run));
    return audit::AuditReport(store, run);
  }

  json ApplicationJson(store::ApplicationId id) { return ApplicationView(store, catalog, Review(store, catalog, id)); }

  /// Records a reviewer's action on a certificate and answers with the recomputed application.
  void ChangeCertificate(const Caller& caller, const httplib::Request& request, httplib::Response& response,
                         bool correcting) {
    const json body = BodyOf(request);
    const std::string field = TextField(body, "field");
    const std::lock_guard lock(mutex);
    const std::optional<store::CertificateRecord> certificate = store.FindCertificate(IdOf(request));
    if (!certificate || !certificate->application_id)
      throw NotFound(fmt::format("certificate {} does not exist", IdOf(request)));
    const ReviewedApplication reviewed = Review(store, catalog, *certificate->application_id);
    const auto found = std::find_if(reviewed.certificates.begin(), reviewed.certificates.end(),
                                    [&](const store::CertificateRecord& c) { return c.id == certificate->id; });
    if (found == reviewed.certificates.end()) {
      throw NotFound(fmt::format("certificate {} is not one reviewers decide on (an audit's)", certificate->id));
    }
    rules::CertificateFacts facts =
        reviewed.facts.certificates[static_cast<std::size_t>(found - reviewed.certificates.begin())];
    const json before = review::FieldValue(facts, field);
    const json after = correcting ? (body.contains("value") ? body.at("value") : json(nullptr)) : before;
    if (!correcting && before.is_null() && field != "event_id" && field != "date") {
      throw InputError(fmt::format("{}: nothing was read to confirm; choose a value", field));
    }
    review::Correct(facts, field, after, catalog);  // validates the value before it is stored
    store.AddReview(Action(caller, *certificate->application_id, certificate->id,
                           correcting ? "correct_field" : "confirm_field", field, before, after));
    SendJson(response, ApplicationJson(*certificate->application_id));
  }

  void AddRoutes() {
    const auto all = {Role::kStaff, Role::kReviewer, Role::kAuditor, Role::kAdmin};

    server.Post("/api/login", [this](const httplib::Request& request, httplib::Response& response) {
      Answer(response, [&] {
        const json body = BodyOf(request);
        const std::string name = TextField(body, "name");
        std::optional<NewSession> session;
        {
          const std::lock_guard lock(mutex);
          RefuseWhileLockedOut(name);
          session = SignIn(store, name, TextField(body, "password"), options.session_hours);
          CountSignIn(name, session.has_value());
        }
        if (!session) throw Refusal{401, "名前またはパスワードが違います (wrong name or password)"};
        response.set_header("Set-Cookie", fmt::format("{}={}; HttpOnly; SameSite=Strict; Path=/; Max-Age={}",
                                                      kSessionCookie, session->token, options.session_hours * 3600));
        SendJson(response, {{"name", session->caller.name},
                            {"role", RoleName(session->caller.role)},
                            {"csrf_token", session->caller.csrf_token}});
      });
    });
    Route("POST", "/api/logout", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            SignOut(store, CookieValue(request, kSessionCookie));
            response.set_header("Set-Cookie",
                                fmt::format("{}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0", kSessionCookie));
            SendJson(response, {{"signed_out", true}});
          });
    Route("GET", "/api/session", all, [](const Caller& caller, const httplib::Request&, httplib::Response& response) {
      SendJson(response, {{"name", caller.name}, {"role", RoleName(caller.role)}, {"csrf_token", caller.csrf_token}});
    });

    Route("GET", "/api/queue", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const QueueFilter filter{.decision = Param(request, "decision"),
                                     .flag = Param(request, "flag"),
                                     .review = Param(request, "review"),
                                     .received_from = DateParam(request, "received_from"),
                                     .received_to = DateParam(request, "received_to")};
            const std::lock_guard lock(mutex);
            SendJson(response, QueueView(store, catalog, filter));
          });
    Route("GET", R"(/api/applications/(\d+))", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            SendJson(response, ApplicationJson(IdOf(request)));
          });
    Route("POST", R"(/api/certificates/(\d+)/correct)", {Role::kReviewer},
          [this](const Caller& caller, const httplib::Request& request, httplib::Response& response) {
            ChangeCertificate(caller, request, response, /*correcting=*/true);
          });
    Route("POST", R"(/api/certificates/(\d+)/confirm)", {Role::kReviewer},
          [this](const Caller& caller, const httplib::Request& request, httplib::Response& response) {
            ChangeCertificate(caller, request, response, /*correcting=*/false);
          });
    Route("POST", R"(/api/applications/(\d+)/decide)", {Role::kReviewer},
          [this](const Caller& caller, const httplib::Request& request, httplib::Response& response) {
            const std::string decision = TextField(BodyOf(request), "decision");
            if (decision != "approve" && decision != "deficient") {
              throw InputError(fmt::format("decision: '{}' is not approve or deficient", decision));
            }
            const std::lock_guard lock(mutex);
            const ReviewedApplication reviewed = Review(store, catalog, IdOf(request));
            const review::ReviewState state = review::StateOf(reviewed.trail);
            const std::string before = state.final_decision
                                           ? *state.final_decision
                                           : std::string(rules::DecisionCode(reviewed.verdict.decision));
            store.AddReview(
                Action(caller, reviewed.application.id, std::nullopt, "decide", "decision", before, decision));
            SendJson(response, ApplicationJson(reviewed.application.id));
          });
    Route("GET", R"(/api/applications/(\d+)/notice)", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            const ReviewedApplication reviewed = Review(store, catalog, IdOf(request));
            const auto notice = notice::NoticeFor(
                store, reviewed.application, review::VerdictRecordOf(reviewed.verdict, reviewed.application.id, 0));
            if (!notice) throw NotFound("this application is not deficient: there is no notice to print");
            response.set_content(notice::NoticeHtml(*notice, FormatIsoDate(LocalToday())), "text/html; charset=utf-8");
          });
    Route("GET", R"(/api/certificates/(\d+)/image)", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            std::optional<store::CertificateRecord> certificate;
            std::optional<store::PageRecord> page;
            {
              const std::lock_guard lock(mutex);
              certificate = store.FindCertificate(IdOf(request));
              if (certificate) page = store.FindPage(certificate->page_id);
            }
            if (!certificate || !page) throw NotFound(fmt::format("certificate {} does not exist", IdOf(request)));
            response.set_header("Cache-Control", "private, max-age=3600");
            response.set_content(images.CertificateJpeg(*page, certificate->bbox, kCertificateImageSide), "image/jpeg");
          });
    Route("GET", R"(/api/pages/(\d+)/image)", all,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            std::optional<store::PageRecord> page;
            {
              const std::lock_guard lock(mutex);
              page = store.FindPage(IdOf(request));
            }
            if (!page) throw NotFound(fmt::format("page {} does not exist", IdOf(request)));
            response.set_header("Cache-Control", "private, max-age=3600");
            response.set_content(images.PageJpeg(*page, kPageImageSide), "image/jpeg");
          });
    Route("GET", "/api/catalog", all, [this](const Caller&, const httplib::Request&, httplib::Response& response) {
      SendJson(response, CatalogView(catalog));
    });

    Route("GET", "/api/intake", {Role::kStaff, Role::kAdmin, Role::kAuditor, Role::kReviewer},
          [this](const Caller&, const httplib::Request&, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            SendJson(response, IntakeView(store));
          });
    Route("POST", R"(/api/pages/(\d+)/assign)", {Role::kStaff, Role::kAdmin},
          [this](const Caller& caller, const httplib::Request& request, httplib::Response& response) {
            const std::string member_id = TextField(BodyOf(request), "member_id");
            if (!IsValidMemberId(member_id)) throw InputError(fmt::format("'{}' is not a member id", member_id));
            const std::lock_guard lock(mutex);
            const std::optional<store::PageRecord> page = store.FindPage(IdOf(request));
            if (!page) throw NotFound(fmt::format("page {} does not exist", IdOf(request)));
            store::Store::Transaction transaction(store);
            const store::ApplicationId application = store.AssignPage(page->id, member_id);
            store.AddReview(
                Action(caller, application, std::nullopt, "assign_page", "page",
                       page->application_id ? json(*page->application_id) : json(nullptr),
                       {{"page", fmt::format("{} p.{}", page->file_name, page->index)}, {"member_id", member_id}}));
            transaction.Commit();
            SendJson(response, {{"application_id", application}});
          });

    const auto readers = {Role::kAuditor, Role::kAdmin, Role::kReviewer};
    Route("GET", "/api/audits", readers, [this](const Caller&, const httplib::Request&, httplib::Response& response) {
      json audits = json::array();
      const std::lock_guard lock(mutex);
      for (const store::RunRecord& run : store.ListRuns(1000)) {
        if (run.kind != "audit") continue;
        audits.push_back({{"run", run.id},
                          {"status", run.status},
                          {"started_at", run.started_at},
                          {"finished_at", run.finished_at ? json(*run.finished_at) : json(nullptr)},
                          {"files", run.files},
                          {"filter", json::parse(run.filter_json.empty() ? "{}" : run.filter_json)},
                          {"catalog", run.versions.catalog},
                          {"pipeline", run.versions.pipeline}});
      }
      SendJson(response, {{"audits", std::move(audits)}});
    });
    Route("GET", R"(/api/audits/(\d+))", readers,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            SendJson(response, AuditReportOf(IdOf(request)));
          });
    Route("GET", R"(/api/audits/(\d+)/report.html)", readers,
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const std::lock_guard lock(mutex);
            response.set_content(audit::AuditReportHtml(AuditReportOf(IdOf(request))), "text/html; charset=utf-8");
          });

    Route("GET", "/api/users", {Role::kAdmin},
          [this](const Caller&, const httplib::Request&, httplib::Response& response) {
            json users = json::array();
            const std::lock_guard lock(mutex);
            for (const store::UserRecord& user : store.ListUsers()) {
              users.push_back({{"name", user.name}, {"role", user.role}, {"created_at", user.created_at}});
            }
            SendJson(response, {{"users", std::move(users)}});
          });
    Route("POST", "/api/users", {Role::kAdmin},
          [this](const Caller&, const httplib::Request& request, httplib::Response& response) {
            const json body = BodyOf(request);
            const std::string role_name = TextField(body, "role");
            const std::optional<Role> role = RoleFromName(role_name);
            if (!role) throw InputError(fmt::format("role: '{}' is not staff, reviewer, auditor or admin", role_name));
            const std::lock_guard lock(mutex);
            AddUser(store, TextField(body, "name"), *role, TextField(body, "password"));
            SendJson(response, {{"name", TextField(body, "name")}, {"role", role_name}}, 201);
          });

    for (const UiAsset& asset : UiAssets()) {
      server.Get(std::string(asset.path), [&asset](const httplib::Request&, httplib::Response& response) {
        response.set_content(std::string(asset.content), std::string(asset.content_type));
      });
    }
  }

  struct FailedSignIns {
    std::chrono::steady_clock::time_point first;
    int count = 0;
  };

  ServerOptions options;
  std::map<std::string, FailedSignIns> failed_sign_ins;  ///< guarded by `mutex`
  std::mutex mutex;  ///< one request at a time touches the store (SQLite handles are not shared)
  store::Store store;
  rules::Catalog catalog;
  PageImages images;
  httplib::Server server;
  // httplib stops only a loop that is running; a Stop() that comes while Run() is still starting
  // it would be lost, and Run() would never return. These flags close that gap (see Stop()).
  std::atomic<bool> stop_requested{false};
  std::atomic<bool> run_entered{false};
  std::atomic<bool> run_returned{false};
  int listening_socket = -1;  ///< set while binding
};

ReviewServer::ReviewServer(ServerOptions options) : impl_(std::make_unique<Impl>(std::move(options))) {
  httplib::Server& server = impl_->server;
  server.set_payload_max_length(1 << 20);
  // httplib's default sets SO_REUSEPORT, which lets a second server bind the same port and take
  // half the requests; SO_REUSEADDR alone refuses it and still allows a quick restart.
  server.set_socket_options([this](int socket) {
    const int yes = 1;
    setsockopt(socket, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
    impl_->listening_socket = socket;
  });
  // A client that stops sending mid-request holds a worker thread this long at most.
  server.set_read_timeout(std::chrono::milliseconds(impl_->options.read_timeout_ms));
  server.set_default_headers({{"X-Content-Type-Options", "nosniff"},
                              {"X-Frame-Options", "DENY"},
                              {"Referrer-Policy", "no-referrer"},
                              {"Content-Security-Policy",
                               "default-src 'self'; img-src 'self' blob:; style-src 'self'; script-src 'self'; "
                               "frame-ancestors 'none'"}});
  if (impl_->options.log_requests) {
    server.set_logger([](const httplib::Request& request, const httplib::Response& response) {
      fmt::print(stderr, "serve: {} {} {}\n", request.method, request.path, response.status);
    });
  }
  impl_->AddRoutes();
}

ReviewServer::~ReviewServer() = default;

int ReviewServer::Bind() {
  const ServerOptions& options = impl_->options;
  const int port = options.port == 0 ? impl_->server.bind_to_any_port(options.host)
                                     : (impl_->server.bind_to_port(options.host, options.port) ? options.port : -1);
  if (port < 0) {
    throw UsageError(
        fmt::format("cannot listen on {}:{} (in use, or not an address of this machine)", options.host, options.port));
  }
  // httplib listens with a backlog of 5: a burst of connections (a room of reviewers opening the
  // queue at once) overflows it, and the kernel drops their SYNs for a 1 s, 3 s, 7 s... retry.
  // Listening again on the same socket only raises the backlog.
  ::listen(impl_->listening_socket, SOMAXCONN);
  return port;
}

void ReviewServer::Run() {
  impl_->run_entered = true;
  if (!impl_->stop_requested) impl_->server.listen_after_bind();
  impl_->run_returned = true;
}

void ReviewServer::Stop() {
  impl_->stop_requested = true;
  // Run() has seen the request and will not listen, or it has entered: then wait until its loop
  // runs (or it has returned) so that stopping the loop is not lost.
  if (impl_->run_entered) {
    while (!impl_->server.is_running() && !impl_->run_returned) std::this_thread::yield();
  }
  impl_->server.stop();
}

}  // namespace certintake::serve
