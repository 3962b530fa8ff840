// Crashes: slated is killed with SIGKILL right after it answered 201 to a
// booking and to an import, and right after the clock started and completed
// a maintenance. A restart on the same database must show each of them with
// the same ids, and must not do a transition again: the audit log and the
// outbox hold it once. The kill comes as soon as the client has the answer
// (or the transition shows over HTTP), so nothing the daemon might still
// flush on a clean stop can help. The audit log and the outbox have no HTTP
// view; they are read from the database file the daemon writes.

#include "clocked_daemon.hpp"

#include <support/availability_history.hpp>

#include <slate/store/pg_connection.hpp>

#include <SQLiteCpp/SQLiteCpp.h>
#include <doctest/doctest.h>

#include <cstdint>
#include <string>
#include <vector>

using slate::formats::format_rfc3339_utc;
using slate::test::ClockedDaemon;
using namespace std::chrono_literals;

namespace {

const auto k_t0 = ClockedDaemon::instant("2030-01-01T00:00:00Z");

// Return the number of rows of `sql` (one `?` bound to each of `values`)
// in the daemon's database, read on a connection of our own while the
// daemon runs (WAL lets a reader in beside the writer).
int count_rows(const ClockedDaemon& daemon, const std::string& sql,
               const std::vector<std::string>& values) {
  if (const auto uri = slate::test::test_store_database(daemon.db()); !uri.empty()) {
    // The same query on PostgreSQL, with $1, $2... for the ?s.
    std::string numbered = "SELECT COUNT(*) FROM ";
    int placeholder = 0;
    for (const char c : sql) {
      numbered += c == '?' ? "$" + std::to_string(++placeholder) : std::string(1, c);
    }
    slate::store::pg::PgConnection db(uri);
    const std::vector<slate::store::pg::PgParam> params(values.begin(), values.end());
    return static_cast<int>(db.exec(numbered, params).int64(0, 0));
  }
  SQLite::Database db(daemon.db().string(), SQLite::OPEN_READONLY);
  SQLite::Statement query(db, "SELECT COUNT(*) FROM " + sql);
  int index = 0;
  for (const auto& value : values) {
    query.bind(++index, value);
  }
  REQUIRE(query.executeStep());
  return query.getColumn(0).getInt();
}

int audit_entries(const ClockedDaemon& daemon, const std::string& action,
                  const std::string& subject) {
  return count_rows(daemon, "audit_log WHERE action = ? AND subject = ?", {action, subject});
}

int notifications(const ClockedDaemon& daemon, const std::string& event_id) {
  return count_rows(daemon, "notifications WHERE event_id = ?", {event_id});
}

std::string path_of(std::int64_t id) {
  return "/v1/maintenances/" + std::to_string(id);
}

} // namespace

TEST_CASE("crash: a booking answered 201 is there after kill -9 right after the answer") {
  ClockedDaemon daemon(k_t0, {});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const nlohmann::json request{{"regions", {"US"}},
                               {"title", "kill -9 after 201"},
                               {"start", format_rfc3339_utc(start)},
                               {"end", format_rfc3339_utc(start + 30min)}};
  const httplib::Headers key{{"Idempotency-Key", "crash-booking"}};
  const auto made = daemon.post("/v1/maintenances", request, 201, key)["maintenance"];
  daemon.kill9();

  daemon.start();
  const auto id = made["id"].get<std::int64_t>();
  CHECK(daemon.get_json(path_of(id))["maintenance"] == made);
  CHECK(daemon.get_json("/v1/maintenances")["maintenances"].size() == 1);
  CHECK(audit_entries(daemon, "maintenance.create", "maintenance/" + std::to_string(id)) == 1);
  // The client that never saw the 201 retries with its key: the same
  // maintenance, not a second one.
  const auto replayed = daemon.post("/v1/maintenances", request, 200, key)["maintenance"];
  CHECK(replayed == made);
  CHECK(daemon.get_json("/v1/maintenances")["maintenances"].size() == 1);
  // Its announcement is queued once, by the restarted daemon if the killed
  // one had not yet.
  daemon.advance_to(k_t0 + 1min);
  CHECK(notifications(daemon, "maintenance/" + std::to_string(id) + "/announced") == 1);
  CHECK(daemon.stop() == 0);
}

