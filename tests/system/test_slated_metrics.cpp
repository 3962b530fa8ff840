// GET /metrics in Prometheus' text format, checked with Prometheus' own
// `promtool check metrics` (Debian's prometheus package, from scripts/setup),
// and the request log: one line per request, never a token.

#include "clocked_daemon.hpp"
#include "daemon_fixture.hpp"
#include "webhook_receiver.hpp"

#include <doctest/doctest.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

using slate::test::ClockedDaemon;
using slate::test::Daemon;
using slate::test::run_program;
using slate::test::TempDir;
using slate::test::WebhookReceiver;
using namespace std::chrono_literals;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Return the value of the sample `series` (name and labels) in `exposition`,
// or -1 when there is no such sample: a vanished metric fails a check on it.
double sample_of(const std::string& exposition, const std::string& series) {
  std::istringstream lines(exposition);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind(series + " ", 0) == 0) {
      return std::stod(line.substr(series.size() + 1));
    }
  }
  return -1;
}

std::string metrics_of(httplib::Client& client) {
  auto response = client.Get("/metrics");
  REQUIRE(response);
  REQUIRE(response->status == 200);
  CHECK(response->get_header_value("Content-Type") == "text/plain; version=0.0.4; charset=utf-8");
  return response->body;
}

// Run promtool on `exposition` and return what it said; empty when it passed.
std::string promtool_problems(const std::string& exposition) {
  TempDir dir;
  const auto file = dir.path() / "metrics.txt";
  std::ofstream(file, std::ios::binary) << exposition;
  const auto run =
      run_program("/bin/sh", {"-c", "promtool check metrics < '" + file.string() + "'"});
  if (run.exit_status == 127 || contains(run.err, "not found")) {
    return "promtool is missing: run scripts/setup (Debian package prometheus)";
  }
  return run.exit_status == 0 ? std::string() : run.out + run.err;
}

} // namespace

TEST_CASE("metrics: /metrics passes promtool and counts requests by route") {
  Daemon daemon;
  REQUIRE(daemon.get("/healthz"));
  REQUIRE(daemon.get("/v1/regions"));
  REQUIRE(daemon.get("/v1/regions"));
  REQUIRE(daemon.get("/v1/maintenances/12"));
  REQUIRE(daemon.get("/no/such/thing"));
  REQUIRE(daemon.client.Post("/v1/blackouts", "{}", "application/json"));

  const auto text = metrics_of(daemon.client);
  CAPTURE(text);
  CHECK(promtool_problems(text) == "");
  CHECK(contains(
      text, "slated_http_requests_total{route=\"/v1/regions\",method=\"GET\",code=\"200\"} 2\n"));
  CHECK(contains(text, "slated_http_requests_total{route=\"/v1/maintenances/{id}\",method=\"GET\","
                       "code=\"404\"} 1\n"));
  CHECK(contains(text,
                 "slated_http_requests_total{route=\"other\",method=\"GET\",code=\"404\"} 1\n"));
  CHECK(contains(text, "slated_http_requests_total{route=\"/v1/blackouts\",method=\"POST\","
                       "code=\"401\"} 1\n"));
  CHECK(contains(text, "slated_http_request_duration_seconds_bucket{route=\"/v1/regions\","
                       "le=\"+Inf\"} 2\n"));
  CHECK(contains(text, "slated_http_request_duration_seconds_count{route=\"/v1/regions\"} 2\n"));
  CHECK(contains(text, "slated_maintenances{state=\"planned\"} 0\n"));
  CHECK(contains(text, "slated_outbox_depth 0\n"));
  CHECK(contains(text, "slated_regions 6\n"));
  CHECK(contains(text, "# TYPE slated_http_request_duration_seconds histogram\n"));

  // Query parameters are refused, as on every resource without any.
  auto with_query = daemon.get("/metrics?x=1");
  REQUIRE(with_query);
  CHECK(with_query->status == 400);
}

TEST_CASE("metrics: maintenances by state, outbox depth and delivery failures") {
  WebhookReceiver receiver;
  receiver.answer(500);
  ClockedDaemon daemon(ClockedDaemon::instant("2030-01-01T00:00:00Z"),
                       {"--webhook", receiver.url()});
  const auto start = daemon.next_window("US", daemon.now() + std::chrono::days{8});
  daemon.book("US", start, start + 30min);
  daemon.book("US", start + 1h, start + 90min);
  daemon.process().wait_for_log("failed (attempt 1 of 24)");

  httplib::Client client("127.0.0.1", daemon.process().port());
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  // The notifier counts the outbox on its own thread once a write's
  // notifications are queued, a moment after the "queued" log line: the
  // daemon gives no other signal, so scrape until both count (or 10 s pass).
  std::string text = metrics_of(client);
  const auto deadline = std::chrono::steady_clock::now() + 10s;
  while (!contains(text, "slated_outbox_depth 2\n") &&
         std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(20ms);
    text = metrics_of(client);
  }
  CAPTURE(text);
  CHECK(promtool_problems(text) == "");
  CHECK(contains(text, "slated_maintenances{state=\"planned\"} 2\n"));
  CHECK(contains(text, "slated_outbox_depth 2\n"));
  CHECK(contains(text, "slated_webhook_subscribers 1\n"));
  CHECK(contains(text, "slated_notifications_queued_total{phase=\"announced\"} 2\n"));
  // At least the failure waited for above; the second may not be made yet.
  CHECK(sample_of(text, "slated_webhook_delivery_failures_total") >= 1);
  CHECK(contains(text, "slated_webhook_deliveries_total 0\n"));

  receiver.answer(200);
  daemon.advance_to(start);
  receiver.wait_for_delivered(
      {"maintenance/1/announced", "maintenance/2/announced", "maintenance/1/started"});
  const auto after = metrics_of(client);
  CHECK(promtool_problems(after) == "");
  CHECK(contains(after, "slated_maintenances{state=\"in_progress\"} 1\n"));
  CHECK(contains(after, "slated_lifecycle_transitions_total{action=\"start\"} 1\n"));
}

