// Support clocks over HTTP against the real daemon (issue 12, item 14):
// deadlines across weekends, DST and zones, a late pause, compliance
// truncated, ledgers that explain every minute, warnings and breaches sent
// exactly once across restarts, and slatectl on every seed policy.

#include "clocked_daemon.hpp"
#include "webhook_receiver.hpp"

#include <doctest/doctest.h>

#include <fstream>
#include <set>
#include <string>
#include <vector>

using slate::test::ClockedDaemon;
using slate::test::run_program;
using slate::test::shipped_calendars;
using slate::test::TempDir;
using slate::test::WebhookReceiver;

namespace {

// Cases 1 to 5 of the issue, each on a calendar of its own; holidays from
// the shipped calendars directory.
constexpr const char* k_policy = R"toml(
name = "support-cases"

[support]
reporting_zone = "Europe/London"
default_severity = "P2"
on_severity_change = "recompute"
pause_stops = ["update", "restoration"]
warn_at_percent = 75
default_plan = "standard"
compliance_target_percent = { response = 90.0 }
assumptions = ["a test policy: every case of issue 12 on a calendar of its own"]

[support.calendars.short_day]
zone = "Europe/London"
hours = { mon = ["09:00-17:30"], tue = ["09:00-17:30"], wed = ["09:00-17:30"], thu = ["09:00-17:30"], fri = ["09:00-17:30"] }
business_day = "PT8H30M"
holidays = ["holidays/england-and-wales.ics"]

[support.calendars.office]
zone = "Europe/London"
hours = { mon = ["08:00-18:00"], tue = ["08:00-18:00"], wed = ["08:00-18:00"], thu = ["08:00-18:00"], fri = ["08:00-18:00"] }
business_day = "PT10H"
holidays = ["holidays/england-and-wales.ics"]

[support.calendars.gmt]
zone = "Etc/GMT"
hours = { mon = ["08:00-18:00"], tue = ["08:00-18:00"], wed = ["08:00-18:00"], thu = ["08:00-18:00"], fri = ["08:00-18:00"] }
business_day = "PT10H"

[support.calendars.always]
zone = "Europe/London"
hours = "24x7"

[support.plans.standard]

[[support.severities]]
id = "SHORT"
name = "Four hours on 09:00-17:30"
response = { target = "PT4H", calendar = "short_day" }

[[support.severities]]
id = "P2"
name = "Enghouse P2, office hours in Europe/London"
response = { target = "PT1H", calendar = "office" }
update = { target = "PT4H", calendar = "office" }
restoration = { target = "PT8H", calendar = "office" }

[[support.severities]]
id = "P2GMT"
name = "Enghouse P2, office hours in literal GMT"
response = { target = "PT1H", calendar = "gmt" }

[[support.severities]]
id = "ALWAYS"
name = "Four hours, 24x7"
response = { target = "PT4H", calendar = "always" }
)toml";

std::filesystem::path write_policy(const TempDir& dir) {
  const auto path = dir.path() / "support-cases.toml";
  std::ofstream(path) << k_policy;
  return path;
}

// Return the UTC instant of the wall-clock reading `local` in `zone` as
// Python's zoneinfo computes it: an independent reading of the tz rules.
std::string zoneinfo_utc(const std::string& local, const std::string& zone) {
  const auto run = run_program(
      "/usr/bin/python3",
      {"-c",
       "import sys, datetime, zoneinfo\n"
       "d = datetime.datetime.fromisoformat(sys.argv[1]).replace(tzinfo=zoneinfo.ZoneInfo(sys."
       "argv[2]))\n"
       "print(d.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ'))\n",
       local, zone});
  if (run.exit_status != 0) {
    throw std::runtime_error("python3 failed: " + run.err);
  }
  return run.out.substr(0, run.out.find('\n'));
}

// Return the offset Python's zoneinfo gives `zone` at the UTC instant
// `utc`, as "+01:00".
std::string zoneinfo_offset(const std::string& utc, const std::string& zone) {
  const auto run =
      run_program("/usr/bin/python3",
                  {"-c",
                   "import sys, datetime, zoneinfo\n"
                   "d = datetime.datetime.fromisoformat(sys.argv[1].replace('Z', '+00:00'))\n"
                   "s = d.astimezone(zoneinfo.ZoneInfo(sys.argv[2])).strftime('%z')\n"
                   "print(s[:3] + ':' + s[3:])\n",
                   utc, zone});
  if (run.exit_status != 0) {
    throw std::runtime_error("python3 failed: " + run.err);
  }
  return run.out.substr(0, run.out.find('\n'));
}

