// The HTTP API of the built slated, over real HTTP with the shipped calendars.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <map>

using slate::test::Daemon;

TEST_CASE("slated GET /healthz answers ok") {
  Daemon daemon;
  auto response = daemon.get("/healthz");
  REQUIRE(response);
  CHECK(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "application/json");
  CHECK(nlohmann::json::parse(response->body) == nlohmann::json{{"status", "ok"}});
}

TEST_CASE("slated GET /v1/regions lists the five regions and the data centre") {
  Daemon daemon;
  const auto body = daemon.get_json("/v1/regions");
  CHECK(body["home_zone"] == "Asia/Kolkata");
  std::map<std::string, nlohmann::json> regions;
  for (const auto& region : body["regions"]) {
    regions[region["id"]] = region;
  }
  CHECK(regions.size() == 6);
  for (const char* id : {"IN", "AU", "US", "EU", "UK", "DC"}) {
    CAPTURE(id);
    REQUIRE(regions.count(id) == 1);
    CHECK_FALSE(regions[id]["windows"].empty());
  }
  const auto& us = regions["US"]["windows"][0];
  CHECK(us["zone"] == "America/New_York");
  CHECK(us["days"] == nlohmann::json::array({"Mon"}));
  CHECK(us["local_start"] == "01:00");
  CHECK(us["local_end"] == "03:00");
  CHECK(us["crosses_midnight"] == false);
  CHECK(us["nominal_duration_seconds"] == 7200);
  CHECK(regions["IN"]["windows"][0]["crosses_midnight"] == true);
}

TEST_CASE("slated lists the 52 US Mondays of 2026, 01:00-03:00 New York, EST and EDT") {
  Daemon daemon;
  const auto body =
      daemon.get_json("/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z");
  REQUIRE(body["windows"].size() == 52);
  CHECK(body["count"] == 52);
  std::map<std::string, nlohmann::json> by_start;
  std::string previous;
  for (const auto& window : body["windows"]) {
    const std::string start = window["start"];
    CHECK(start > previous); // sorted
    previous = start;
    by_start[start] = window;
    CHECK(window["zone"] == "America/New_York");
    CHECK(window["duration_seconds"] == 7200);
    const std::string local_start = window["local_start"];
    const std::string local_end = window["local_end"];
    CAPTURE(local_start);
    CHECK(local_start.substr(10, 9) == "T01:00:00");
    CHECK(local_end.substr(10, 9) == "T03:00:00");
    // 06:00Z in EST (-05:00), 05:00Z in EDT (-04:00).
    const bool edt = window["start_abbreviation"] == "EDT";
    CHECK(start.substr(10) == (edt ? "T05:00:00Z" : "T06:00:00Z"));
    CHECK(local_start.substr(19) == (edt ? "-04:00" : "-05:00"));
  }
  CHECK(body["windows"][0]["start"] == "2026-01-05T06:00:00Z");
  CHECK(body["windows"][51]["start"] == "2026-12-28T06:00:00Z");

  // The Mondays either side of 2026-03-08 (clocks go forward) and 2026-11-01 (back).
  struct Row {
    const char* start;
    const char* local_start;
    const char* local_end;
    const char* abbreviation;
  };
  const Row rows[] = {
      {"2026-03-02T06:00:00Z", "2026-03-02T01:00:00-05:00", "2026-03-02T03:00:00-05:00", "EST"},
      {"2026-03-09T05:00:00Z", "2026-03-09T01:00:00-04:00", "2026-03-09T03:00:00-04:00", "EDT"},
      {"2026-10-26T05:00:00Z", "2026-10-26T01:00:00-04:00", "2026-10-26T03:00:00-04:00", "EDT"},
      {"2026-11-02T06:00:00Z", "2026-11-02T01:00:00-05:00", "2026-11-02T03:00:00-05:00", "EST"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.start);
    REQUIRE(by_start.count(row.start) == 1);
    CHECK(by_start[row.start]["local_start"] == row.local_start);
    CHECK(by_start[row.start]["local_end"] == row.local_end);
    CHECK(by_start[row.start]["start_abbreviation"] == row.abbreviation);
  }
  int edt = 0;
  for (const auto& [start, window] : by_start) {
    edt += window["start_abbreviation"] == "EDT" ? 1 : 0;
  }
  CHECK(edt == 34); // 2026-03-09 .. 2026-10-26
}

