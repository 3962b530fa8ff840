// slated's webhooks: a durable outbox, so that kill -9 at any moment loses
// no notification (a repeat carries the same event id), retries with
// backoff, a Slack-compatible body, HMAC signatures, and --check-config on
// the webhook settings. Receivers are local (webhook_receiver.hpp).

#include "clocked_daemon.hpp"
#include "webhook_receiver.hpp"

#include <date/date.h>
#include <doctest/doctest.h>

#include <algorithm>
#include <csignal>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <string>
#include <vector>

using slate::test::ClockedDaemon;
using slate::test::expected_signature;
using slate::test::run_program;
using slate::test::TempDir;
using slate::test::WebhookReceiver;
using slate::test::WebhookRequest;
using namespace std::chrono_literals;

namespace {

const auto k_t0 = ClockedDaemon::instant("2030-01-01T00:00:00Z");
// Longer than the default lease (30 s) on a webhook delivery.
constexpr std::chrono::seconds k_past_lease{31};

// Every event id that arrived more than once arrived with the same body:
// a repeat is recognisable as one.
void check_repeats_are_identical(const std::vector<WebhookRequest>& requests) {
  std::map<std::string, std::string> body_of;
  for (const auto& request : requests) {
    CAPTURE(request.event_id);
    const auto [it, first] = body_of.emplace(request.event_id, request.body);
    CHECK(it->second == request.body);
  }
}

} // namespace

TEST_CASE("webhooks: kill -9 with notifications pending loses none") {
  WebhookReceiver receiver;
  receiver.answer(503);
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url()});
  const auto us = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto eu = daemon.next_window("EU", k_t0 + std::chrono::days{8});
  REQUIRE(std::max(us, eu) - std::min(us, eu) < std::chrono::days{6});
  const auto first = daemon.book("US", us, us + 30min);
  const auto second = daemon.book("EU", eu, eu + 30min);
  // Both 7-day reminders, each at its time.
  daemon.advance_to(std::min(us, eu) - std::chrono::days{7});
  daemon.advance_to(std::max(us, eu) - std::chrono::days{7});
  const std::set<std::string> expected{"maintenance/" + std::to_string(first) + "/announced",
                                       "maintenance/" + std::to_string(second) + "/announced",
                                       "maintenance/" + std::to_string(first) + "/reminder/604800",
                                       "maintenance/" + std::to_string(second) +
                                           "/reminder/604800"};
  daemon.process().wait_for_log("failed (attempt 1 of 24)");
  receiver.wait_for(1);

  CHECK(daemon.log_lines(0, " queued for 1 subscribers").size() == 4);
  daemon.kill9();
  receiver.answer(200);
  daemon.start();
  CHECK(daemon.log_lines(0, "4 webhook deliveries pending from before").size() == 1);
  // On PostgreSQL, a dead run's claim holds until its lease ends: the
  // restarted daemon is another replica to it (SQLite drops them at open).
  daemon.advance_to(daemon.now() + k_past_lease);
  const auto delivered = receiver.wait_for_delivered(expected);
  CHECK(delivered == expected);
  // In the order they were queued: the announcements first.
  std::vector<std::string> accepted;
  for (const auto& request : receiver.requests()) {
    if (request.answered == 200) {
      accepted.push_back(request.event_id);
    }
  }
  REQUIRE(accepted.size() == 4);
  CHECK(accepted[0] == "maintenance/" + std::to_string(first) + "/announced");
  CHECK(accepted[1] == "maintenance/" + std::to_string(second) + "/announced");
  check_repeats_are_identical(receiver.requests());
}

TEST_CASE("webhooks: kill -9 with a delivery in flight sends it again with the same event id") {
  WebhookReceiver receiver;
  receiver.hold();
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url()});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto id = daemon.book("US", start, start + 30min);
  receiver.wait_for_arrivals(1);
  daemon.kill9();
  // The receiver acknowledges, but nobody is left to hear it.
  receiver.release();
  receiver.wait_for(1);

  daemon.start();
  daemon.advance_to(daemon.now() + k_past_lease); // as above
  const auto got = receiver.wait_for(2);
  const std::string announced = "maintenance/" + std::to_string(id) + "/announced";
  CHECK(got[0].event_id == announced);
  CHECK(got[1].event_id == announced);
  CHECK(got[1].attempt == "1"); // the attempt in flight was never recorded
  check_repeats_are_identical(got);
  CHECK(daemon.stop() == 0);
  // Acknowledged now: a restart sends nothing.
  daemon.start();
  daemon.advance_to(k_t0 + 1h);
  CHECK(daemon.log_lines(0, "sending ").empty());
  CHECK(receiver.requests().size() == 2);
}