TEST_CASE("metrics: one access-log line per request, without its query or its token") {
  Daemon daemon(slate::test::shipped_calendars(), {"--access-log", "journal"});
  const auto mark = daemon.process.log_mark();
  httplib::Headers headers{{"Authorization", "Bearer slt_very-secret-token"}};
  REQUIRE(daemon.client.Post("/v1/blackouts?token=also-secret", headers, "{}", "application/json"));
  REQUIRE(daemon.get("/v1/regions?region=US&token=query-secret"));
  const auto write = daemon.process.wait_for_log("POST /v1/blackouts ", mark);
  CHECK(write.rfind("<6>slated: POST /v1/blackouts 401 ", 0) == 0);
  CHECK(contains(write, " ms 127.0.0.1:"));
  const auto read = daemon.process.wait_for_log("GET /v1/regions ", mark);
  CHECK(read.rfind("<6>slated: GET /v1/regions 400 ", 0) == 0);
  const auto log = daemon.process.log();
  CHECK_FALSE(contains(log, "very-secret"));
  CHECK_FALSE(contains(log, "also-secret"));
  CHECK_FALSE(contains(log, "query-secret"));
  // Probes and scrapes are logged at debug only.
  REQUIRE(daemon.get("/healthz"));
  REQUIRE(daemon.get("/v1/regions"));
  daemon.process.wait_for_log("GET /v1/regions 200", mark);
  CHECK_FALSE(contains(daemon.process.log(), "GET /healthz"));
}

TEST_CASE("metrics: availability and error budget left per service this month") {
  // January 2030 has 31 days: 2,678,400 s. At 99.95 % (etc/policies/
  // uniphore.toml, months in UTC) the budget is 0.05 % of that: 1,339.2 s,
  // 1,339 s in whole seconds. A one-hour outage of api on 5 January uses it
  // all and 2,261 s more.
  ClockedDaemon daemon(ClockedDaemon::instant("2030-01-10T00:00:00Z"), {});
  daemon.post("/v1/outages",
              {{"service", "api"},
               {"regions", {"US"}},
               {"start", "2030-01-05T00:00:00Z"},
               {"end", "2030-01-05T01:00:00Z"}},
              201);
  httplib::Client client("127.0.0.1", daemon.process().port());
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  const auto text = metrics_of(client);
  CAPTURE(text);
  CHECK(promtool_problems(text) == "");
  CHECK(contains(text, "# TYPE slated_availability_ratio gauge\n"));
  CHECK(contains(text, "slated_counted_downtime_seconds{service=\"api\"} 3600\n"));
  CHECK(contains(text, "slated_availability_target_ratio{service=\"api\"} 0.9995\n"));
  // 1 - 3600 / 2678400 = 0.998655913978...
  const std::string ratio = "slated_availability_ratio{service=\"api\"} ";
  const auto at = text.find(ratio);
  REQUIRE(at != std::string::npos);
  CHECK(std::stod(text.substr(at + ratio.size())) == doctest::Approx(0.998655914).epsilon(1e-9));
  CHECK(contains(text, "slated_error_budget_seconds{service=\"api\"} 1339\n"));
  CHECK(contains(text, "slated_error_budget_remaining_seconds{service=\"api\"} -2261\n"));

  // The same figures as the report.
  const auto report = daemon.get_json("/v1/availability?service=api");
  CHECK(report["error_budget_remaining_seconds"] == -2261);
  CHECK(report["counted_seconds"] == 3600);

  // Within the same minute, a new outage is counted at once: the figures
  // are computed again for every new snapshot.
  daemon.post("/v1/outages",
              {{"service", "api"},
               {"regions", {"EU"}},
               {"start", "2030-01-06T00:00:00Z"},
               {"end", "2030-01-06T00:10:00Z"}},
              201);
  const auto after = metrics_of(client);
  CHECK(contains(after, "slated_counted_downtime_seconds{service=\"api\"} 4200\n"));
  CHECK(contains(after, "slated_error_budget_remaining_seconds{service=\"api\"} -2861\n"));
}
