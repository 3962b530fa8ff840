// slatectl outage, report and import, run as an operator runs them.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"
#include <support/availability_history.hpp>

#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

using slate::test::Daemon;
using slate::test::ProgramRun;
using slate::test::run_program;
using slate::test::TempDir;
using slate::test::TestClock;

namespace {

ProgramRun slatectl(const std::vector<std::string>& arguments) {
  return run_program(SLATECTL_BINARY, arguments);
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    lines.push_back(line);
  }
  return lines;
}

std::filesystem::path write_private_file(const std::filesystem::path& path,
                                         const std::string& text) {
  std::ofstream(path) << text;
  std::filesystem::permissions(path, std::filesystem::perms::owner_read |
                                         std::filesystem::perms::owner_write);
  return path;
}

} // namespace

TEST_CASE("slatectl outage, report and import refuse bad arguments before sending anything") {
  ::unsetenv("SLATED_URL");
  ::unsetenv("SLATED_TOKEN");
  TempDir dir;
  struct Row {
    std::vector<std::string> arguments;
    std::string message;
  };
  const std::string not_json = (dir.path() / "history.txt").string();
  std::ofstream(not_json) << "maintenances: none\n";
  const Row rows[] = {
      {{"outage"}, "slatectl outage: which subcommand?"},
      {{"outage", "open", "--region", "US"}, "slatectl outage open: missing --service"},
      {{"outage", "open", "--service", "api"}, "slatectl outage open: missing --region"},
      {{"outage", "open", "--service", "api", "--region", "US"},
       "slatectl outage open: this changes data, so slated needs a token"},
      {{"outage", "resolve"}, "slatectl outage resolve: give the outage ID"},
      {{"outage", "show", "1", "2"}, "slatectl outage show: unexpected argument '2'"},
      {{"report", "--csv", "--json"}, "slatectl report: give --csv or --json, not both"},
      {{"report", "--ledger"}, "slatectl report: --ledger chooses the rows of --csv"},
      {{"report", "march"}, "slatectl report: unexpected argument 'march'"},
      {{"report", "--colour"}, "slatectl report: "},
      {{"import"}, "slatectl import: give the FILE to import"},
      {{"import", (dir.path() / "missing.json").string()}, "slatectl import: cannot read"},
      {{"import", not_json}, "is not a JSON object"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.arguments);
    const auto run = slatectl(row.arguments);
    CAPTURE(run.err);
    CHECK(run.exit_status == 2);
    CHECK(contains(run.err, row.message));
  }
  for (const char* command : {"outage", "report", "import"}) {
    const auto help = slatectl({command, "--help"});
    CHECK(help.exit_status == 0);
    CHECK(contains(help.out, std::string("slatectl ") + command));
  }
}

