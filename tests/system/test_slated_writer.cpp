// Writes commit on slated's writer thread: a write waiting for the database
// does not hold up readers.

#include "daemon_fixture.hpp"

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <future>
#include <string>

using slate::test::Daemon;

TEST_CASE("writer: readers are answered while a write waits for the database") {
  Daemon daemon(slate::test::shipped_calendars(), {"--log-level", "debug"});
  const auto token = daemon.authorise();
  // Another process holds the database's write lock: slated's next commit
  // waits for it (up to its 5 s busy timeout).
  SQLite::Database other((daemon.state.path() / "var" / "slated.db").string(),
                         SQLite::OPEN_READWRITE);
  // slated may be committing its own start-up work (timers, the outbox)
  // just now: wait for that, as slated itself would, before taking the lock.
  other.setBusyTimeout(10000);
  other.exec("BEGIN EXCLUSIVE");

  const auto port = daemon.process.port();
  const auto mark = daemon.process.log_mark();
  auto write = std::async(std::launch::async, [port, token] {
    httplib::Client writer("127.0.0.1", port);
    writer.set_read_timeout(30);
    return writer.Post("/v1/blackouts", {{"Authorization", "Bearer " + token}},
                       R"({"regions": ["US"], "start": "2030-01-01T00:00:00Z",
                           "end": "2030-01-02T00:00:00Z", "reason": "freeze"})",
                       "application/json");
  });
  // The writer has the write and waits for the lock. Readers get their
  // answers meanwhile; had the write blocked the event loop, they would wait
  // for the lock, which is only released below, and the write would fail
  // with "database is locked" after 5 s.
  daemon.process.wait_for_log("writer: POST /v1/blackouts", mark);
  for (int i = 0; i < 20; ++i) {
    const auto status = daemon.get("/v1/status");
    REQUIRE(status);
    CHECK(status->status == 200);
  }
  CHECK(write.wait_for(std::chrono::seconds{0}) == std::future_status::timeout);
  other.exec("ROLLBACK");

  const auto written = write.get();
  REQUIRE(written);
  CAPTURE(written->body);
  CHECK(written->status == 201);
  CHECK(daemon.get_json("/v1/blackouts")["count"] == 1);
}

TEST_CASE("writer: writes without a valid token are refused without waiting for the writer") {
  Daemon daemon(slate::test::shipped_calendars(), {"--log-level", "debug"});
  const auto token = daemon.authorise();
  SQLite::Database other((daemon.state.path() / "var" / "slated.db").string(),
                         SQLite::OPEN_READWRITE);
  other.setBusyTimeout(10000);
  other.exec("BEGIN EXCLUSIVE");

  const auto port = daemon.process.port();
  const auto mark = daemon.process.log_mark();
  const std::string body = R"({"regions": ["US"], "start": "2030-01-01T00:00:00Z",
                               "end": "2030-01-02T00:00:00Z", "reason": "freeze"})";
  auto write = std::async(std::launch::async, [port, token, body] {
    httplib::Client writer("127.0.0.1", port);
    writer.set_read_timeout(30);
    return writer.Post("/v1/blackouts", {{"Authorization", "Bearer " + token}}, body,
                       "application/json");
  });
  // The writer thread is stuck on the database lock with the real write.
  daemon.process.wait_for_log("writer: POST /v1/blackouts", mark);
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(4); // less than the writer's 5 s busy timeout
  for (int i = 0; i < 50; ++i) {
    httplib::Headers headers;
    if (i % 2 == 1) {
      headers.emplace("Authorization", "Bearer not-a-token-" + std::to_string(i));
    }
    const auto refused = client.Post("/v1/blackouts", headers, body, "application/json");
    REQUIRE(refused);
    CHECK(refused->status == 401);
  }
  // Had they queued behind the real write, they would have waited for the
  // lock; the write is still waiting, and only it reached the writer.
  CHECK(write.wait_for(std::chrono::seconds{0}) == std::future_status::timeout);
  other.exec("ROLLBACK");

  const auto written = write.get();
  REQUIRE(written);
  CHECK(written->status == 201);
  const auto log = daemon.process.log();
  std::size_t reached = 0;
  for (auto at = log.find("writer: POST /v1/blackouts"); at != std::string::npos;
       at = log.find("writer: POST /v1/blackouts", at + 1)) {
    ++reached;
  }
  CHECK(reached == 1);
  CHECK(daemon.get_json("/v1/blackouts")["count"] == 1);
}
