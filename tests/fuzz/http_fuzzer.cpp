// Raw HTTP requests to the review server, over a real loopback connection to a real server and
// SQLite file: the request handlers, httplib's parsing in front of them, the sign-in gate, CSRF,
// the JSON bodies and the image routes. The first byte picks who sends the request (nobody, or a
// signed-in staff member, reviewer, auditor or admin: their session cookie and CSRF token are
// added to the headers); the rest is the request as written on the wire. Every request must get
// a well-formed HTTP answer, never a 5xx, within the time limit; a crash or a sanitizer report in
// any server thread is a finding.

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sodium.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <system_error>
#include <thread>

#include "certintake/serve/accounts.hpp"
#include "certintake/serve/review_server.hpp"
#include "certintake/store/store.hpp"
#include "fuzz_check.hpp"
#include "support/review_database.hpp"

namespace {

namespace fs = std::filesystem;
using certintake::fuzz::Check;

/// The fixture's users' argon2id hashes remade at libsodium's minimum cost (8 KiB, 1 pass), so
/// that a fuzzed sign-in costs microseconds rather than 64 MiB and a tenth of a second.
void UseCheapPasswordHashes(const fs::path& db) {
  Check(sodium_init() >= 0, "libsodium starts");
  std::array<char, crypto_pwhash_STRBYTES> hash{};
  const std::string password = certintake::testing::kReviewPassword;
  Check(crypto_pwhash_str_alg(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_MIN,
                              crypto_pwhash_MEMLIMIT_MIN, crypto_pwhash_ALG_ARGON2ID13) == 0,
        "a password hash");
  sqlite3* connection = nullptr;
  Check(sqlite3_open(db.c_str(), &connection) == SQLITE_OK, "the database opens");
  sqlite3_stmt* update = nullptr;
  sqlite3_prepare_v2(connection, "UPDATE users SET password_hash = ?", -1, &update, nullptr);
  sqlite3_bind_text(update, 1, hash.data(), -1, SQLITE_TRANSIENT);
  Check(sqlite3_step(update) == SQLITE_DONE, "the users' hashes are replaced");
  sqlite3_finalize(update);
  sqlite3_close(connection);
}

constexpr std::array<const char*, 4> kRoles = {"staff", "reviewer", "auditor", "admin"};

/// The server, on a new review database in a temporary folder, and a session per role.
struct Server {
  fs::path dir;
  std::optional<certintake::store::Store> store;  ///< the fuzzer's own connection, for sessions
  std::unique_ptr<certintake::serve::ReviewServer> server;
  std::thread thread;
  int port = 0;
  std::array<std::string, 4> tokens;
  std::array<std::string, 4> headers;  ///< cookie and CSRF header lines, per role

  /// Signs `role` in again when a fuzzed request signed it out (or it never was).
  void KeepSignedIn(std::size_t role) {
    if (!tokens[role].empty() && certintake::serve::CallerOf(*store, tokens[role])) return;
    // A session that outlives any fuzzing run.
    const auto session =
        certintake::serve::SignIn(*store, kRoles[role], certintake::testing::kReviewPassword, 24 * 365);
    Check(session.has_value(), "the fixture's users sign in");
    tokens[role] = session->token;
    headers[role] =
        "Cookie: certintake_session=" + session->token + "\r\nX-CSRF-Token: " + session->caller.csrf_token + "\r\n";
  }

  Server() {
    char pattern[] = "/tmp/certintake-http-fuzz-XXXXXX";
    Check(::mkdtemp(pattern) != nullptr, "a temporary folder for the database");
    dir = pattern;
    certintake::testing::MakeReviewDatabase(dir);
    UseCheapPasswordHashes(dir / "c.db");
    store.emplace(certintake::store::Store::Open(dir / "c.db"));
    for (std::size_t role = 0; role < kRoles.size(); ++role) KeepSignedIn(role);
    server = std::make_unique<certintake::serve::ReviewServer>(
        certintake::serve::ServerOptions{.db = dir / "c.db",
                                         .archive_root = dir / "archive",
                                         .host = "127.0.0.1",
                                         .port = 0,
                                         .session_hours = 1,
                                         .log_requests = false,
                                         .read_timeout_ms = 100});
    port = server->Bind();
    thread = std::thread([this] { server->Run(); });
  }

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  ~Server() {
    server->Stop();
    thread.join();
    server.reset();
    store.reset();
    std::error_code ignored;
    fs::remove_all(dir, ignored);
  }
};

/// Every fuzzed review decision is kept in the application's trail, and answers carry the whole
/// trail: a database that lived through a long run would make each input slower than the last. So
/// a fresh server and database take over every kInputsPerServer inputs.
constexpr std::size_t kInputsPerServer = 2000;

std::unique_ptr<Server> server;

void StopServer() {
  server.reset();
}

/// The request with its framing made exact: the fuzzed request line, headers and body, with
/// `credentials` added and Content-Length, Transfer-Encoding and Connection replaced, so that the
/// server reads exactly the request, answers and closes (a request cut short would otherwise hold
/// the connection open until the server's read timeout).
std::string Framed(const std::string& raw, const std::string& credentials) {
  const std::size_t head_end = raw.find("\r\n\r\n");
  const std::string head = raw.substr(0, head_end);
  const std::string body = head_end == std::string::npos ? std::string() : raw.substr(head_end + 4);
  std::string framed;
  for (std::size_t start = 0; start <= head.size();) {
    std::size_t end = head.find("\r\n", start);
    if (end == std::string::npos) end = head.size();
    std::string line = head.substr(start, end - start);
    std::string lower = line;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!lower.starts_with("content-length:") && !lower.starts_with("transfer-encoding:") &&
        !lower.starts_with("connection:")) {
      framed += line + "\r\n";
    }
    start = end + 2;
  }
  return framed + credentials + "Connection: close\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" +
         body;
}