TEST_CASE("webhooks: SIGTERM with a receiver that never finishes answering stops within 10 s") {
  WebhookReceiver receiver;
  receiver.trickle(true);
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url()});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto id = daemon.book("US", start, start + 30min);
  receiver.wait_for_arrivals(1);
  // The answer never ends and never idles long enough for a read timeout:
  // only the stop deadline ends the request. stop() kills slated and
  // returns -1 if it is still running 10 s after SIGTERM.
  CHECK(daemon.stop() == 0);
  CHECK(daemon.log_lines(0, "still open after the stop deadline").size() == 1);

  // Abandoned, not lost: sent again, with the same event id.
  receiver.trickle(false);
  daemon.start();
  const auto got = receiver.wait_for(2);
  const std::string announced = "maintenance/" + std::to_string(id) + "/announced";
  CHECK(got[0].event_id == announced);
  CHECK(got[1].event_id == announced);
  check_repeats_are_identical(got);
}

TEST_CASE("webhooks: a failed delivery is retried with backoff, then given up") {
  WebhookReceiver receiver;
  SUBCASE("retried until it is acknowledged") {
    receiver.answer_next({500, 502});
    ClockedDaemon daemon(k_t0, {"--webhook", receiver.url()});
    const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
    daemon.book("US", start, start + 30min);
    const auto got = receiver.wait_for(3);
    CHECK(got[0].event_id == got[2].event_id);
    CHECK(got[0].attempt == "1");
    CHECK(got[1].attempt == "2");
    CHECK(got[2].attempt == "3");
    CHECK(got[2].answered == 200);
    CHECK(daemon.log_lines(0, "answered 500; retrying in 1 s").size() == 1);
    CHECK(daemon.log_lines(0, "answered 502; retrying in 2 s").size() == 1);
    check_repeats_are_identical(got);
  }
  SUBCASE("given up after the last attempt; the next one is still sent") {
    receiver.answer_next({500, 500});
    ClockedDaemon daemon(k_t0, {"--webhook", receiver.url(), "--webhook-attempts", "2"});
    const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
    const auto first = daemon.book("US", start, start + 30min, "first");
    const auto second = daemon.book("US", start + 1h, start + 90min, "second");
    const auto got = receiver.wait_for(3);
    CHECK(got[0].event_id == "maintenance/" + std::to_string(first) + "/announced");
    CHECK(got[1].event_id == got[0].event_id);
    CHECK(got[2].event_id == "maintenance/" + std::to_string(second) + "/announced");
    const auto line = daemon.process().wait_for_log("gave up delivering");
    CHECK(line.rfind("<3>", 0) == 0);
    CHECK(line.find("after 2 attempts: answered 500") != std::string::npos);
    CHECK(daemon.get_json("/healthz")["status"] == "ok"); // the daemon still serves
  }
}

TEST_CASE("webhooks: Slack-compatible bodies for slack+ subscribers, signatures for all") {
  WebhookReceiver plain;
  WebhookReceiver slack;
  TempDir dir;
  const auto secret_file = dir.path() / "secret";
  std::ofstream(secret_file) << "s3cret\n";
  ClockedDaemon daemon(k_t0, {"--webhook", plain.url() + ", slack+" + slack.url(),
                              "--webhook-secret-file", secret_file.string()});
  const auto start = daemon.next_window("IN", k_t0 + std::chrono::days{8});
  daemon.book("IN", start, start + 30min, "Kernel <patch> & reboot");

  const auto json = plain.wait_for(1).front();
  const auto slack_body = slack.wait_for(1).front();
  CHECK(json.event_id == slack_body.event_id);
  CHECK(json.signature == expected_signature("s3cret", json.body));
  CHECK(slack_body.signature == expected_signature("s3cret", slack_body.body));
  const auto message = json.json()["message"].get<std::string>();
  CHECK(message.find("Kernel <patch> & reboot") != std::string::npos);
  CAPTURE(message);
  // From etc/templates/announced.mustache; India's clock is the home zone's,
  // so its time is given once (IST is UTC+05:30 all year).
  // The end has its date only when it falls on another day.
  const auto local = date::floor<std::chrono::minutes>(start + 5h + 30min);
  const auto end = local + 30min;
  const bool same_day = date::floor<date::days>(local) == date::floor<date::days>(end);
  CHECK(message.find("Scheduled maintenance: Kernel <patch> & reboot\nIndia: " +
                     date::format("%a %d %b %R", local) + "\u2013" +
                     date::format(same_day ? "%R" : "%a %d %b %R", end) + " IST\n") !=
        std::string::npos);
  CHECK(slack_body.json()["text"] == message);
  CHECK(slack_body.json()["blocks"][0]["text"]["text"].get<std::string>().find(
            "Kernel &lt;patch&gt; &amp; reboot") != std::string::npos);
  CHECK_FALSE(slack_body.json().contains("event_id"));
}