const nlohmann::json& clock_of(const nlohmann::json& clocks, const std::string& kind) {
  for (const auto& clock : clocks) {
    if (clock["kind"] == kind) {
      return clock;
    }
  }
  throw std::runtime_error("no " + kind + " clock in " + clocks.dump());
}

// Check that `clock`'s ledger explains every second from its start to its
// due instant, one stretch after the other, and that what counts adds up
// to the target; return the counted seconds.
std::int64_t check_ledger(const nlohmann::json& clock) {
  const auto& ledger = clock["ledger"];
  REQUIRE(ledger.is_array());
  REQUIRE_FALSE(ledger.empty());
  CHECK(ledger.front()["start"] == clock["started_at"]);
  std::int64_t counted = 0;
  for (std::size_t i = 0; i < ledger.size(); ++i) {
    const auto& entry = ledger[i];
    CAPTURE(entry.dump());
    CHECK_FALSE(entry["reason"].get<std::string>().empty());
    CHECK(ClockedDaemon::instant(entry["end"]) - ClockedDaemon::instant(entry["start"]) ==
          std::chrono::seconds{entry["seconds"].get<std::int64_t>()});
    if (i > 0) {
      CHECK(entry["start"] == ledger[i - 1]["end"]);
    }
    if (entry["counts"].get<bool>()) {
      counted += entry["seconds"].get<std::int64_t>();
    }
  }
  return counted;
}

nlohmann::json deadlines(ClockedDaemon& daemon, const std::string& severity,
                         const std::string& opened_at) {
  return daemon.get_json("/v1/sla/deadlines?severity=" + severity + "&opened_at=" + opened_at);
}

} // namespace

TEST_CASE("support: deadlines across a weekend, two readings of GMT and both DST changes") {
  TempDir dir;
  ClockedDaemon daemon(ClockedDaemon::instant("2026-11-02T12:00:00Z"),
                       {"--policy", write_policy(dir).string()});

  SUBCASE("09:00-17:30, PT4H, opened Fri 20 Mar 16:30 GMT: 60 min Friday, 180 Monday") {
    const auto body = deadlines(daemon, "SHORT", "2026-03-20T16:30:00Z");
    const auto& response = clock_of(body["clocks"], "response");
    const std::string due = zoneinfo_utc("2026-03-23T12:00:00", "Europe/London");
    CHECK(due == "2026-03-23T12:00:00Z");
    CHECK(response["due_at"] == due);
    CHECK(response["due_local"] == "2026-03-23T12:00:00+00:00");
    CHECK(check_ledger(response) == 4 * 3600);
    const auto& ledger = response["ledger"];
    REQUIRE(ledger.size() == 3);
    CHECK(ledger[0]["seconds"] == 60 * 60);
    CHECK(ledger[0]["counts"] == true);
    CHECK(ledger[0]["reason"] == "business hours");
    CHECK(ledger[1]["counts"] == false);
    CHECK(ledger[1]["reason"] == "outside business hours");
    CHECK(ledger[2]["start"] == zoneinfo_utc("2026-03-23T09:00:00", "Europe/London"));
    CHECK(ledger[2]["seconds"] == 180 * 60);
  }

  SUBCASE("Enghouse P2 response PT1H, opened Wed 1 Jul 16:30Z: Europe/London or literal GMT") {
    const auto london =
        clock_of(deadlines(daemon, "P2", "2026-07-01T16:30:00Z")["clocks"], "response");
    // 17:30 BST: 30 min Wednesday, 30 min from Thu 08:00 BST.
    const std::string due = zoneinfo_utc("2026-07-02T08:30:00", "Europe/London");
    CHECK(due == "2026-07-02T07:30:00Z");
    CHECK(london["due_at"] == due);
    CHECK(london["due_local"] == "2026-07-02T08:30:00+01:00");
    CHECK(check_ledger(london) == 3600);

    const auto gmt =
        clock_of(deadlines(daemon, "P2GMT", "2026-07-01T16:30:00Z")["clocks"], "response");
    CHECK(gmt["due_at"] == "2026-07-01T17:30:00Z");
    CHECK(gmt["due_local"] == "2026-07-01T17:30:00+00:00");
    CHECK(check_ledger(gmt) == 3600);
  }

  SUBCASE("24x7 PT4H across the spring gap and the autumn fold") {
    const auto spring =
        clock_of(deadlines(daemon, "ALWAYS", "2026-03-29T00:30:00Z")["clocks"], "response");
    CHECK(spring["due_at"] == "2026-03-29T04:30:00Z");
    CHECK(zoneinfo_offset("2026-03-29T04:30:00Z", "Europe/London") == "+01:00");
    CHECK(spring["due_local"] == "2026-03-29T05:30:00+01:00");
    CHECK(check_ledger(spring) == 4 * 3600);
    // Never "closed" at midnight: one stretch.
    CHECK(spring["ledger"].size() == 1);

    const auto autumn =
        clock_of(deadlines(daemon, "ALWAYS", "2026-10-24T23:30:00Z")["clocks"], "response");
    CHECK(autumn["due_at"] == "2026-10-25T03:30:00Z");
    CHECK(zoneinfo_offset("2026-10-25T03:30:00Z", "Europe/London") == "+00:00");
    CHECK(autumn["due_local"] == "2026-10-25T03:30:00+00:00");
    CHECK(check_ledger(autumn) == 4 * 3600);
  }

  SUBCASE("bad input is refused with the field") {
    auto response = daemon.process().port(); // the daemon is up
    (void)response;
    httplib::Client client("127.0.0.1", daemon.process().port());
    const auto local = client.Get("/v1/sla/deadlines?severity=P2&opened_at=2026-07-01T16:30:00");
    REQUIRE(local);
    CHECK(local->status == 400);
    CHECK(nlohmann::json::parse(local->body)["error"]["field"] == "opened_at");
    const auto unknown = client.Get("/v1/sla/deadlines?severity=P9&opened_at=2026-07-01T16:30:00Z");
    REQUIRE(unknown);
    CHECK(unknown->status == 422);
    CHECK(nlohmann::json::parse(unknown->body)["error"]["field"] == "severity");
  }
}