TEST_CASE("slatectl records and resolves outages, imports history and reports availability") {
  ::unsetenv("SLATED_URL");
  ::unsetenv("SLATED_TOKEN");
  // On a test clock in mid-November 2026: October's history is past.
  const TestClock clock(slate::domain::Instant{
      std::chrono::sys_days{std::chrono::November / 16 / 2026} + std::chrono::hours{12}});
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const std::string url = "http://127.0.0.1:" + std::to_string(daemon.process.port());
  const auto minted = slatectl({"token", "new", "ops"});
  REQUIRE(minted.exit_status == 0);
  const auto minted_lines = lines_of(minted.out);
  REQUIRE(minted_lines.size() == 2);
  write_private_file(daemon.state.path() / "tokens", minted_lines[1] + "\n");
  const auto token_file =
      write_private_file(daemon.state.path() / "ops.token", minted_lines[0] + "\n");
  const auto mark = daemon.process.log_mark();
  daemon.process.signal(SIGHUP);
  daemon.process.wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  const auto run = [&](std::vector<std::string> arguments, bool with_token = false) {
    arguments.insert(arguments.end(), {"--url", url});
    if (with_token) {
      arguments.insert(arguments.end(), {"--token-file", token_file.string()});
    }
    return slatectl(arguments);
  };

  // 1. History: a file slated refuses names the item; the right one goes in.
  TempDir dir;
  const auto bad = dir.path() / "bad.json";
  std::ofstream(bad) << R"({"maintenances": [{"title": "x", "regions": ["Mars"],
      "start": "2026-10-05T05:00:00Z", "end": "2026-10-05T06:00:00Z",
      "announced_at": "2026-09-01T00:00:00Z"},
      {"title": "y", "regions": ["Mars"], "start": "2026-10-05T05:00:00Z",
       "end": "2026-10-05T06:00:00Z", "announced_at": "2026-09-01T00:00:00Z",
       "actual_start": "2026-10-05T05:00:00Z", "actual_end": "2026-10-05T06:00:00Z"}]})";
  const auto refused = run({"import", bad.string()}, true);
  CAPTURE(refused.err);
  CHECK(refused.exit_status == 1);
  // The shape first: a completed maintenance needs its actual times.
  CHECK(contains(refused.err, "(invalid_field, field maintenances[0].actual_start)"));
  std::ofstream(bad) << R"({"maintenances": [{"title": "y", "regions": ["US", "Mars"],
      "start": "2026-10-05T05:00:00Z", "end": "2026-10-05T06:00:00Z",
      "announced_at": "2026-09-01T00:00:00Z", "actual_start": "2026-10-05T05:00:00Z",
      "actual_end": "2026-10-05T06:00:00Z"}]})";
  const auto unknown_region = run({"import", bad.string()}, true);
  CHECK(unknown_region.exit_status == 1);
  CHECK(contains(unknown_region.err,
                 "region 'Mars' is unknown; known regions: AU, DC, EU, IN, UK, US "
                 "(unknown_region, field maintenances[0].regions)"));
  // A member named twice reaches slated as written, which refuses it.
  std::ofstream(bad) << R"({"outages": [{"service": "api", "regions": ["US"],
      "start": "2026-10-01T00:00:00Z", "end": "2026-10-01T01:00:00Z",
      "end": "2026-10-01T02:00:00Z"}]})";
  const auto named_twice = run({"import", bad.string()}, true);
  CAPTURE(named_twice.err);
  CHECK(named_twice.exit_status == 1);
  CHECK(contains(named_twice.err, "(malformed_json, field outages[0].end)"));
  CHECK(slatectl({"outage", "list", "--url", url}).out == "no outages\n");
  const auto history = dir.path() / "history.json";
  std::ofstream(history) << slate::test::k_october_history;
  const auto imported = run({"import", history.string()}, true);
  CAPTURE(imported.err);
  CHECK(imported.exit_status == 0);
  CHECK(imported.out == "imported 4 maintenances and 5 outages\n");

  // 2. The report, readable: the figures, then each interval.
  const auto report = run({"report", "--service", "api", "--region", "US", "--month", "2026-10"});
  CAPTURE(report.err);
  CHECK(report.exit_status == 0);
  CHECK(contains(report.out, "api in US, 2026-10 (UTC: 2026-10-01T00:00:00Z to "
                             "2026-11-01T00:00:00Z)"));
  CHECK(contains(report.out, "99.6171 % (target 99.9500 %: BREACHED)"));
  CHECK(contains(report.out, "2h 50m (10200 s)"));
  CHECK(contains(report.out, "excluded as (ii)(a) causes beyond reasonable control: 2h"));
  CHECK(contains(report.out, "2026-10-20T10:00:00Z  2026-10-20T10:20:00Z  20m     yes"));
  CHECK(contains(report.out, "emergency maintenance 2 is unscheduled downtime"));

  // --json is slated's document; --csv its CSV, byte for byte.
  const auto json = run({"report", "--service", "api", "--month", "2026-10", "--json"});
  CHECK(json.exit_status == 0);
  CHECK(nlohmann::json::parse(json.out)["counted_seconds"] == 10200);
  const auto csv = run({"report", "--service", "api", "--month", "2026-10", "--csv"});
  CHECK(csv.exit_status == 0);
  CHECK(csv.out.rfind("service,region,month,start,end,total_seconds,", 0) == 0);
  CHECK(contains(csv.out, "\r\napi,,2026-10,"));
  const auto ledger =
      run({"report", "--service", "api", "--month", "2026-10", "--csv", "--ledger"});
  CHECK(ledger.exit_status == 0);
  CHECK(lines_of(ledger.out).size() == 11);

  // Every service over a range: one line per report.
  const auto range = run({"report", "--from", "2026-09", "--to", "2026-10"});
  CHECK(range.exit_status == 0);
  CHECK(contains(range.out, "SERVICE  REGION  MONTH    AVAILABILITY"));
  CHECK(contains(range.out, "api      all     2026-09  100.0000 %"));
  CHECK(contains(range.out, "api      all     2026-10  99.6171 %"));
  const auto future = run({"report", "--month", "2099-01"});
  CHECK(future.exit_status == 1);
  CHECK(contains(future.err, "has not begun"));

  // 3. An outage, live: open, list, show, resolve.
  // Started ten minutes ago: an outage ends after it starts, so resolving
  // it in the second it was opened would be refused.
  const auto ten_minutes_ago =
      slate::formats::format_rfc3339_utc(clock.now() - std::chrono::minutes{10});
  const auto opened =
      run({"outage", "open", "--service", "voice", "--region", "EU", "--region", "UK", "--impact",
           "partial", "--description", "SIP trunk down", "--start", ten_minutes_ago},
          true);
  CAPTURE(opened.err);
  CHECK(opened.exit_status == 0);
  CHECK(contains(opened.out, "recorded outage 6 (voice in EU, UK, partial, internal): "));
  CHECK(contains(opened.out, " to ongoing"));
  const auto listed = run({"outage", "list", "--open"});
  CHECK(listed.exit_status == 0);
  CHECK(contains(listed.out, "ID  SERVICE  REGIONS  START"));
  CHECK(contains(listed.out, "6   voice    EU,UK"));
  CHECK(lines_of(listed.out).size() == 2);
  const auto limited = run({"outage", "list", "--limit", "2"});
  CHECK(contains(limited.out, "(the newest 2 of 6 that match; --limit N shows more)"));
  const auto shown = run({"outage", "show", "6"});
  CHECK(contains(shown.out, "description: SIP trunk down"));
  CHECK(contains(shown.out, "recorded by: ops"));
  const auto resolved = run({"outage", "resolve", "6", "--cause", "third_party"}, true);
  CAPTURE(resolved.err);
  CHECK(resolved.exit_status == 0);
  CHECK(contains(resolved.out, "resolved outage 6 (voice in EU, UK, partial, third_party)"));
  CHECK(contains(resolved.out, "excluded from downtime: (ii)(a) third-party hosting"));
  const auto twice = run({"outage", "resolve", "6"}, true);
  CHECK(twice.exit_status == 1);
  CHECK(contains(twice.err, "it was resolved already"));
  const auto unknown = run({"outage", "open", "--service", "voice", "--region", "XX"}, true);
  CHECK(unknown.exit_status == 1);
  CHECK(contains(unknown.err, "region 'XX' is unknown"));
}
