// What a hostile or broken client can do to slated: nothing lasting.

#include "daemon_fixture.hpp"

#include <support/raw_http.hpp>

#include <doctest/doctest.h>

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

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
    // An answer, not a silent hang-up: a client must learn what was wrong.
    CAPTURE(received);
    CHECK(status_of(received) == 400);
    CHECK(nlohmann::json::accept(body_of(received)));
    CHECK(nlohmann::json::parse(body_of(received), nullptr, false)["error"]["code"] ==
          "malformed_request");
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

TEST_CASE("slated closes a kept-alive connection that sends no next request") {
  Daemon daemon(slate::test::shipped_calendars(), {"--http-timeout", "1"});
  // One whole request, answered; then silence on a connection kept alive:
  // the wait for the next request has the same deadline as a request.
  const auto start = std::chrono::steady_clock::now();
  const auto received = raw_exchange(
      daemon.process.port(), "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n", std::chrono::seconds{10});
  CHECK(status_of(received) == 200);
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

TEST_CASE("slated answers hostile query values on every read route with 2xx or 4xx, never 5xx") {
  // Each route with the parameters it reads; values from a pool of the
  // shapes that break parsers and computations (far years, huge numbers,
  // bad escapes, zones that do not exist, long strings), in every pairing
  // a fixed seed picks. Any 5xx, dropped connection or hang fails.
  Daemon daemon;
  daemon.client.set_read_timeout(20);
  const std::vector<std::pair<std::string, std::vector<std::string>>> routes{
      {"/v1/windows", {"region", "from", "to", "tz"}},
      {"/v1/windows/next", {"region", "regions", "duration", "after", "tz"}},
      {"/v1/maintenances", {"region", "state", "from", "to"}},
      {"/v1/outages", {"service", "region", "state", "from", "to", "limit"}},
      {"/v1/availability", {"service", "region", "month", "from", "to", "format", "rows"}},
      {"/calendars/US.ics", {"services"}},
      {"/calendars/all.ics", {"services"}},
      {"/v1/maintenances/1", {"x"}},
      {"/v1/status", {"x"}},
      {"/api/v2/summary.json", {"x"}},
  };
  const std::vector<std::string> values{
      "",
      "US",
      "US,EU,,IN",
      "XX",
      "%00",
      "%ZZ",
      "%",
      "2026-03-29T01:00:00Z",
      "2026-03-29T01:00:00+01:00",
      "0001-01-01T00:00:00Z",
      "9999-12-31T23:59:59Z",
      "1969-12-31T23:59:59Z",
      "2026-02-30T00:00:00Z",
      "2026-03-29T25:61:61Z",
      "2026-03",
      "0000-00",
      "9999-12",
      "2026-13",
      "1970-01",
      "-1",
      "0",
      "18446744073709551616",
      "-9223372036854775808",
      "1e309",
      "NaN",
      "PT1H",
      "P99999999D",
      "PT-1H",
      "PT0S",
      "P1Y",
      "PT99999999999999999999H",
      "Europe/London",
      "Mars/Olympus_Mons",
      "../../../etc/passwd",
      "planned",
      "csv",
      "ledger",
      "api,web",
      "\xc3\x28",
      "%E2%80%93",
      std::string(5000, 'a'),
      std::string(200, ','),
  };
  std::uint32_t seed = 20261123;
  const auto next = [&](std::size_t bound) {
    seed = seed * 1664525u + 1013904223u; // a fixed LCG: the same requests every run
    return static_cast<std::size_t>(seed >> 8) % bound;
  };
  const auto escaped = [](const std::string& value) {
    // Keep the pool's own escapes; encode what a URL cannot carry raw.
    std::string out;
    for (const char raw : value) {
      const auto c = static_cast<unsigned char>(raw);
      if (c <= 0x20 || c >= 0x7f || c == '&' || c == '#' || c == '+') {
        char buffer[4];
        std::snprintf(buffer, sizeof buffer, "%%%02X", c);
        out += buffer;
      } else {
        out += raw;
      }
    }
    return out;
  };
  int requests = 0;
  for (const auto& [path, names] : routes) {
    for (int round = 0; round < 60; ++round) {
      std::string target = path + "?";
      const auto count = 1 + next(names.size());
      for (std::size_t i = 0; i < count; ++i) {
        target += (i == 0 ? "" : "&") + names[next(names.size())] + "=" +
                  escaped(values[next(values.size())]);
      }
      CAPTURE(target.substr(0, 300));
      const auto response = daemon.get(target);
      REQUIRE(response);
      CHECK(response->status < 500);
      ++requests;
    }
  }
  CHECK(requests == 600);
  check_still_serving(daemon);
}

TEST_CASE("slated answers hostile bodies on every write route with 4xx, never 5xx") {
  Daemon daemon;
  const auto token = daemon.authorise();
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  const std::vector<std::string> paths{"/v1/maintenances",
                                       "/v1/blackouts",
                                       "/v1/outages",
                                       "/v1/import",
                                       "/v1/maintenances/1/start",
                                       "/v1/maintenances/1/complete",
                                       "/v1/maintenances/1/cancel",
                                       "/v1/maintenances/1/extend",
                                       "/v1/outages/1/resolve"};
  const std::vector<std::string> names{"regions",    "title",    "start",        "end",
                                       "kind",       "services", "message",      "reason",
                                       "service",    "impact",   "cause",        "description",
                                       "disruptive", "outages",  "maintenances", "x"};
  const std::vector<nlohmann::json> values{
      nullptr,
      true,
      0,
      -1,
      1e308,
      -9223372036854775807LL - 1,
      18446744073709551615ULL,
      0.5,
      "",
      "US",
      "XX",
      "2026-03-29T01:00:00Z",
      "9999-12-31T23:59:59Z",
      "emergency",
      "partial",
      std::string(3000, 'x'),
      "\u2013\u00e9",
      nlohmann::json::array(),
      nlohmann::json::array({"US", "US", "EU"}),
      nlohmann::json::array({nullptr, 1, "x"}),
      nlohmann::json::object(),
      nlohmann::json::object({{"start", "2026-01-01T00:00:00Z"}}),
  };
  std::uint32_t seed = 7;
  const auto next = [&](std::size_t bound) {
    seed = seed * 1664525u + 1013904223u;
    return static_cast<std::size_t>(seed >> 8) % bound;
  };
  // Bodies that are not JSON objects, and one nested deeper than any parser
  // should recurse.
  std::vector<std::string> raw{
      "",      "{",        "[]",
      "null",  "\"x\"",    "{\"title\": }",
      "{} {}", "\xff\xfe", std::string(20000, '[') + std::string(20000, ']')};
  int requests = 0;
  for (const auto& path : paths) {
    for (int round = 0; round < 40; ++round) {
      std::string body;
      if (round < static_cast<int>(raw.size())) {
        body = raw[static_cast<std::size_t>(round)];
      } else {
        nlohmann::json object = nlohmann::json::object();
        const auto count = next(6);
        for (std::size_t i = 0; i < count; ++i) {
          object[names[next(names.size())]] = values[next(values.size())];
        }
        body = object.dump();
      }
      CAPTURE(path);
      CAPTURE(body.substr(0, 300));
      const auto response = daemon.client.Post(path.c_str(), auth, body, "application/json");
      REQUIRE(response);
      CHECK(response->status >= 400);
      CHECK(response->status < 500);
      CHECK(nlohmann::json::accept(response->body));
      ++requests;
    }
  }
  CHECK(requests == 360);
  check_still_serving(daemon);
  // Nothing was written.
  CHECK(daemon.get_json("/v1/maintenances")["count"] == 0);
  CHECK(daemon.get_json("/v1/blackouts")["count"] == 0);
  CHECK(daemon.get_json("/v1/outages")["count"] == 0);
}

TEST_CASE(
    "slated refuses a body that names a member twice with 400 naming it, and writes nothing") {
  Daemon daemon;
  const auto token = daemon.authorise();
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  struct Row {
    const char* path;
    const char* body;
    const char* field;
  };
  // Either value alone would be a valid request: which one is meant?
  const Row rows[] = {
      {"/v1/maintenances",
       R"({"title": "Kernel", "regions": ["US"], "start": "2099-03-16T05:00:00Z",
           "end": "2099-03-16T06:00:00Z", "regions": ["EU"]})",
       "regions"},
      {"/v1/outages", R"({"service": "api", "regions": ["US"], "service": "voice"})", "service"},
      {"/v1/import",
       R"({"outages": [{"service": "api", "regions": ["US"], "start": "2026-10-01T00:00:00Z",
           "end": "2026-10-01T01:00:00Z", "end": "2026-10-01T02:00:00Z"}]})",
       "outages[0].end"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    const auto response = daemon.client.Post(row.path, auth, row.body, "application/json");
    REQUIRE(response);
    CAPTURE(response->body);
    CHECK(response->status == 400);
    const auto error = nlohmann::json::parse(response->body)["error"];
    CHECK(error["code"] == "malformed_json");
    CHECK(error["field"] == row.field);
    CHECK(error["message"].get<std::string>().find("more than once") != std::string::npos);
  }
  CHECK(daemon.get_json("/v1/maintenances")["count"] == 0);
  CHECK(daemon.get_json("/v1/outages")["count"] == 0);
}

