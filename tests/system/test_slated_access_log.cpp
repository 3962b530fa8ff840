// The access log (--access-log off|journal|FILE): off by default, so that a
// burst of requests adds no log lines for journald to rate-limit; events
// and errors are logged whatever it says.

#include "daemon_fixture.hpp"

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::TempDir;

namespace {

constexpr int k_burst = 200;

// Send a burst of reads, a refused write and an unknown path.
void burst(Daemon& daemon) {
  for (int i = 0; i < k_burst; ++i) {
    auto response = daemon.get("/v1/regions");
    REQUIRE(response);
    CHECK(response->status == 200);
  }
  REQUIRE(daemon.client.Post("/v1/blackouts", "{}", "application/json"));
  REQUIRE(daemon.get("/v1/nothing-here"));
}

// Return the lines of `text` after the first `mark` that contain `part`.
std::vector<std::string> lines_with(const std::string& text, std::size_t mark,
                                    const std::string& part) {
  std::vector<std::string> out;
  std::istringstream lines(text);
  std::size_t index = 0;
  for (std::string line; std::getline(lines, line); ++index) {
    if (index >= mark && line.find(part) != std::string::npos) {
      out.push_back(line);
    }
  }
  return out;
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

} // namespace

TEST_CASE("access log: off by default, a burst of requests adds no log lines") {
  Daemon daemon;
  const auto mark = daemon.process.log_mark();
  burst(daemon);
  // A clean stop logs every exchange the loop saw before it ends.
  CHECK(daemon.process.stop() == 0);
  const auto log = daemon.process.log();
  CHECK(lines_with(log, mark, " /v1/").empty());
  // Events are still logged.
  CHECK(lines_with(log, mark, "stopping on SIGTERM").size() == 1);
  CHECK(lines_with(log, mark, "slated: stopped").size() == 1);
}

TEST_CASE("access log: journal writes one line per request to stderr at info") {
  Daemon daemon(slate::test::shipped_calendars(), {"--access-log", "journal"});
  const auto mark = daemon.process.log_mark();
  burst(daemon);
  CHECK(daemon.process.stop() == 0);
  const auto log = daemon.process.log();
  CHECK(lines_with(log, mark, "<6>slated: GET /v1/regions 200 ").size() == k_burst);
  CHECK(lines_with(log, mark, "<6>slated: POST /v1/blackouts 401 ").size() == 1);
  CHECK(lines_with(log, mark, "<6>slated: GET /v1/nothing-here 404 ").size() == 1);
}

TEST_CASE("access log: a FILE gets the lines, stderr none; SIGHUP reopens it") {
  TempDir logs;
  const auto file = logs.path() / "access.log";
  const auto rotated = logs.path() / "access.log.1";
  Daemon daemon(slate::test::shipped_calendars(), {"--access-log", file.string()});
  const auto mark = daemon.process.log_mark();
  burst(daemon);
  // Rotation: move the file away, then SIGHUP makes slated write a new one.
  std::filesystem::rename(file, rotated);
  const auto before_reload = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", before_reload);
  REQUIRE(daemon.get("/v1/regions"));
  CHECK(daemon.process.stop() == 0);

  const auto old_lines = read_file(rotated);
  CHECK(lines_with(old_lines, 0, "GET /v1/regions 200 ").size() == k_burst);
  CHECK(lines_with(old_lines, 0, "POST /v1/blackouts 401 ").size() == 1);
  CHECK(lines_with(old_lines, 0, " ms 127.0.0.1:").size() == k_burst + 2);
  const auto new_lines = read_file(file);
  CHECK(lines_with(new_lines, 0, "GET /v1/regions 200 ").size() == 1);
  CHECK(lines_with(daemon.process.log(), mark, " /v1/").empty());
}

TEST_CASE("access log: a FILE that cannot be opened stops the start with its name") {
  TempDir logs;
  const auto file = logs.path() / "no-such-directory" / "access.log";
  const std::string expected = "cannot open the access log " + file.string();
  CHECK_THROWS_WITH_AS(Daemon(slate::test::shipped_calendars(), {"--access-log", file.string()}),
                       doctest::Contains(expected.c_str()), std::runtime_error);
}