TEST_CASE("slated shows windows in another zone with tz=") {
  Daemon daemon;
  const auto body = daemon.get_json(
      "/v1/windows?region=US&from=2026-03-09T00:00:00Z&to=2026-03-10T00:00:00Z&tz=Asia/Kolkata");
  REQUIRE(body["windows"].size() == 1);
  CHECK(body["windows"][0]["tz"]["local_start"] == "2026-03-09T10:30:00+05:30");
  CHECK(body["windows"][0]["tz"]["start_abbreviation"] == "IST");
}

TEST_CASE("slated GET /v1/windows/next finds the next window") {
  Daemon daemon;
  // '+' is sent as %2B by the client; slated reads '+' unencoded the same way.
  const auto body = daemon.get_json("/v1/windows/next?region=US&after=2026-03-03T05:30:00%2B05:30");
  CHECK(body["after"] == "2026-03-03T00:00:00Z");
  CHECK(body["window"]["start"] == "2026-03-09T05:00:00Z");
  CHECK(body["window"]["local_start"] == "2026-03-09T01:00:00-04:00");
  CHECK(body["horizon"] == "2027-03-04T00:00:00Z");

  const auto now = daemon.get_json("/v1/windows/next?region=US");
  CHECK(now["defaults_applied"]["after"] == "now");
  CHECK(now["window"].is_object());
}

TEST_CASE("slated answers bad input with 400 JSON naming the field") {
  Daemon daemon;
  struct Row {
    const char* target;
    const char* field;
  };
  const Row rows[] = {
      {"/v1/windows?region=ZZ", "region"},
      {"/v1/windows?from=2026-01-01T00:00:00Z", "region"},
      {"/v1/windows?region=US&from=2026-02-30T00:00:00Z", "from"},
      {"/v1/windows?region=US&to=soon", "to"},
      {"/v1/windows?region=US&from=2026-06-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to"},
      {"/v1/windows?region=US&from=2020-01-01T00:00:00Z&to=2031-01-01T00:00:00Z", "to"},
      {"/v1/windows?region=US&tz=IST", "tz"},
      {"/v1/windows?region=US&colour=blue", "colour"},
      {"/v1/windows/next?region=US&after=2026-01-01", "after"},
      {"/v1/windows/next?region=ZZ", "region"},
      {"/v1/windows?region=US&from=%zz", "query"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.target);
    auto response = daemon.get(row.target);
    REQUIRE(response);
    CHECK(response->status == 400);
    const auto body = nlohmann::json::parse(response->body);
    CHECK(body["error"]["field"] == row.field);
    CHECK(body["error"]["message"].get<std::string>().size() > 10);
  }
  const auto unknown = daemon.get_json("/v1/windows?region=ZZ", 400);
  const std::string message = unknown["error"]["message"];
  CAPTURE(message);
  for (const char* id : {"IN", "AU", "US", "EU", "UK", "DC"}) {
    CHECK(message.find(id) != std::string::npos);
  }
}

TEST_CASE("slated answers unknown paths with 404 and other methods with 405 and Allow") {
  Daemon daemon;
  const auto missing = daemon.get_json("/v2/nothing", 404);
  CHECK(missing["error"]["code"] == "not_found");

  auto post = daemon.client.Post("/v1/regions", "{}", "application/json");
  REQUIRE(post);
  CHECK(post->status == 405);
  CHECK(post->get_header_value("Allow") == "GET, HEAD");
  CHECK(nlohmann::json::parse(post->body)["error"]["code"] == "method_not_allowed");

  auto head = daemon.client.Head("/healthz");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
  CHECK(head->get_header_value("Content-Length") == "16");
}

TEST_CASE("slated serves several requests on one keep-alive connection") {
  Daemon daemon;
  daemon.client.set_keep_alive(true);
  for (int i = 0; i < 5; ++i) {
    auto response = daemon.get("/healthz");
    REQUIRE(response);
    CHECK(response->status == 200);
  }
}

TEST_CASE("slated without a tokens file refuses writes and says how to allow them") {
  Daemon daemon; // its --tokens names a file that does not exist
  httplib::Headers auth{{"Authorization", "Bearer slt_anything"}};
  auto response = daemon.client.Post("/v1/blackouts", auth, "{}", "application/json");
  REQUIRE(response);
  CHECK(response->status == 401);
  const auto body = nlohmann::json::parse(response->body);
  CHECK(body["error"]["code"] == "unauthorized");
  const std::string message = body["error"]["message"];
  CHECK(message.find("has no tokens file (" + (daemon.state.path() / "tokens").string() + ")") !=
        std::string::npos);
  CHECK(message.find("slatectl token new NAME") != std::string::npos);
}