TEST_CASE("webhooks: messages come from the templates; SIGHUP reloads them, a broken set is "
          "refused") {
  WebhookReceiver receiver;
  TempDir dir;
  const auto templates = dir.path() / "templates";
  std::filesystem::copy(SLATE_SOURCE_DIR "/etc/templates", templates);
  const auto announced = templates / "announced.mustache";
  std::ofstream(announced) << "Heads up: {{title}} in {{#regions}}{{name}}{{/regions}}.\n";
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url(), "--templates", templates.string(),
                              "--reminders", "none"});
  auto after = k_t0 + std::chrono::days{8};
  const auto book_next = [&](const std::string& title) {
    const auto start = daemon.next_window("IN", after);
    after = start + std::chrono::days{1};
    daemon.book("IN", start, start + 30min, title);
  };
  const auto last_message = [&](std::size_t count) {
    return receiver.wait_for(count).back().json()["message"].get<std::string>();
  };
  book_next("first");
  CHECK(last_message(1) == "Heads up: first in India.");

  // A template with an unknown variable: the reload is refused, the old
  // templates stay in force.
  std::ofstream(announced, std::ios::trunc) << "Heads up:\n{{titel}}\n";
  auto mark = daemon.process().log_mark();
  daemon.process().signal(SIGHUP);
  const auto line = daemon.process().wait_for_log("reload failed", mark);
  CHECK(line.find(announced.string() + ":2: unknown variable 'titel'") != std::string::npos);
  book_next("second");
  CHECK(last_message(2) == "Heads up: second in India.");

  std::ofstream(announced, std::ios::trunc) << "Booked: {{title}}.\n";
  mark = daemon.process().log_mark();
  daemon.process().signal(SIGHUP);
  daemon.process().wait_for_log("reloaded calendars, policy and templates on SIGHUP", mark);
  book_next("third");
  CHECK(last_message(3) == "Booked: third.");
  // The status documents use them too.
  const auto status = daemon.get_json("/v1/status");
  bool seen = false;
  for (const auto& region : status["regions"]) {
    for (const auto& upcoming : region["upcoming_maintenance"]) {
      seen = seen || upcoming["text"] == "Booked: third.";
    }
  }
  CHECK(seen);
}

TEST_CASE("webhooks: SIGHUP rotates the secret; an unreadable one keeps the old") {
  WebhookReceiver receiver;
  TempDir dir;
  const auto secret_file = dir.path() / "secret";
  std::ofstream(secret_file) << "first\n";
  ClockedDaemon daemon(k_t0, {"--webhook", receiver.url(), "--webhook-secret-file",
                              secret_file.string(), "--reminders", "none"});
  auto after = k_t0 + std::chrono::days{8};
  const auto book_next = [&] {
    const auto start = daemon.next_window("IN", after);
    after = start + std::chrono::days{1};
    daemon.book("IN", start, start + 30min);
  };
  const auto reload = [&](const std::string& expected) {
    const auto mark = daemon.process().log_mark();
    daemon.process().signal(SIGHUP);
    return daemon.process().wait_for_log(expected, mark);
  };
  book_next();
  auto got = receiver.wait_for(1);
  CHECK(got.back().signature == expected_signature("first", got.back().body));

  std::ofstream(secret_file, std::ios::trunc) << "second\n";
  reload("reloaded calendars, policy and templates on SIGHUP");
  book_next();
  got = receiver.wait_for(2);
  CHECK(got.back().signature == expected_signature("second", got.back().body));

  std::ofstream(secret_file, std::ios::trunc) << "\n";
  const auto line = reload("reload of the webhook secret failed");
  CHECK(line.find("webhook-secret-file: is empty") != std::string::npos);
  book_next();
  got = receiver.wait_for(3);
  CHECK(got.back().signature == expected_signature("second", got.back().body));
}

TEST_CASE("webhooks: --check-config names each broken webhook setting") {
  TempDir dir;
  const auto run =
      run_program(SLATED_BINARY, {"--check-config", "--webhook", "ftp://example.org/x",
                                  "--reminders", "7d,soon", "--auto-transitions", "maybe"});
  CHECK(run.exit_status == 1);
  CHECK(run.err.find("command line: --webhook: 'ftp://example.org/x' is not an http:// or "
                     "https:// URL") != std::string::npos);
  CHECK(run.err.find("command line: --reminders: 'soon' is not an offset") != std::string::npos);
  CHECK(run.err.find("command line: --auto-transitions: 'maybe' is not true or false") !=
        std::string::npos);

  const auto missing = (dir.path() / "no-such-secret").string();
  const auto secret =
      run_program(SLATED_BINARY, {"--check-config", "--webhook-secret-file", missing});
  CHECK(secret.exit_status == 1);
  CHECK(secret.err == missing + ": webhook-secret-file: cannot be read\n");

  std::ofstream(dir.path() / "empty");
  const auto empty = run_program(
      SLATED_BINARY, {"--check-config", "--webhook-secret-file", (dir.path() / "empty").string()});
  CHECK(empty.exit_status == 1);
  CHECK(empty.err.find("webhook-secret-file: is empty") != std::string::npos);

  std::ofstream(dir.path() / "secret") << "x\n";
  const auto fine = run_program(
      SLATED_BINARY, {"--check-config", "--webhook", "http://127.0.0.1:9/a,slack+https://h/b",
                      "--webhook-secret-file", (dir.path() / "secret").string()});
  CAPTURE(fine.err);
  CHECK(fine.exit_status == 0);
  CHECK(fine.out.find("2 webhook subscribers") != std::string::npos);
}