/// The length of the answer `received` so far will have once complete: its head plus the
/// Content-Length it announces; npos while the head is incomplete or announces no length.
std::size_t AnswerLength(const std::string& received) {
  const std::size_t head_end = received.find("\r\n\r\n");
  if (head_end == std::string::npos) return std::string::npos;
  std::string head = received.substr(0, head_end);
  for (char& c : head) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::size_t field = head.find("\r\ncontent-length:");
  if (field == std::string::npos) return std::string::npos;
  return head_end + 4 + std::strtoull(head.c_str() + field + 17, nullptr, 10);
}

/// A connection to the server. A long run opens hundreds of loopback connections a second, and one
/// was refused once in 136,000 inputs (with two fuzzing processes and some 12,800 sockets in
/// TIME_WAIT, most likely an address pair not yet free), so a refused connection is tried again
/// before it counts.
int Connect(int port) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (int attempt = 1;; ++attempt) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    Check(fd >= 0, "a socket");
    if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0) return fd;
    const int error = errno;
    ::close(fd);
    if (attempt == 5) {
      std::fprintf(stderr, "connect: %s\n", std::strerror(error));
      Check(false, "the server accepts");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(10 * attempt));
  }
}

/// Sends `request` and reads one whole answer (httplib keeps a connection open after some
/// errors, waiting for a next request, so the answer's own length says when it is complete).
std::string Exchange(int port, const std::string& request) {
  const int fd = Connect(port);
  timeval timeout{.tv_sec = 10, .tv_usec = 0};
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  for (std::size_t sent = 0; sent < request.size();) {
    const ssize_t n = ::send(fd, request.data() + sent, request.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) break;  // the server may answer (400, 413) and close before reading everything
    sent += static_cast<std::size_t>(n);
  }
  std::string answer;
  std::array<char, 65536> buffer{};
  while (answer.size() < AnswerLength(answer)) {
    const ssize_t n = ::recv(fd, buffer.data(), buffer.size(), 0);
    if (n < 0) Check(errno != EAGAIN && errno != EWOULDBLOCK, "the server answers within 10 s");
    if (n <= 0) break;
    answer.append(buffer.data(), static_cast<std::size_t>(n));
  }
  ::close(fd);
  return answer;
}

}  // namespace

// The first server starts before the first input, so that its set-up never counts against an
// input's time limit.
extern "C" int LLVMFuzzerInitialize(int* /*argc*/, char*** /*argv*/) {
  server = std::make_unique<Server>();
  std::atexit(StopServer);
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::size_t inputs = 0;
  if (++inputs % kInputsPerServer == 0) {
    server.reset();
    server = std::make_unique<Server>();
  }
  if (size == 0) return 0;
  const std::size_t who = data[0] % 5;  // 0: nobody signed in
  if (who > 0) server->KeepSignedIn(who - 1);
  const std::string request = Framed(std::string(reinterpret_cast<const char*>(data + 1), size - 1),
                                     who > 0 ? server->headers[who - 1] : std::string());

  const std::string answer = Exchange(server->port, request);
  // CERTINTAKE_FUZZ_VERBOSE=1 shows each answer's status line and the start of its body.
  static const bool verbose = std::getenv("CERTINTAKE_FUZZ_VERBOSE") != nullptr;
  if (verbose) {
    const std::size_t body = std::min(answer.find("\r\n\r\n"), answer.size());
    std::fprintf(stderr, "%s %s\n", answer.substr(0, answer.find('\r')).c_str(), answer.substr(body, 200).c_str());
  }
  if (answer.empty()) return 0;  // httplib closes without a word on a request line it cannot parse
  Check(answer.starts_with("HTTP/1.1 "), "an answer is HTTP");
  Check(answer.size() >= 12 && answer[9] != '5', "no request makes the server fail (5xx)");
  return 0;
}
