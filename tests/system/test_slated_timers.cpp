// slated's clock: maintenance moves planned -> in_progress -> completed on
// time, reminders go out at their offsets, a stopped daemon catches up once,
// and a SIGHUP with a broken policy keeps the old one. The daemon runs on a
// test clock (--test-clock-file) that each test moves by hand; every wait
// is for something observable (a log line, a webhook), never a sleep.

#include "clocked_daemon.hpp"
#include "webhook_receiver.hpp"

#include <doctest/doctest.h>

#include <csignal>
#include <fstream>
#include <string>
#include <vector>

using slate::formats::format_rfc3339_utc;
using slate::test::ClockedDaemon;
using slate::test::expected_signature;
using slate::test::TempDir;
using slate::test::WebhookReceiver;
using slate::test::WebhookRequest;
using namespace std::chrono_literals;

namespace {

const auto k_t0 = ClockedDaemon::instant("2030-01-01T00:00:00Z");
const std::string k_secret = "timers-secret";

std::string write_secret(const TempDir& dir) {
  const auto path = dir.path() / "webhook-secret";
  std::ofstream(path) << k_secret << "\n";
  return path.string();
}

std::vector<std::string> ids_of(const std::vector<WebhookRequest>& requests) {
  std::vector<std::string> ids;
  for (const auto& request : requests) {
    ids.push_back(request.event_id);
  }
  return ids;
}

} // namespace

TEST_CASE("timers: a booked maintenance moves through its phases and sends its reminders on time") {
  WebhookReceiver receiver;
  TempDir secrets;
  ClockedDaemon daemon(
      k_t0, {"--webhook", receiver.url(), "--webhook-secret-file", write_secret(secrets)});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto end = start + 30min;
  const auto id = daemon.book("US", start, end);
  const std::string base = "maintenance/" + std::to_string(id) + "/";

  auto got = receiver.wait_for(1);
  CHECK(got.back().event_id == base + "announced");

  // Each reminder: nothing a second before its time, the reminder at it.
  struct Step {
    std::chrono::seconds before_start;
    std::string event;
  };
  const std::vector<Step> reminders{
      {std::chrono::days{7}, "reminder/604800"}, {24h, "reminder/86400"}, {1h, "reminder/3600"}};
  std::size_t count = 1;
  for (const auto& step : reminders) {
    CAPTURE(step.event);
    const auto due = start - step.before_start;
    const auto early = daemon.advance_to(due - 1s);
    CHECK(daemon.log_lines(early, "queued").empty());
    const auto mark = daemon.advance_to(due);
    CHECK(daemon.log_lines(mark, "notification " + base + step.event + " queued").size() == 1);
    got = receiver.wait_for(++count);
    CHECK(got.back().event_id == base + step.event);
    CHECK(ClockedDaemon::instant(got.back().json()["due_at"]) == due);
    CHECK(got.back().json()["reminder_offset_seconds"] == step.before_start.count());
  }
  CHECK(daemon.state_of(id) == "planned");

  // The start: the clock starts it, and says so.
  daemon.advance_to(start - 1s);
  CHECK(daemon.state_of(id) == "planned");
  auto mark = daemon.advance_to(start);
  CHECK(daemon.log_lines(mark, "maintenance " + std::to_string(id) + " started by the clock")
            .size() == 1);
  CHECK(daemon.state_of(id) == "in_progress");
  got = receiver.wait_for(++count);
  CHECK(got.back().event_id == base + "started");
  CHECK(got.back().json()["maintenance"]["state"] == "in_progress");

  // The end: completed.
  daemon.advance_to(end - 1s);
  CHECK(daemon.state_of(id) == "in_progress");
  daemon.advance_to(end);
  CHECK(daemon.state_of(id) == "completed");
  got = receiver.wait_for(++count);
  CHECK(got.back().event_id == base + "completed");
  const auto maintenance = daemon.get_json("/v1/maintenances/" + std::to_string(id))["maintenance"];
  CHECK(ClockedDaemon::instant(maintenance["started_at"]) == start);
  CHECK(ClockedDaemon::instant(maintenance["finished_at"]) == end);

  // Every request: signed, first attempt, a JSON body naming its event.
  CHECK(ids_of(got) == std::vector<std::string>{base + "announced", base + "reminder/604800",
                                                base + "reminder/86400", base + "reminder/3600",
                                                base + "started", base + "completed"});
  for (const auto& request : got) {
    CAPTURE(request.event_id);
    CHECK(request.signature == expected_signature(k_secret, request.body));
    CHECK(request.attempt == "1");
    CHECK(request.content_type == "application/json");
    CHECK(request.json()["event_id"] == request.event_id);
    CHECK(request.event == request.json()["event"]);
    CHECK(request.json()["message"].get<std::string>().find("timer test") != std::string::npos);
  }
  CHECK(daemon.stop() == 0);
}

