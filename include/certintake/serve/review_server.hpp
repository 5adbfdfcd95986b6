#pragma once

// `certintake serve`: the reviewers' web UI and the JSON API behind it (README: "Review server").
// Everything it serves is in the binary; it reads the database and the archive of originals.

#include <filesystem>
#include <memory>
#include <string>

namespace certintake::serve {

struct ServerOptions {
  std::filesystem::path db;
  std::filesystem::path archive_root;
  std::string host = "127.0.0.1";
  int port = 8080;              ///< 0: any free port
  int session_hours = 12;       ///< a sign-in lasts this long
  bool log_requests = true;     ///< one line per request on stderr
  int max_failed_sign_ins = 5;  ///< per user name within `sign_in_lockout_minutes`; then 429
  int sign_in_lockout_minutes = 15;
  int read_timeout_ms = 5000;  ///< a request not fully received by then is answered 400 or dropped
};

class ReviewServer {
 public:
  /// Opens the database (Error(kDatabase) if it cannot) and the catalog (Error(kUsage)).
  explicit ReviewServer(ServerOptions options);
  ReviewServer(const ReviewServer&) = delete;
  ReviewServer& operator=(const ReviewServer&) = delete;
  ~ReviewServer();

  /// Binds the address; returns the port (the one picked, for port 0). Throws Error(kUsage) when
  /// the address cannot be bound.
  int Bind();
  /// Answers requests until Stop(); call after Bind().
  void Run();
  /// Safe from another thread or a signal-watching thread, even while Run() is still starting.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace certintake::serve