TEST_CASE("slated raises its open file limit and says how many connections it can hold") {
  // Started with a soft limit of 256 (children inherit it), below the hard
  // one: slated must raise it, or the 300 connections below would leave it
  // unable to accept another.
  rlimit original{};
  REQUIRE(getrlimit(RLIMIT_NOFILE, &original) == 0);
  REQUIRE_MESSAGE(original.rlim_max >= 1024, "the hard open file limit is too low for this test");
  rlimit lowered = original;
  lowered.rlim_cur = 256;
  REQUIRE(setrlimit(RLIMIT_NOFILE, &lowered) == 0);
  std::optional<Daemon> started;
  try {
    started.emplace();
  } catch (...) {
    setrlimit(RLIMIT_NOFILE, &original);
    throw;
  }
  REQUIRE(setrlimit(RLIMIT_NOFILE, &original) == 0);
  Daemon& daemon = *started;
  const std::string line = daemon.process.wait_for_log("client connections (open file limit");
  CAPTURE(line);
  CHECK(line.find("<5>") == 0); // notice
  CHECK(line.find("raised from 256") != std::string::npos);
  if (original.rlim_max != RLIM_INFINITY) {
    CHECK(line.find("open file limit " + std::to_string(original.rlim_max)) != std::string::npos);
    CHECK(line.find("can hold about " + std::to_string(original.rlim_max - 64)) !=
          std::string::npos);
  }

  // 300 idle connections, each one descriptor in the daemon, and then a
  // request on another is still answered.
  std::vector<int> sockets;
  for (int i = 0; i < 300; ++i) {
    const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
    REQUIRE(fd >= 0);
    sockets.push_back(fd);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(daemon.process.port()));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    REQUIRE(::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) == 0);
  }
  check_still_serving(daemon);
  for (const int fd : sockets) {
    ::close(fd);
  }
}

