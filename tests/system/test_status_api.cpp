// The status documents of a running slated: GET /v1/status, and the
// Statuspage v2 documents read by a client written for Statuspage
// (tests/system/statuspage_client.py), with ETag, If-None-Match and
// If-Modified-Since as pollers use them.

#include "daemon_fixture.hpp"
#include "test_clock.hpp"

#include <common/token_file.hpp>
#include <slate/formats/rfc3339.hpp>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>

using slate::test::Daemon;
using slate::test::run_program;
using slate::test::TestClock;

namespace {

const std::filesystem::path k_client = SLATE_SOURCE_DIR "/tests/system/statuspage_client.py";

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Every daemon here runs on a test clock that starts at this instant
// (mid-November 2026), so that no answer depends on the day the test runs.
slate::domain::Instant now() {
  return slate::domain::Instant{std::chrono::sys_days{std::chrono::November / 16 / 2026}} +
         std::chrono::hours{12};
}

std::string rfc3339(slate::domain::Instant instant) {
  return slate::formats::format_rfc3339_utc(instant);
}

nlohmann::json post(Daemon& daemon, const std::string& token, const std::string& path,
                    const nlohmann::json& body, int expected = 201) {
  const auto response = daemon.client.Post(path.c_str(), {{"Authorization", "Bearer " + token}},
                                           body.dump(), "application/json");
  if (!response) {
    throw std::runtime_error("POST " + path + " failed: " + httplib::to_string(response.error()));
  }
  CAPTURE(response->body);
  REQUIRE(response->status == expected);
  return nlohmann::json::parse(response->body);
}

// Book a scheduled maintenance in `region`'s first free hour a week away.
nlohmann::json book(Daemon& daemon, const std::string& token, const std::string& region,
                    const std::string& title) {
  const auto after = rfc3339(now() + std::chrono::days{7} + std::chrono::minutes{10});
  const auto slot =
      daemon.get_json("/v1/windows/next?region=" + region + "&duration=PT1H&after=" + after);
  REQUIRE(slot["slot"].is_object());
  return post(daemon, token, "/v1/maintenances",
              {{"regions", {region}},
               {"title", title},
               {"message", "Sign-ins pause for a minute."},
               {"services", {"api", "web"}},
               {"start", slot["slot"]["start"]},
               {"end", slot["slot"]["end"]}});
}

const nlohmann::json& region_of(const nlohmann::json& status, const std::string& id) {
  for (const auto& region : status["regions"]) {
    if (region["id"] == id) {
      return region;
    }
  }
  throw std::runtime_error("no region " + id + " in " + status.dump());
}

} // namespace

TEST_CASE("status: GET /v1/status shows work under way, planned work and open outages") {
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const auto quiet = daemon.get_json("/v1/status");
  CHECK(quiet["indicator"] == "none");
  CHECK(quiet["description"] == "All Systems Operational");
  CHECK(quiet["home_zone"] == "Asia/Kolkata");
  REQUIRE(quiet["regions"].size() == 6);
  for (const auto& region : quiet["regions"]) {
    CAPTURE(region["id"]);
    CHECK(region["status"] == "operational");
    CHECK(region["next_window"].is_object());
    CHECK(contains(region["next_window"]["when"], "IST"));
    CHECK(region["maintenance_in_progress"].empty());
  }

  const auto token = daemon.authorise("status");
  const auto planned = book(daemon, token, "EU", "Database upgrade");
  const auto started = now();
  const auto emergency = post(daemon, token, "/v1/maintenances",
                              {{"kind", "emergency"},
                               {"regions", {"US"}},
                               {"title", "Disk <replacement> & check"},
                               {"services", {"api"}},
                               {"start", rfc3339(started - std::chrono::minutes{5})},
                               {"end", rfc3339(started + std::chrono::hours{1})}});
  CHECK(emergency["maintenance"]["state"] == "in_progress");
  post(daemon, token, "/v1/outages",
       {{"service", "web"},
        {"regions", {"UK"}},
        {"impact", "partial"},
        {"description", "Slow pages"}});

  const auto status = daemon.get_json("/v1/status");
  CHECK(status["indicator"] == "minor");
  CHECK(status["services"] == nlohmann::json::array({"api", "web"}));

  const auto& us = region_of(status, "US");
  CHECK(us["status"] == "under_maintenance");
  REQUIRE(us["maintenance_in_progress"].size() == 1);
  const auto& work = us["maintenance_in_progress"][0];
  CHECK(work["id"] == emergency["maintenance"]["id"]);
  CHECK(work["kind"] == "emergency");
  const std::string text = work["text"];
  CAPTURE(text);
  CHECK(text.starts_with("Emergency maintenance is in progress: Disk <replacement> & check.\n"
                         "United States: "));
  CHECK((contains(text, " EST (") || contains(text, " EDT (")));
  CHECK(contains(text, " IST)"));
  CHECK(us["services"][0]["service"] == "api");
  CHECK(us["services"][0]["status"] == "under_maintenance");
  CHECK(us["services"][1]["status"] == "operational");

  const auto& eu = region_of(status, "EU");
  REQUIRE(eu["upcoming_maintenance"].size() == 1);
  CHECK(eu["upcoming_maintenance"][0]["id"] == planned["maintenance"]["id"]);
  CHECK(eu["upcoming_maintenance"][0]["start"] == planned["maintenance"]["start"]);
  CHECK(contains(eu["upcoming_maintenance"][0]["text"], "Scheduled maintenance: Database upgrade"));
  CHECK(contains(eu["upcoming_maintenance"][0]["text"], "Sign-ins pause for a minute."));

  const auto& uk = region_of(status, "UK");
  CHECK(uk["status"] == "partial_outage");
  REQUIRE(uk["open_outages"].size() == 1);
  CHECK(uk["open_outages"][0]["service"] == "web");
  CHECK(uk["open_outages"][0]["impact"] == "partial");
  const auto& web = uk["services"][1];
  CHECK(web["status"] == "partial_outage");
  CHECK(web["availability"]["target_percent"] == "99.9500");
  CHECK(web["availability"]["month"].is_string());
}