TEST_CASE("support: a late pause moves the restoration deadline; the ledger says why") {
  TempDir dir;
  // Tue 14 Apr 2026 10:00 BST = 09:00Z.
  const std::string opened = zoneinfo_utc("2026-04-14T10:00:00", "Europe/London");
  CHECK(opened == "2026-04-14T09:00:00Z");
  ClockedDaemon daemon(ClockedDaemon::instant("2026-04-14T09:30:00Z"),
                       {"--policy", write_policy(dir).string()});
  const auto made = daemon.post(
      "/v1/tickets",
      {{"ref", "INC-7"}, {"title", "Calls drop"}, {"severity", "P2"}, {"opened_at", opened}}, 201);
  // Without a pause: 8 h from Tue 10:00 BST end at Tue 18:00 BST.
  const auto unpaused = clock_of(made["ticket"]["clocks"], "restoration");
  CHECK(unpaused["due_at"] == zoneinfo_utc("2026-04-14T18:00:00", "Europe/London"));
  CHECK(unpaused["status"] == "running");

  daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:00:00Z"));
  // The resume arrives before the pause it ends.
  daemon.post("/v1/tickets/INC-7/events",
              {{"type", "resumed"}, {"at", zoneinfo_utc("2026-04-15T09:00:00", "Europe/London")}},
              200);
  const auto paused = daemon.post("/v1/tickets/INC-7/events",
                                  {{"type", "paused"},
                                   {"at", zoneinfo_utc("2026-04-14T11:00:00", "Europe/London")},
                                   {"note", "awaiting customer"}},
                                  200);
  const auto& restoration = clock_of(paused["ticket"]["clocks"], "restoration");
  // 1 h on Tuesday, 7 h from Wed 09:00 BST: Wed 16:00 BST.
  const std::string due = zoneinfo_utc("2026-04-15T16:00:00", "Europe/London");
  CHECK(due == "2026-04-15T15:00:00Z");
  CHECK(restoration["due_at"] == due);
  CHECK(restoration["due_local"] == "2026-04-15T16:00:00+01:00");
  CHECK(restoration["status"] == "running");
  CHECK(restoration["stopped_at"].is_null());
  // Up to now (Wed 10:00 BST): 1 h Tuesday + 1 h Wednesday.
  CHECK(restoration["elapsed_seconds"] == 2 * 3600);
  CHECK(restoration["remaining_seconds"] == 6 * 3600);
  std::set<std::string> reasons;
  for (const auto& entry : restoration["ledger"]) {
    reasons.insert(entry["reason"].get<std::string>());
  }
  CHECK(reasons.count("paused: awaiting customer") == 1);
  CHECK(reasons.count("business hours") == 1);
  CHECK(check_ledger(restoration) == 8 * 3600);
  // The response clock never pauses.
  CHECK(clock_of(paused["ticket"]["clocks"], "response")["status"] == "breached");

  // What was stored comes back after a restart, clocks computed again.
  daemon.stop();
  daemon.start();
  const auto shown = daemon.get_json("/v1/tickets/INC-7");
  CHECK(shown["ticket"]["events"].size() == 2);
  CHECK(clock_of(shown["ticket"]["clocks"], "restoration")["due_at"] == due);
}

