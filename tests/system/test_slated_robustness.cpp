// What a hostile or broken client can do to slated: nothing lasting.

#include "daemon_fixture.hpp"

#include <support/raw_http.hpp>

#include <doctest/doctest.h>

using slate::test::body_of;
using slate::test::Daemon;
using slate::test::raw_exchange;
using slate::test::status_of;

namespace {

void check_still_serving(Daemon& daemon) {
  auto response = daemon.get("/healthz");
  REQUIRE(response);
  CHECK(response->status == 200);
}

} // namespace

TEST_CASE("slated answers a garbage request line with 400 JSON and keeps serving") {
  Daemon daemon;
  for (const char* garbage :
       {"GARBAGE\r\n\r\n", "GET\r\n\r\n", "\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03",
        "GET /healthz HTTP/9.9\r\n\r\n", "GET /healthz HTTP/1.1\r\nno colon here\r\n\r\n"}) {
    CAPTURE(garbage);
    const auto received = raw_exchange(daemon.process.port(), garbage);
    if (!received.empty()) {
      CHECK(status_of(received) == 400);
      CHECK(nlohmann::json::parse(body_of(received))["error"]["code"] == "malformed_request");
    }
    check_still_serving(daemon);
  }
}

TEST_CASE("slated answers a body over the limit with 413 without reading it") {
  Daemon daemon;
  const auto received =
      raw_exchange(daemon.process.port(), "POST /v1/regions HTTP/1.1\r\nHost: x\r\n"
                                          "Content-Length: 100000000\r\n\r\n");
  CHECK(status_of(received) == 413);
  CHECK(nlohmann::json::parse(body_of(received))["error"]["field"] == "body");
  check_still_serving(daemon);

  // A body actually sent, just over the limit, chunk by chunk.
  const std::string chunked =
      "POST /healthz HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "10000\r\n" +
      std::string(0x10000, 'x') + "\r\n1\r\nx\r\n0\r\n\r\n";
  CHECK(status_of(raw_exchange(daemon.process.port(), chunked)) == 413);
  check_still_serving(daemon);
}

TEST_CASE("slated answers headers over the limit with 431") {
  Daemon daemon;
  const std::string request =
      "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + std::string(20000, 'a') + "\r\n\r\n";
  CHECK(status_of(raw_exchange(daemon.process.port(), request)) == 431);
  const std::string long_target = "GET /healthz?" + std::string(20000, 'a') + " HTTP/1.1\r\n\r\n";
  CHECK(status_of(raw_exchange(daemon.process.port(), long_target)) == 431);
  check_still_serving(daemon);
}

TEST_CASE("slated closes a connection that sends its request too slowly") {
  Daemon daemon(slate::test::shipped_calendars(), {"--http-timeout", "1"});
  // Half a request, never finished: the daemon must hang up by itself.
  const auto start = std::chrono::steady_clock::now();
  const auto received = raw_exchange(daemon.process.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n",
                                     std::chrono::seconds{10});
  CHECK(received.empty());
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{5});
  check_still_serving(daemon);
}

TEST_CASE("slated answers HEAD with the length and no body, and pipelined requests in order") {
  Daemon daemon;
  const auto received = raw_exchange(
      daemon.process.port(), "HEAD /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
                             "GET /v1/nothing HTTP/1.1\r\nHost: x\r\n\r\n"
                             "GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  CAPTURE(received);
  CHECK(status_of(received) == 200);
  CHECK(received.find("Content-Length: 16\r\n") != std::string::npos);
  const auto second = received.find("HTTP/1.1 404");
  const auto third = received.find("HTTP/1.1 200", second);
  CHECK(second != std::string::npos);
  CHECK(third != std::string::npos);
  CHECK(received.substr(received.size() - 16) == "{\"status\":\"ok\"}\n");
}