TEST_CASE("status: a client written for Statuspage reads slated's /api/v2 documents") {
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const std::string base = "http://127.0.0.1:" + std::to_string(daemon.process.port());
  SUBCASE("all quiet") {
    const auto run = run_program("/usr/bin/python3", {k_client.string(), base});
    CAPTURE(run.out);
    CAPTURE(run.err);
    CHECK(run.exit_status == 0);
    CHECK(contains(run.out, "status: none: All Systems Operational"));
    CHECK(contains(run.out, "component: Europe: operational"));
  }
  SUBCASE("with planned work, work under way and an outage") {
    const auto token = daemon.authorise("status");
    book(daemon, token, "EU", "Database upgrade");
    const auto started = now();
    post(daemon, token, "/v1/maintenances",
         {{"kind", "emergency"},
          {"regions", {"US"}},
          {"title", "Disk replacement"},
          {"start", rfc3339(started - std::chrono::minutes{5})},
          {"end", rfc3339(started + std::chrono::hours{1})}});
    post(daemon, token, "/v1/outages",
         {{"service", "api"}, {"regions", {"UK", "IN"}}, {"description", "Errors on sign-in"}});
    const auto run = run_program("/usr/bin/python3", {k_client.string(), base});
    CAPTURE(run.out);
    CAPTURE(run.err);
    CHECK(run.exit_status == 0);
    CHECK(contains(run.out, "status: major: Partial System Outage"));
    CHECK(contains(run.out, "incident: Outage of api in UK, IN: identified (major)"));
    CHECK(contains(run.out, "maintenance: Database upgrade: scheduled "));
    CHECK(contains(run.out, "maintenance: Disk replacement: in_progress "));
    CHECK(contains(run.out, "component: api: major_outage"));

    const auto active = daemon.get_json("/api/v2/scheduled-maintenances/active.json");
    REQUIRE(active["scheduled_maintenances"].size() == 1);
    const auto& updates = active["scheduled_maintenances"][0]["incident_updates"];
    // Declared while under way: one update, in progress, the emergency message.
    REQUIRE(updates.size() == 1);
    CHECK(updates[0]["status"] == "in_progress");
    CHECK(contains(updates[0]["body"], "Emergency maintenance: Disk replacement\nUnited States: "));
    // Planned work: announced, still scheduled.
    const auto upcoming = daemon.get_json("/api/v2/scheduled-maintenances/upcoming.json");
    REQUIRE(upcoming["scheduled_maintenances"].size() == 1);
    const auto& announced = upcoming["scheduled_maintenances"][0]["incident_updates"];
    REQUIRE(announced.size() == 1);
    CHECK(announced[0]["status"] == "scheduled");
    CHECK(contains(announced[0]["body"], "Scheduled maintenance: Database upgrade\nEurope: "));
  }
}