TEST_CASE("support: compliance is truncated, 17 of 19 is 89.47 and 18 of 20 is 90.00") {
  TempDir dir;
  ClockedDaemon daemon(ClockedDaemon::instant("2026-05-29T12:00:00Z"),
                       {"--policy", write_policy(dir).string()});
  // P2 response PT1H on office hours; Wednesdays 10:00 BST, one a minute;
  // the first two of each month answered after 90 minutes, the rest after 30.
  const auto open = [&](const std::string& month, const std::string& day, int count) {
    for (int i = 0; i < count; ++i) {
      const auto opened = ClockedDaemon::instant(day) + std::chrono::minutes{i};
      const std::string ref = month + "-" + std::to_string(i);
      daemon.post("/v1/tickets",
                  {{"ref", ref},
                   {"title", "t"},
                   {"severity", "P2"},
                   {"opened_at", slate::formats::format_rfc3339_utc(opened)}},
                  201);
      daemon.post("/v1/tickets/" + ref + "/events",
                  {{"type", "responded"},
                   {"at", slate::formats::format_rfc3339_utc(
                              opened + std::chrono::minutes{i < 2 ? 90 : 30})}},
                  200);
    }
  };
  open("apr", "2026-04-15T09:00:00Z", 19);
  open("may", "2026-05-13T09:00:00Z", 20);
  const auto row = [&](const std::string& month) {
    const auto body = daemon.get_json("/v1/sla/compliance?month=" + month);
    CHECK(body["reporting_zone"] == "Europe/London");
    for (const auto& r : body["rows"]) {
      if (r["severity"] == "P2" && r["kind"] == "response") {
        return r;
      }
    }
    throw std::runtime_error("no P2 response row: " + body.dump());
  };
  const auto april = row("2026-04");
  CHECK(april["clocks"] == 19);
  CHECK(april["met"] == 17);
  CHECK(april["breached"] == 2);
  CHECK(april["percent"] == "89.47"); // 17/19 = 0.894736...
  CHECK(april["target_percent"] == "90.00");
  CHECK(april["target_met"] == false);
  const auto may = row("2026-05");
  CHECK(may["met"] == 18);
  CHECK(may["percent"] == "90.00");
  CHECK(may["target_met"] == true);
  // The default month is the current one in the reporting zone.
  CHECK(daemon.get_json("/v1/sla/compliance")["month"] == "2026-05");

  httplib::Client client("127.0.0.1", daemon.process().port());
  const auto csv = client.Get("/v1/sla/compliance?month=2026-04", {{"Accept", "text/csv"}});
  REQUIRE(csv);
  CHECK(csv->status == 200);
  CHECK(csv->get_header_value("Content-Type").rfind("text/csv", 0) == 0);
  CHECK(csv->body.find(",P2,response,19,17,2,0,89.47,90.00,false") != std::string::npos);

  const auto open_april = daemon.get_json("/v1/tickets?month=2026-04&severity=P2");
  CHECK(open_april["count"] == 19);

  // This month's figures on /v1/status, the page and /metrics.
  const auto status = daemon.get_json("/v1/status");
  REQUIRE(status.contains("support_compliance"));
  CHECK(status["support_compliance"]["month"] == "2026-05");
  bool on_status = false;
  for (const auto& r : status["support_compliance"]["rows"]) {
    on_status = on_status || (r["severity"] == "P2" && r["kind"] == "response" &&
                              r["percent"] == "90.00" && r["met"] == 18);
  }
  CHECK(on_status);
  const auto page = client.Get("/");
  REQUIRE(page);
  CHECK(page->body.find("Support this month") != std::string::npos);
  CHECK(page->body.find("90.00 %") != std::string::npos);
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("slated_support_compliance_percent{plan=\"standard\",severity=\"P2\","
                           "kind=\"response\"} 90.00") != std::string::npos);
  CHECK(metrics->body.find("slated_support_clocks{plan=\"standard\",severity=\"P2\",kind=\""
                           "response\",result=\"breached\"} 2") != std::string::npos);
}

