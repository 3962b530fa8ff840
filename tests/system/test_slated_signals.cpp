// slated's signals: SIGHUP reloads the calendars (keeping the old set when
// the new one is broken), SIGTERM and SIGINT stop it cleanly, and a SIGTERM
// while it stops changes nothing.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <fstream>
#include <set>
#include <vector>

using slate::test::Daemon;
using slate::test::TempDir;

namespace {

std::filesystem::path copy_of_shipped_calendars(const TempDir& dir) {
  const auto calendars = dir.path() / "calendars";
  std::filesystem::copy(slate::test::shipped_calendars(), calendars,
                        std::filesystem::copy_options::recursive);
  return calendars;
}

// Return the calendar files of `dir`, sorted by name (the order slated reads them in).
std::vector<std::filesystem::path> calendar_files(const std::filesystem::path& dir) {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    if (entry.path().extension() == ".ics") {
      files.push_back(entry.path());
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

std::set<std::string> region_ids(Daemon& daemon) {
  std::set<std::string> ids;
  const auto body = daemon.get_json("/v1/regions");
  for (const auto& region : body["regions"]) {
    ids.insert(region["id"].get<std::string>());
  }
  return ids;
}

} // namespace

TEST_CASE("slated keeps serving the old calendars when a reload finds a broken one") {
  TempDir dir;
  const auto calendars = copy_of_shipped_calendars(dir);
  Daemon daemon(calendars);
  const auto ids = region_ids(daemon);
  REQUIRE(ids.size() == 6);
  const std::string us_2026 =
      "/v1/windows?region=US&from=2026-01-01T00:00:00Z&to=2027-01-01T00:00:00Z";
  const auto before = daemon.get_json(us_2026);

  // Break one calendar and take another away: neither change may be applied.
  const auto files = calendar_files(calendars);
  REQUIRE(files.size() == 6);
  std::ofstream(files.front(), std::ios::trunc) << "BEGIN:VCALENDAR\r\nthis is not iCalendar\r\n";
  std::filesystem::remove(files.back());
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  const auto line = daemon.process.wait_for_log("reload failed", mark);
  CHECK(line.rfind("<3>slated: ", 0) == 0);
  CHECK(line.find("keeping snapshot version 1 with 6 regions") != std::string::npos);
  CHECK(line.find(files.front().filename().string()) != std::string::npos);

  CHECK(region_ids(daemon) == ids);
  CHECK(daemon.get_json(us_2026) == before);
  auto health = daemon.get("/healthz");
  REQUIRE(health);
  CHECK(health->status == 200);
}

TEST_CASE("slated swaps in calendars that load on SIGHUP") {
  TempDir dir;
  const auto calendars = copy_of_shipped_calendars(dir);
  Daemon daemon(calendars);
  const auto ids = region_ids(daemon);
  REQUIRE(ids.size() == 6);

  std::filesystem::remove(calendar_files(calendars).back());
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  const auto line = daemon.process.wait_for_log("reloaded calendars", mark);
  CHECK(line.find("serving 5 regions") != std::string::npos);
  CHECK(line.find("snapshot version 2") != std::string::npos);
  const auto now = region_ids(daemon);
  CHECK(now.size() == 5);
  for (const auto& id : ids) {
    if (now.count(id) == 0) {
      CAPTURE(id);
      CHECK(daemon.get_json("/v1/windows?region=" + id, 400)["error"]["field"] == "region");
    }
  }
}

TEST_CASE("slated stops cleanly on SIGTERM") {
  Daemon daemon;
  CHECK(daemon.get("/healthz"));
  CHECK(daemon.process.stop() == 0);
  CHECK(daemon.process.log().find("<5>slated: stopped") != std::string::npos);
}

TEST_CASE("slated stops cleanly on SIGTERM with an idle keep-alive connection open") {
  Daemon daemon;
  daemon.client.set_keep_alive(true);
  CHECK(daemon.get("/healthz"));
  const auto start = std::chrono::steady_clock::now();
  CHECK(daemon.process.stop() == 0);
  // Well under the stop deadline: idle connections are closed at once.
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds{5});
}

TEST_CASE("slated stops cleanly on SIGINT") {
  Daemon daemon;
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGINT);
  daemon.process.wait_for_log("stopping on SIGINT", mark);
  CHECK(daemon.process.stop() == 0);
}

TEST_CASE("slated stops once, cleanly, when a second SIGTERM comes while it stops") {
  Daemon daemon;
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGTERM);
  daemon.process.wait_for_log("stopping on SIGTERM", mark);
  // stop() sends the second: it stays pending, blocked, until the exit.
  CHECK(daemon.process.stop() == 0);
  const auto log = daemon.process.log();
  std::size_t stops = 0;
  for (auto at = log.find("stopping on"); at != std::string::npos;
       at = log.find("stopping on", at + 1)) {
    ++stops;
  }
  CHECK(stops == 1);
  CHECK(log.find("<5>slated: stopped") != std::string::npos);
}