TEST_CASE("status: --public-url is the page's url and the base of its links, whatever the Host") {
  const TestClock clock(now());
  Daemon direct(slate::test::shipped_calendars(), clock.arguments());
  CHECK(direct.get_json("/api/v2/status.json")["page"]["url"] ==
        "http://127.0.0.1:" + std::to_string(direct.process.port()));

  auto proxied_arguments = clock.arguments();
  proxied_arguments.insert(proxied_arguments.end(),
                           {"--public-url", "https://status.example.com/"});
  Daemon proxied(slate::test::shipped_calendars(), proxied_arguments);
  const auto token = proxied.authorise("status");
  post(proxied, token, "/v1/outages", {{"service", "api"}, {"regions", {"UK"}}});
  for (const std::string host : {"127.0.0.1", "backend.internal:8080"}) {
    CAPTURE(host);
    const auto response = proxied.client.Get("/api/v2/summary.json", {{"Host", host}});
    REQUIRE(response);
    const auto summary = nlohmann::json::parse(response->body);
    CHECK(summary["page"]["url"] == "https://status.example.com");
    REQUIRE(summary["incidents"].size() == 1);
    CHECK(summary["incidents"][0]["shortlink"].get<std::string>().rfind(
              "https://status.example.com/", 0) == 0);
  }

  const auto refused =
      run_program(SLATED_BINARY, {"--public-url", "status.example.com", "--check-config"});
  CHECK(refused.exit_status == 1);
  CHECK(contains(refused.err,
                 "--public-url: 'status.example.com' is not an http:// or https:// URL"));
}

TEST_CASE("status: pollers get 304 for If-None-Match and If-Modified-Since, never for a stale "
          "tag") {
  // On a test clock, so that the test can move time past the documents'
  // dates instead of waiting for the wall clock to pass them.
  const auto started = now();
  const slate::test::TempDir clock_dir;
  const auto clock = clock_dir.path() / "clock";
  const auto set_clock = [&clock](slate::domain::Instant instant) {
    std::ofstream(clock) << rfc3339(instant) << "\n";
  };
  set_clock(started);
  Daemon daemon(slate::test::shipped_calendars(), {"--test-clock-file", clock.string()});
  const auto token = daemon.authorise("status");

  // A change the documents do not show (a blackout) keeps their tags.
  const auto quiet = daemon.get("/api/v2/summary.json");
  REQUIRE(quiet);
  const auto quiet_tag = quiet->get_header_value("ETag");
  post(daemon, token, "/v1/blackouts",
       {{"regions", {"IN"}},
        {"start", rfc3339(started + std::chrono::days{300})},
        {"end", rfc3339(started + std::chrono::days{301})},
        {"reason", "freeze"}});
  const auto unchanged = daemon.client.Get("/api/v2/summary.json", {{"If-None-Match", quiet_tag}});
  REQUIRE(unchanged);
  CHECK(unchanged->status == 304);

  // Work under way changes them.
  const auto emergency = post(daemon, token, "/v1/maintenances",
                              {{"kind", "emergency"},
                               {"regions", {"UK"}},
                               {"title", "Router swap"},
                               {"start", rfc3339(started - std::chrono::minutes{1})},
                               {"end", rfc3339(started + std::chrono::hours{1})}});
  const auto busy = daemon.client.Get("/api/v2/summary.json", {{"If-None-Match", quiet_tag}});
  REQUIRE(busy);
  CHECK(busy->status == 200);
  CHECK(busy->get_header_value("ETag") != quiet_tag);
  // A document that changed within the second of its previous date is
  // dated a second on (RenderCache), and an If-Modified-Since later than
  // the server's clock never gives a 304: move the clock past those dates.
  set_clock(started + std::chrono::seconds{3});

  for (const std::string path :
       {"/v1/status", "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json",
        "/api/v2/scheduled-maintenances/upcoming.json",
        "/api/v2/scheduled-maintenances/active.json", "/api/v2/incidents/unresolved.json", "/"}) {
    CAPTURE(path);
    const auto first = daemon.get(path);
    REQUIRE(first);
    CHECK(first->status == 200);
    CAPTURE(first->get_header_value("Last-Modified"));
    CAPTURE(first->get_header_value("Date"));
    const auto etag = first->get_header_value("ETag");
    const auto last_modified = first->get_header_value("Last-Modified");
    REQUIRE(!etag.empty());
    REQUIRE(!last_modified.empty());
    CHECK(first->get_header_value("Cache-Control") == "public, max-age=10");

    const auto again = daemon.client.Get(path.c_str(), {{"If-None-Match", etag}});
    REQUIRE(again);
    CHECK(again->status == 304);
    CHECK(again->body.empty());
    CHECK_FALSE(again->has_header("Content-Length")); // RFC 9110 section 8.6
    CHECK(again->get_header_value("ETag") == etag);

    const auto weak = daemon.client.Get(path.c_str(), {{"If-None-Match", "\"other\", W/" + etag}});
    REQUIRE(weak);
    CHECK(weak->status == 304);

    const auto since = daemon.client.Get(path.c_str(), {{"If-Modified-Since", last_modified}});
    REQUIRE(since);
    CHECK(since->status == 304);

    const auto stale = daemon.client.Get(path.c_str(), {{"If-None-Match", "\"0123456789abcdef\""}});
    REQUIRE(stale);
    CHECK(stale->status == 200);
    CHECK(stale->body == first->body);
  }

  // Completing the work changes them again: the old tag gets the new document.
  const auto tag = daemon.get("/api/v2/summary.json")->get_header_value("ETag");
  post(daemon, token,
       "/v1/maintenances/" + std::to_string(emergency["maintenance"]["id"].get<long long>()) +
           "/complete",
       nlohmann::json::object(), 200);
  const auto changed = daemon.client.Get("/api/v2/summary.json", {{"If-None-Match", tag}});
  REQUIRE(changed);
  CHECK(changed->status == 200);
  CHECK(changed->get_header_value("ETag") != tag);
  const auto body = nlohmann::json::parse(changed->body);
  CHECK(body["scheduled_maintenances"].empty());
  CHECK(body["status"]["indicator"] == "none");
  CHECK(changed->get_header_value("Access-Control-Allow-Origin") == "*");

  const auto head = daemon.client.Head("/api/v2/summary.json");
  REQUIRE(head);
  CHECK(head->status == 200);
  CHECK(head->body.empty());
}