TEST_CASE("support: a policy without [support] changes nothing on /v1/status and /metrics") {
  TempDir dir;
  const auto policy = dir.path() / "plain.toml";
  std::ofstream(policy) << "name = \"plain\"\n";
  ClockedDaemon daemon(ClockedDaemon::instant("2026-05-29T12:00:00Z"),
                       {"--policy", policy.string()});
  const auto status = daemon.get_json("/v1/status");
  CHECK_FALSE(status.contains("support_compliance"));
  httplib::Client client("127.0.0.1", daemon.process().port());
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("slated_support") == std::string::npos);
  const auto refused = daemon.post("/v1/tickets", {{"ref", "A"}, {"title", "t"}}, 422);
  CHECK(refused["error"]["code"] == "support_not_configured");
}

TEST_CASE("support: warnings and breaches reach the webhook exactly once across restarts") {
  WebhookReceiver receiver;
  // Enghouse P1: response PT30M on office hours; 75 % is 22 min 30 s.
  ClockedDaemon daemon(
      ClockedDaemon::instant("2026-04-15T09:00:00Z"),
      {"--policy", SLATE_SOURCE_DIR "/etc/policies/enghouse.toml", "--webhook", receiver.url()});
  daemon.post("/v1/tickets", {{"ref", "INC-1"}, {"title", "Calls drop"}, {"severity", "P1"}}, 201);
  daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:22:29Z"));
  daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:23:00Z"));
  const auto warned = receiver.wait_for(1);
  CHECK(warned[0].event == "support.warning");
  CHECK(warned[0].json()["ticket"] == "INC-1");
  CHECK(warned[0].json()["kind"] == "response");
  CHECK(warned[0].json()["due_at"] == "2026-04-15T09:30:00Z");
  CHECK(warned[0].json()["at"] == "2026-04-15T09:22:30Z");

  // A clean restart: the warning is not sent again.
  daemon.stop();
  daemon.start();
  auto mark = daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:24:00Z"));
  CHECK(daemon.log_lines(mark, "support alert").empty());

  mark = daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:31:00Z"));
  const auto breached = receiver.wait_for(2);
  CHECK(breached[1].event == "support.breach");
  CHECK(breached[1].json()["at"] == "2026-04-15T09:30:01Z");

  // kill -9 once the breach's delivery is recorded (one acknowledged but
  // not yet recorded would be sent again, with the same event id, by
  // design): neither is queued again.
  daemon.process().wait_for_log("delivered " + breached[1].event_id, mark);
  daemon.kill9();
  daemon.start();
  mark = daemon.advance_to(ClockedDaemon::instant("2026-04-15T09:40:00Z"));
  CHECK(daemon.log_lines(mark, "support alert").empty());
  std::set<std::string> ids;
  for (const auto& request : receiver.requests()) {
    ids.insert(request.event_id);
  }
  CHECK(ids.size() == 2);
  CHECK(receiver.requests().size() == 2);

  // A clock that stops in time owes nothing more: the response comes, the
  // update clock (PT2H, warns at 10:30Z) is the next to warn.
  daemon.post("/v1/tickets/INC-1/events", {{"type", "responded"}}, 200);
  daemon.advance_to(ClockedDaemon::instant("2026-04-15T10:31:00Z"));
  const auto update = receiver.wait_for(3);
  CHECK(update[2].json()["kind"] == "update");
  CHECK(update[2].event == "support.warning");
}