TEST_CASE("timers: with auto-transitions off, operators act and an overrun is flagged") {
  WebhookReceiver receiver;
  ClockedDaemon daemon(
      k_t0, {"--webhook", receiver.url(), "--auto-transitions", "false", "--reminders", "none"});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto end = start + 30min;
  const auto id = daemon.book("US", start, end);
  receiver.wait_for(1);
  daemon.advance_to(start + 5min);
  CHECK(daemon.state_of(id) == "planned");
  daemon.post("/v1/maintenances/" + std::to_string(id) + "/start", nlohmann::json::object(), 200);
  auto got = receiver.wait_for(2);
  CHECK(got.back().event_id == "maintenance/" + std::to_string(id) + "/started");

  daemon.advance_to(end);
  CHECK(daemon.state_of(id) == "in_progress");
  got = receiver.wait_for(3);
  CHECK(got.back().event_id == "maintenance/" + std::to_string(id) + "/overrun/" +
                                   std::to_string(end.time_since_epoch().count()));
  // The in_progress template, with its overrun section.
  CHECK(got.back().json()["message"].get<std::string>().find("and is taking longer") !=
        std::string::npos);
  daemon.post("/v1/maintenances/" + std::to_string(id) + "/complete", nlohmann::json::object(),
              200);
  got = receiver.wait_for(4);
  CHECK(got.back().event_id == "maintenance/" + std::to_string(id) + "/completed");
}

TEST_CASE("timers: after a stop the daemon catches up, each transition and notification once") {
  WebhookReceiver receiver;
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url()});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto end = start + 1h;
  const auto id = daemon.book("US", start, end);
  receiver.wait_for(1);
  REQUIRE(daemon.stop() == 0);

  // Down for the last day before the start and the whole maintenance.
  daemon.set_clock(end + 2h);
  daemon.start();
  CHECK(daemon.state_of(id) == "completed");
  const auto got = receiver.wait_for(3);
  const std::string base = "maintenance/" + std::to_string(id) + "/";
  // Reminders that only matter before the start are not sent late.
  CHECK(ids_of(got) ==
        std::vector<std::string>{base + "announced", base + "started", base + "completed"});
  CHECK(daemon.log_lines(0, "started by the clock").size() == 1);
  CHECK(daemon.log_lines(0, "completed by the clock").size() == 1);

  // Once more: nothing is left to do.
  REQUIRE(daemon.stop() == 0);
  daemon.start();
  daemon.advance_to(end + 3h);
  CHECK(daemon.log_lines(0, "by the clock").empty());
  CHECK(daemon.log_lines(0, "queued").empty());
  CHECK(daemon.log_lines(0, "pending from before").empty());
  CHECK(receiver.requests().size() == 3);

  // A month on, the finished notifications leave the outbox, and are not
  // sent again.
  REQUIRE(daemon.stop() == 0);
  daemon.set_clock(end + std::chrono::days{31});
  daemon.start();
  CHECK(daemon.log_lines(0, "removed 3 finished notifications due more than 30 days ago").size() ==
        1);
  httplib::Client client("127.0.0.1", daemon.process().port());
  client.set_connection_timeout(5);
  client.set_read_timeout(10);
  const auto metrics = client.Get("/metrics");
  REQUIRE(metrics);
  CHECK(metrics->body.find("slated_outbox_deliveries{state=\"delivered\"} 0\n") !=
        std::string::npos);
  CHECK(receiver.requests().size() == 3);
}

TEST_CASE("timers: SIGHUP with a broken policy keeps serving the old one") {
  TempDir dir;
  const auto policy = dir.path() / "policy.toml";
  std::filesystem::copy_file(SLATE_SOURCE_DIR "/etc/policies/uniphore.toml", policy);
  ClockedDaemon daemon(k_t0, {"--policy", policy.string()});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{2});

  std::ofstream(policy, std::ios::trunc) << "name = \"broken\"\nnotice = \"soon\"\n";
  const auto mark = daemon.process().log_mark();
  daemon.process().signal(SIGHUP);
  const auto line = daemon.process().wait_for_log("reload failed", mark);
  CHECK(line.rfind("<3>slated: ", 0) == 0);
  CHECK(line.find("policy 'uniphore'") != std::string::npos);
  CHECK(line.find(policy.filename().string()) != std::string::npos);

  // The old policy's week of notice still holds, and the daemon serves.
  auto refused = daemon.post("/v1/maintenances",
                             {{"regions", {"US"}},
                              {"title", "too soon"},
                              {"start", format_rfc3339_utc(start)},
                              {"end", format_rfc3339_utc(start + 30min)}},
                             422);
  CHECK(refused["error"]["code"] == "insufficient_notice");
  CHECK(refused["error"]["message"].get<std::string>().find("uniphore") != std::string::npos);
  CHECK(daemon.get_json("/healthz")["status"] == "ok");
}
