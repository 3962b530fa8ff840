// Outages, the history import and availability reports over real HTTP from
// a running slated, with the SQLite store underneath.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"
#include <support/availability_history.hpp>

#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::run_program;
using slate::test::shipped_calendars;
using slate::test::TestClock;
using namespace std::chrono_literals;

namespace {

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

// Make a token, put its line in the daemon's tokens file, have the daemon
// read it, and return the token.
std::string authorise(Daemon& daemon) {
  const auto minted = run_program(SLATECTL_BINARY, {"token", "new", "ops"});
  REQUIRE(minted.exit_status == 0);
  const auto lines = lines_of(minted.out);
  REQUIRE(lines.size() == 2);
  const auto tokens = daemon.state.path() / "tokens";
  std::ofstream(tokens) << lines[1] << "\n";
  std::filesystem::permissions(tokens, std::filesystem::perms::owner_read |
                                           std::filesystem::perms::owner_write);
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  return lines[0];
}

httplib::Result post(Daemon& daemon, const std::string& path, const std::string& token,
                     const std::string& body) {
  return daemon.client.Post(path.c_str(), {{"Authorization", "Bearer " + token}}, body,
                            "application/json");
}

// Mid-November 2026: October's history is all in the past, and an outage
// opened half an hour ago began this month.
slate::domain::Instant mid_november() {
  return slate::domain::Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} + 12h;
}

} // namespace

TEST_CASE("slated: imported history gives October's availability, to the second") {
  const TestClock clock(mid_november());
  Daemon daemon(shipped_calendars(), clock.arguments());
  const auto token = authorise(daemon);
  const auto imported = post(daemon, "/v1/import", token, slate::test::k_october_history);
  REQUIRE(imported);
  CAPTURE(imported->body);
  REQUIRE(imported->status == 201);
  CHECK(nlohmann::json::parse(imported->body) ==
        nlohmann::json::parse(R"({"maintenances": [1, 2, 3, 4], "outages": [1, 2, 3, 4, 5]})"));

  const auto r = daemon.get_json("/v1/availability?service=api&region=us&month=2026-10");
  CHECK(r["total_seconds"] == 2678400);
  CHECK(r["down_seconds"] == 24600);
  CHECK(r["excluded_seconds"] == 14400);
  CHECK(r["counted_seconds"] == 10200);
  CHECK(r["availability_percent"] == "99.6171");
  CHECK(r["target_percent"] == "99.9500");
  CHECK(r["met"] == false);
  CHECK(r["error_budget_seconds"] == 1332);
  CHECK(r["error_budget_remaining_seconds"] == -8868);
  CHECK(r["ledger"].size() == 10);

  // The same as CSV, for a spreadsheet.
  const auto csv = daemon.client.Get("/v1/availability?service=api&region=US&month=2026-10",
                                     {{"Accept", "text/csv"}});
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type") == "text/csv; charset=utf-8; header=present");
  CHECK(csv->body.find("api,US,2026-10,2026-10-01T00:00:00Z,2026-11-01T00:00:00Z,2678400,24600,"
                       "14400,10200,99.6171,99.9500,false,1332,-8868,") != std::string::npos);

  // Every service: api from the outages; the maintenance names none.
  const auto all = daemon.get_json("/v1/availability?month=2026-10");
  REQUIRE(all["count"] == 1);
  CHECK(all["reports"][0]["service"] == "api");

  // A failed import changes nothing, and names the item.
  const auto refused = post(daemon, "/v1/import", token,
                            R"({"outages": [{"service": "api", "regions": ["US"],
                                "start": "2026-10-01T00:00:00Z", "end": "2026-10-01T01:00:00Z"},
                               {"service": "api", "regions": ["Atlantis"],
                                "start": "2026-10-01T00:00:00Z"}]})");
  REQUIRE(refused);
  CHECK(refused->status == 422);
  CHECK(nlohmann::json::parse(refused->body)["error"]["field"] == "outages[1].regions");
  CHECK(daemon.get_json("/v1/outages")["total"] == 5);
}

TEST_CASE("slated: an outage recorded live, listed, resolved, then counted") {
  const TestClock clock(mid_november());
  Daemon daemon(shipped_calendars(), clock.arguments());
  const auto token = authorise(daemon);
  const auto opened = post(daemon, "/v1/outages", token,
                           R"({"service": "voice", "regions": ["EU", "UK"], "start": ")" +
                               slate::formats::format_rfc3339_utc(clock.now() - 30min) +
                               R"(", "impact": "partial"})");
  REQUIRE(opened);
  CAPTURE(opened->body);
  REQUIRE(opened->status == 201);
  const auto outage = nlohmann::json::parse(opened->body)["outage"];
  const std::string path = "/v1/outages/" + outage["id"].dump();
  CHECK(opened->get_header_value("Location") == path);
  CHECK(outage["open"] == true);

  CHECK(daemon.get_json("/v1/outages?state=open")["count"] == 1);
  CHECK(daemon.get_json(path)["outage"] == outage);

  // While it goes on it counts, up to now, in this month's report.
  const auto during = daemon.get_json("/v1/availability?service=voice&region=UK");
  CHECK(during["month"] == "2026-11");
  CHECK(during["counted_seconds"] == 1800);
  CHECK_FALSE(during["elapsed_seconds"].is_null());

  const auto resolved = post(daemon, path + "/resolve", token, "");
  REQUIRE(resolved);
  CHECK(resolved->status == 200);
  CHECK(nlohmann::json::parse(resolved->body)["outage"]["open"] == false);
  const auto again = post(daemon, path + "/resolve", token, "{}");
  REQUIRE(again);
  CHECK(again->status == 409);
  CHECK(daemon.get_json("/v1/outages?state=open")["count"] == 0);

  // Unauthorised writes change nothing.
  const auto anonymous = daemon.client.Post(
      "/v1/outages", R"({"service": "voice", "regions": ["EU"]})", "application/json");
  REQUIRE(anonymous);
  CHECK(anonymous->status == 401);
  CHECK(daemon.get_json("/v1/outages")["total"] == 1);
}