TEST_CASE("support: slatectl sla due prints every seed policy's clocks for each severity") {
  for (const char* seed :
       {"uniphore", "enghouse", "p1-p6-priority-matrix", "secpod", "numonix-ixcloud"}) {
    CAPTURE(seed);
    const std::string policy = SLATE_SOURCE_DIR "/etc/policies/" + std::string(seed) + ".toml";
    const auto run = run_program(SLATECTL_BINARY, {"sla", "due", "--policy", policy, "--calendars",
                                                   shipped_calendars().string(), "--opened-at",
                                                   "2026-03-20T16:30:00Z", "--json"});
    CAPTURE(run.err);
    REQUIRE(run.exit_status == 0);
    const auto all = nlohmann::json::parse(run.out);
    REQUIRE(all.is_array());
    CHECK_FALSE(all.empty());
    for (const auto& severity : all) {
      CAPTURE(severity["severity"]);
      CHECK(severity["opened_at"] == "2026-03-20T16:30:00Z");
      for (const auto& clock : severity["clocks"]) {
        CHECK(clock["due_at"].is_string());
        CHECK(check_ledger(clock) == clock["target_seconds"].get<std::int64_t>());
      }
    }
    // The table names each severity.
    const auto table = run_program(SLATECTL_BINARY, {"sla", "due", "--policy", policy,
                                                     "--calendars", shipped_calendars().string(),
                                                     "--opened-at", "2026-03-20T16:30:00Z"});
    REQUIRE(table.exit_status == 0);
    for (const auto& severity : all) {
      CHECK(table.out.find(severity["severity"].get<std::string>() + " opened ") !=
            std::string::npos);
    }
  }
}

TEST_CASE("support: slatectl ticket and sla report talk to the daemon; lint and --check-config "
          "print the assumptions") {
  TempDir dir;
  const auto policy = write_policy(dir);
  ClockedDaemon daemon(ClockedDaemon::instant("2026-04-15T12:00:00Z"),
                       {"--policy", policy.string()});
  const std::string url = "http://127.0.0.1:" + std::to_string(daemon.process().port());
  std::string token;
  {
    // ClockedDaemon's token is private: mint another and reload.
    const auto minted = run_program(SLATECTL_BINARY, {"token", "new", "cli"});
    REQUIRE(minted.exit_status == 0);
    token = minted.out.substr(0, minted.out.find('\n'));
    const std::string line = minted.out.substr(minted.out.find('\n') + 1);
    std::ofstream(daemon.tokens(), std::ios::app) << line;
    const auto mark = daemon.process().log_mark();
    daemon.process().signal(SIGHUP);
    daemon.process().wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  }
  const auto ctl = [&](std::vector<std::string> arguments) {
    arguments.insert(arguments.end(), {"--url", url, "--token", token});
    return run_program(SLATECTL_BINARY, arguments);
  };
  const auto opened = ctl({"ticket", "open", "INC-9", "--title", "Calls drop", "--severity", "P2",
                           "--opened-at", "2026-04-15T09:00:00Z"});
  CAPTURE(opened.err);
  CHECK(opened.exit_status == 0);
  CHECK(opened.out.find("ticket INC-9 (P2, standard, open)") != std::string::npos);
  const auto responded =
      ctl({"ticket", "event", "INC-9", "--type", "responded", "--at", "2026-04-15T09:20:00Z"});
  CHECK(responded.exit_status == 0);
  const auto shown = ctl({"ticket", "show", "INC-9"});
  CHECK(shown.exit_status == 0);
  CHECK(shown.out.find("ledger of the response clock") != std::string::npos);
  const auto listed = ctl({"ticket", "list", "--state", "open"});
  CHECK(listed.out.find("INC-9") != std::string::npos);
  const auto refused = ctl({"ticket", "event", "INC-9", "--type", "escalated"});
  CHECK(refused.exit_status == 1);
  const auto report = ctl({"sla", "report", "--month", "2026-04"});
  CHECK(report.exit_status == 0);
  CHECK(report.out.find("support compliance 2026-04 (Europe/London)") != std::string::npos);
  CHECK(report.out.find("100.00") != std::string::npos);
  const auto csv = ctl({"sla", "report", "--month", "2026-04", "--csv"});
  CHECK(csv.out.rfind("month,reporting_zone,", 0) == 0);
  const auto due = ctl({"sla", "due", "--severity", "P2", "--opened-at", "2026-07-01T16:30:00Z"});
  CHECK(due.out.find("2026-07-02T07:30:00Z") != std::string::npos);

  const auto lint = run_program(SLATECTL_BINARY, {"lint", shipped_calendars().string(), "--from",
                                                  "2026-01-01", "--policy", policy.string()});
  CHECK(lint.out.find("note: " + policy.string() + ": assumption: a test policy") !=
        std::string::npos);
  const auto check = run_program(SLATED_BINARY, {"--calendars", shipped_calendars().string(),
                                                 "--policy", policy.string(), "--db",
                                                 (dir.path() / "x.db").string(), "--check-config"});
  CAPTURE(check.err);
  CHECK(check.exit_status == 0);
  CHECK(check.out.find("note: " + policy.string() + ": assumption: a test policy") !=
        std::string::npos);
}