TEST_CASE("status: with outages and work under way, every document matches docs/openapi.yaml") {
  const TestClock clock(now());
  Daemon daemon(slate::test::shipped_calendars(), clock.arguments());
  const auto token = daemon.authorise("status");
  book(daemon, token, "EU", "Database upgrade");
  const auto started = now();
  post(daemon, token, "/v1/maintenances",
       {{"kind", "emergency"},
        {"regions", {"US"}},
        {"title", "Disk replacement"},
        {"start", rfc3339(started - std::chrono::minutes{5})},
        {"end", rfc3339(started + std::chrono::hours{1})}});
  post(daemon, token, "/v1/outages",
       {{"service", "api"}, {"regions", {"UK", "IN"}}, {"description", "Errors on sign-in"}});
  post(daemon, token, "/v1/outages",
       {{"service", "web"}, {"regions", {"DC"}}, {"impact", "partial"}});

  // The exchanges in the form tests/system/openapi_check.pl reads.
  slate::test::TempDir dir;
  const auto file = dir.path() / "exchanges.jsonl";
  {
    std::ofstream out(file);
    for (const std::string path :
         {"/", "/v1/status", "/api/v2/summary.json", "/api/v2/status.json",
          "/api/v2/components.json", "/api/v2/scheduled-maintenances/upcoming.json",
          "/api/v2/scheduled-maintenances/active.json", "/api/v2/incidents/unresolved.json"}) {
      const auto response = daemon.get(path);
      REQUIRE(response);
      nlohmann::json headers = nlohmann::json::object();
      for (const auto& [name, value] : response->headers) {
        headers[name] = value;
      }
      out << nlohmann::json{{"label", "with outages " + path},
                            {"method", "GET"},
                            {"path", path},
                            {"status", response->status},
                            {"content_type", response->get_header_value("Content-Type")},
                            {"headers", headers},
                            {"body", response->body}}
                 .dump()
          << "\n";
    }
  }
  const auto run =
      run_program("/usr/bin/perl", {SLATE_SOURCE_DIR "/tests/system/openapi_check.pl",
                                    SLATE_SOURCE_DIR "/docs/openapi.yaml", file.string()});
  CAPTURE(run.out);
  CHECK(contains(run.out, "8 responses checked"));
  // Only these routes are exercised here: every other line is about coverage.
  std::istringstream lines(run.out);
  for (std::string line; std::getline(lines, line);) {
    CHECK_MESSAGE((line.starts_with("coverage: ") || line.starts_with("note: ") ||
                   line.starts_with("openapi_check: ")),
                  line);
  }
}