TEST_CASE("slated refuses text holding a NUL or a stray control character with 400 naming the "
          "member, and writes nothing") {
  // PostgreSQL cannot store a NUL and SQLite would: the request formats
  // refuse it, so both backends answer the same (SLATE_TEST_STORE).
  Daemon daemon;
  const auto token = daemon.authorise();
  const httplib::Headers auth{{"Authorization", "Bearer " + token}};
  struct Row {
    const char* path;
    const char* body;
    const char* field;
    const char* says;
  };
  const Row rows[] = {
      {"/v1/blackouts",
       R"({"reason": "release\u0000freeze", "start": "2099-12-20T00:00:00Z",
           "end": "2099-12-27T00:00:00Z"})",
       "reason", "NUL"},
      {"/v1/maintenances",
       R"({"title": "Kernel", "message": "\u0000", "regions": ["US"],
           "start": "2099-03-16T05:00:00Z", "end": "2099-03-16T06:00:00Z"})",
       "message", "NUL"},
      {"/v1/maintenances",
       R"({"title": "Kernel\u001b[31m", "regions": ["US"], "start": "2099-03-16T05:00:00Z",
           "end": "2099-03-16T06:00:00Z"})",
       "title", "U+001B"},
      {"/v1/import",
       R"({"outages": [{"service": "api", "regions": ["US"], "start": "2026-10-01T00:00:00Z",
           "end": "2026-10-01T01:00:00Z", "description": "x\u0000"}]})",
       "outages[0].description", "NUL"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    const auto response = daemon.client.Post(row.path, auth, row.body, "application/json");
    REQUIRE(response);
    CAPTURE(response->body);
    CHECK(response->status == 400);
    const auto error = nlohmann::json::parse(response->body)["error"];
    CHECK(error["code"] == "invalid_field");
    CHECK(error["field"] == row.field);
    CHECK(error["message"].get<std::string>().find(row.says) != std::string::npos);
  }
  CHECK(daemon.get_json("/v1/blackouts")["count"] == 0);
  CHECK(daemon.get_json("/v1/maintenances")["count"] == 0);
  CHECK(daemon.get_json("/v1/outages")["count"] == 0);
  // Free text keeps its layout: the same blackout without the NUL is stored
  // whole, tab and line break included.
  const auto created =
      daemon.client.Post("/v1/blackouts", auth,
                         R"({"reason": "release\n\tfreeze", "start": "2099-12-20T00:00:00Z",
                             "end": "2099-12-27T00:00:00Z"})",
                         "application/json");
  REQUIRE(created);
  CAPTURE(created->body);
  CHECK(created->status == 201);
  const auto blackouts = daemon.get_json("/v1/blackouts");
  REQUIRE(blackouts["count"] == 1);
  CHECK(blackouts["blackouts"][0]["reason"] == "release\n\tfreeze");
}
