// A thousand requests at once against the review server on loopback, as a season's worth of
// reviewers opening the queue at nine: none fails and every one is answered within a second.

#include <arpa/inet.h>
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <string>
#include <vector>

#include "review_server_fixture.hpp"

namespace certintake::serve {
namespace {

using Clock = std::chrono::steady_clock;

/// One request on its own connection, from connect() until the server closes it.
struct Exchange {
  int socket = -1;
  std::string request;
  std::size_t sent = 0;
  std::string response;
  Clock::time_point started;
  Clock::time_point finished;
  bool done = false;
};

/// Lets this process hold `needed` sockets (each connection takes one on either side).
void AllowOpenFiles(rlim_t needed) {
  rlimit limit{};
  ASSERT_EQ(getrlimit(RLIMIT_NOFILE, &limit), 0);
  if (limit.rlim_cur < needed) {
    limit.rlim_cur = std::min(needed, limit.rlim_max);
    ASSERT_EQ(setrlimit(RLIMIT_NOFILE, &limit), 0);
  }
  ASSERT_GE(limit.rlim_cur, needed) << "raise the open-file limit (ulimit -n) to " << needed;
}

/// Opens every connection at once and drives them with poll() until each is answered and closed,
/// or nothing happens for 10 s. Connections still open then stay not done.
void SendAllAtOnce(int port, std::vector<Exchange>& exchanges) {
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<std::uint16_t>(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  for (Exchange& exchange : exchanges) {
    exchange.socket = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
    ASSERT_GE(exchange.socket, 0) << std::strerror(errno);
    exchange.started = Clock::now();
    const int connected = connect(exchange.socket, reinterpret_cast<const sockaddr*>(&address), sizeof address);
    ASSERT_TRUE(connected == 0 || errno == EINPROGRESS) << std::strerror(errno);
  }
  for (;;) {
    std::vector<pollfd> waiting;
    std::vector<Exchange*> owners;
    for (Exchange& exchange : exchanges) {
      if (exchange.done) continue;
      const short events = exchange.sent < exchange.request.size() ? POLLOUT : POLLIN;
      waiting.push_back({exchange.socket, events, 0});
      owners.push_back(&exchange);
    }
    if (waiting.empty()) return;
    if (poll(waiting.data(), waiting.size(), 10'000) <= 0) return;
    for (std::size_t i = 0; i < waiting.size(); ++i) {
      Exchange& exchange = *owners[i];
      if (waiting[i].revents == 0) continue;
      if (exchange.sent < exchange.request.size()) {
        const ssize_t sent = send(exchange.socket, exchange.request.data() + exchange.sent,
                                  exchange.request.size() - exchange.sent, MSG_NOSIGNAL);
        if (sent > 0) exchange.sent += static_cast<std::size_t>(sent);
        if (sent < 0 && errno != EAGAIN) exchange.done = true;
        continue;
      }
      char buffer[65536];
      const ssize_t received = recv(exchange.socket, buffer, sizeof buffer, 0);
      if (received > 0) {
        exchange.response.append(buffer, static_cast<std::size_t>(received));
      } else if (received == 0 || errno != EAGAIN) {
        exchange.finished = Clock::now();
        exchange.done = true;
      }
    }
  }
}

TEST_F(ReviewServerTest, AnswersAThousandRequestsAtOnceEachWithinASecond) {
  constexpr std::size_t kRequests = 1000;
  AllowOpenFiles(2 * kRequests + 256);
  const Session reviewer = SignInAs("reviewer");
  const std::vector<std::string> paths = {
      "/",          "/app.js",         "/api/session",
      "/api/queue", ApplicationPath(), fmt::format("/api/certificates/{}/image", certificate_ids_[0])};
  std::vector<Exchange> exchanges(kRequests);
  for (std::size_t i = 0; i < kRequests; ++i) {
    exchanges[i].request = fmt::format("GET {} HTTP/1.1\r\nHost: 127.0.0.1\r\nCookie: {}\r\nConnection: close\r\n\r\n",
                                       paths[i % paths.size()], reviewer.cookie);
  }

  SendAllAtOnce(port_, exchanges);

  std::vector<double> seconds;
  std::size_t failed = 0;
  for (const Exchange& exchange : exchanges) {
    close(exchange.socket);
    if (!exchange.done || !exchange.response.starts_with("HTTP/1.1 200 ")) {
      ++failed;
      continue;
    }
    seconds.push_back(std::chrono::duration<double>(exchange.finished - exchange.started).count());
  }
  std::sort(seconds.begin(), seconds.end());
  ASSERT_FALSE(seconds.empty());
  const auto percentile = [&](double p) { return seconds[static_cast<std::size_t>(p * (seconds.size() - 1))]; };
  fmt::print("{} requests at once: {} failed; response time median {:.3f} s, 99th percentile {:.3f} s, max {:.3f} s\n",
             kRequests, failed, percentile(0.5), percentile(0.99), seconds.back());
  EXPECT_EQ(failed, 0U);
  EXPECT_LT(seconds.back(), 1.0);
}

}  // namespace
}  // namespace certintake::serve