TEST_CASE("crash: an import answered 201 is there after kill -9 right after the answer") {
  ClockedDaemon daemon(k_t0, {});
  const auto history = nlohmann::json::parse(slate::test::k_october_history);
  const httplib::Headers key{{"Idempotency-Key", "crash-import"}};
  const auto imported = daemon.post("/v1/import", history, 201, key);
  daemon.kill9();

  daemon.start();
  REQUIRE(imported["maintenances"].size() == history["maintenances"].size());
  REQUIRE(imported["outages"].size() == history["outages"].size());
  for (std::size_t i = 0; i < history["maintenances"].size(); ++i) {
    CAPTURE(i);
    const auto& sent = history["maintenances"][i];
    const auto id = imported["maintenances"][i].get<std::int64_t>();
    const auto stored = daemon.get_json(path_of(id))["maintenance"];
    CHECK(stored["title"] == sent["title"]);
    CHECK(ClockedDaemon::instant(stored["start"]) == ClockedDaemon::instant(sent["start"]));
    CHECK(ClockedDaemon::instant(stored["booked_end"]) == ClockedDaemon::instant(sent["end"]));
    CHECK(ClockedDaemon::instant(stored["announced_at"]) ==
          ClockedDaemon::instant(sent["announced_at"]));
    CHECK(stored["state"] == sent.value("state", "completed"));
    if (sent.contains("actual_start")) {
      CHECK(ClockedDaemon::instant(stored["started_at"]) ==
            ClockedDaemon::instant(sent["actual_start"]));
      CHECK(ClockedDaemon::instant(stored["finished_at"]) ==
            ClockedDaemon::instant(sent["actual_end"]));
    }
    CHECK(audit_entries(daemon, "import", "maintenance/" + std::to_string(id)) == 1);
  }
  for (std::size_t i = 0; i < history["outages"].size(); ++i) {
    CAPTURE(i);
    const auto& sent = history["outages"][i];
    const auto id = imported["outages"][i].get<std::int64_t>();
    const auto stored = daemon.get_json("/v1/outages/" + std::to_string(id))["outage"];
    CHECK(stored["id"] == id);
    CHECK(ClockedDaemon::instant(stored["start"]) == ClockedDaemon::instant(sent["start"]));
    CHECK(ClockedDaemon::instant(stored["end"]) == ClockedDaemon::instant(sent["end"]));
    CHECK(stored["imported"] == true);
    CHECK(audit_entries(daemon, "import", "outage/" + std::to_string(id)) == 1);
  }
  CHECK(count_rows(daemon, "audit_log WHERE action = ?", {"import"}) == 9);
  // A retry with the key gets the same ids, and stores nothing new.
  CHECK(daemon.post("/v1/import", history, 200, key) == imported);
  CHECK(count_rows(daemon, "maintenances", {}) == 4);
  CHECK(count_rows(daemon, "outages", {}) == 5);
  CHECK(daemon.stop() == 0);
}

TEST_CASE("crash: a start and a completion by the clock are kept, and not made again, after "
          "kill -9") {
  ClockedDaemon daemon(k_t0, {});
  const auto start = daemon.next_window("US", k_t0 + std::chrono::days{8});
  const auto end = start + 30min;
  const auto id = daemon.book("US", start, end);
  const std::string subject = "maintenance/" + std::to_string(id);

  // Killed as soon as the start shows over HTTP.
  daemon.advance_to(start);
  REQUIRE(daemon.state_of(id) == "in_progress");
  daemon.kill9();
  daemon.start();
  auto stored = daemon.get_json(path_of(id))["maintenance"];
  CHECK(stored["state"] == "in_progress");
  CHECK(ClockedDaemon::instant(stored["started_at"]) == start);
  CHECK(daemon.log_lines(0, "by the clock").empty());
  CHECK(audit_entries(daemon, "maintenance.start", subject) == 1);
  CHECK(notifications(daemon, subject + "/started") == 1);

  // Killed as soon as the completion shows over HTTP.
  daemon.advance_to(end);
  REQUIRE(daemon.state_of(id) == "completed");
  daemon.kill9();
  daemon.start();
  stored = daemon.get_json(path_of(id))["maintenance"];
  CHECK(stored["state"] == "completed");
  CHECK(ClockedDaemon::instant(stored["started_at"]) == start);
  CHECK(ClockedDaemon::instant(stored["finished_at"]) == end);
  CHECK(daemon.log_lines(0, "by the clock").empty());
  CHECK(audit_entries(daemon, "maintenance.start", subject) == 1);
  CHECK(audit_entries(daemon, "maintenance.complete", subject) == 1);
  CHECK(notifications(daemon, subject + "/started") == 1);
  CHECK(notifications(daemon, subject + "/completed") == 1);
  // And a later tick finds nothing left to do.
  daemon.advance_to(end + 1h);
  CHECK(daemon.log_lines(0, "by the clock").empty());
  CHECK(audit_entries(daemon, "maintenance.complete", subject) == 1);
  CHECK(daemon.stop() == 0);
}

TEST_CASE("crash: the database the daemon writes is in WAL mode") {
  ClockedDaemon daemon(k_t0, {});
  daemon.post("/v1/import", nlohmann::json::parse(slate::test::k_october_history), 201);
  // The journal mode is kept in the file: any connection sees the daemon's.
  SQLite::Database db(daemon.db().string(), SQLite::OPEN_READONLY);
  CHECK(db.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(std::filesystem::exists(daemon.db().string() + "-wal"));
  CHECK(daemon.stop() == 0);
}
