#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/store/audit_log.hpp>
#include <slate/store/blackout_store.hpp>
#include <slate/store/idempotency_store.hpp>
#include <slate/store/maintenance_store.hpp>
#include <slate/store/migrations.hpp>
#include <slate/store/outage_store.hpp>
#include <slate/store/outbox.hpp>
#include <slate/store/pg_connection.hpp>
#include <slate/store/pg_migrations.hpp>
#include <slate/store/silence_store.hpp>
#include <slate/store/store.hpp>
#include <slate/store/ticket_store.hpp>
#include <slate/store/transaction.hpp>

#include <support/postgres_cluster.hpp>
#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <doctest/doctest.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

using slate::store::apply_migrations;
using slate::store::current_schema_version;
using slate::store::schema_migrations;
using slate::store::stored_schema_version;
using slate::store::StoreError;
using slate::store::pg::PgConnection;
using slate::test::TempDir;

namespace {

// Three steps, to show that a database at an intermediate version gets only
// the steps it is missing.
constexpr std::array<std::string_view, 3> k_steps = {
    "CREATE TABLE a (x INTEGER NOT NULL);",
    "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2);",
    "CREATE TABLE c (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (3);",
};

std::string open_database(const TempDir& dir) {
  return (dir.path() / "test.db").string();
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE("store::schema_migrations has one entry per schema version") {
  CHECK(static_cast<int>(schema_migrations().size()) == current_schema_version());
  for (const auto& sql : schema_migrations()) {
    CHECK_FALSE(sql.empty());
  }
}

TEST_CASE("store::postgresql_migrations has one entry per schema version") {
  REQUIRE(slate::store::postgresql_migrations().size() == schema_migrations().size());
  for (const auto& sql : slate::store::postgresql_migrations()) {
    CHECK_FALSE(sql.empty());
    // 32-bit INTEGER would end in 2038; every integer is BIGINT.
    CHECK(sql.find("INTEGER") == std::string_view::npos);
    CHECK(sql.find("AUTOINCREMENT") == std::string_view::npos);
  }
}

TEST_CASE("store::apply_migrations applies only the missing steps, bumping user_version") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);

  SUBCASE("from version 0") {
    apply_migrations(db, k_steps, "test.db");
    CHECK(db.execAndGet("SELECT group_concat(x) FROM (SELECT x FROM a ORDER BY x)").getString() ==
          "2,3");
  }
  SUBCASE("from an intermediate version") {
    db.exec("CREATE TABLE a (x INTEGER NOT NULL); CREATE TABLE b (x INTEGER NOT NULL); "
            "PRAGMA user_version = 2");
    apply_migrations(db, k_steps, "test.db");
    // Step 2 was not run again; only step 3 inserted its row.
    CHECK(db.execAndGet("SELECT group_concat(x) FROM a").getString() == "3");
  }
  CHECK(stored_schema_version(db) == 3);
  CHECK(db.tableExists("a"));
  CHECK(db.tableExists("b"));
  CHECK(db.tableExists("c"));

  // Running again is a no-op.
  apply_migrations(db, k_steps, "test.db");
  CHECK(stored_schema_version(db) == 3);
}

TEST_CASE("store::apply_migrations stops at the last step that fully applied") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const std::array<std::string_view, 3> steps = {
      k_steps[0],
      "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2); THIS IS NOT SQL;",
      k_steps[2],
  };
  CHECK_THROWS_WITH_AS(apply_migrations(db, steps, "test.db"),
                       doctest::Contains("database test.db: migration to schema version 2 failed, "
                                         "the database stays at version 1"),
                       StoreError);
  CHECK(stored_schema_version(db) == 1);
  CHECK(db.tableExists("a"));
  CHECK_FALSE(db.tableExists("b")); // the failed step's first statement was rolled back
  CHECK(db.execAndGet("SELECT COUNT(*) FROM a").getInt() == 0);
}

TEST_CASE("store::apply_migrations refuses a newer database without touching it") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA user_version = 4");
  CHECK_THROWS_WITH_AS(apply_migrations(db, k_steps, "test.db"),
                       "database test.db has schema version 4, newer than this slated (3); "
                       "upgrade slated or use another database",
                       StoreError);
  CHECK(stored_schema_version(db) == 4);
  CHECK_FALSE(db.tableExists("a"));
}

// ---------------------------------------------------------------------------
// Upgrades of real databases: for every earlier schema version, a file made
// by only the migrations up to it, filled with rows such as that version of
// slated wrote, opened by the current store and read back through the
// store's interfaces.

namespace {

using slate::domain::Blackout;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::domain::TicketEventType;
using slate::test::utc;

std::string at(const char* text) {
  return std::to_string(utc(text).time_since_epoch().count());
}

// Insert rows into every table a database at schema version `version`
// has, as that version of slated wrote them: SQL written for that schema,
// not the current store's code.
void fill_as_of(SQLite::Database& db, int version) {
  if (version >= 1) {
    db.exec("INSERT INTO maintenances (id, kind, state, title, message, booked_start, booked_end, "
            "end_at, announced_at, started_at, finished_at, updated_at, sequence, created_by) "
            "VALUES (1, 'scheduled', 'completed', 'Kernel updates', "
            "'Hosts reboot one at a time.\nSorry — ünïcode too.', " +
            at("2026-03-02T06:00:00Z") + ", " + at("2026-03-02T08:00:00Z") + ", " +
            at("2026-03-02T08:30:00Z") + ", " + at("2026-02-20T09:15:00Z") + ", " +
            at("2026-03-02T06:01:00Z") + ", " + at("2026-03-02T08:20:00Z") + ", " +
            at("2026-03-02T08:20:00Z") +
            ", 3, 'alice'), "
            "(2, 'emergency', 'planned', 'Disk swap', '', " +
            at("2026-03-10T01:00:00Z") + ", " + at("2026-03-10T02:00:00Z") + ", " +
            at("2026-03-10T02:00:00Z") + ", " + at("2026-03-09T23:00:00Z") + ", NULL, NULL, " +
            at("2026-03-09T23:00:00Z") + ", 0, 'ops-bot')");
    db.exec("INSERT INTO maintenance_regions (maintenance_id, region, position) VALUES "
            "(1, 'US', 0), (1, 'EU', 1), (2, 'AU', 0)");
    db.exec("INSERT INTO maintenance_services (maintenance_id, service, position) VALUES "
            "(1, 'web', 0), (1, 'api', 1)");
    db.exec("INSERT INTO blackouts (id, period_start, period_end, reason, created_at, created_by) "
            "VALUES (1, " +
            at("2026-12-20T00:00:00Z") + ", " + at("2027-01-03T00:00:00Z") +
            ", 'Year-end freeze', " + at("2026-11-01T12:00:00Z") + ", 'alice'), (3, " +
            at("2026-05-01T00:00:00Z") + ", " + at("2026-05-02T00:00:00Z") + ", 'EU launch', " +
            at("2026-04-01T00:00:00Z") + ", 'bob')");
    db.exec("INSERT INTO blackout_regions (blackout_id, region, position) VALUES (3, 'UK', 0), "
            "(3, 'EU', 1)");
    db.exec("INSERT INTO audit_log (id, at, actor, action, subject, before, after) VALUES "
            "(1, " +
            at("2026-02-20T09:15:00Z") +
            ", 'alice', 'maintenance.create', 'maintenance/1', '', '{\"id\":1}'), "
            "(2, " +
            at("2026-03-02T08:20:00Z") +
            ", 'alice', 'maintenance.complete', 'maintenance/1', '{\"id\":1,\"v\":1}', "
            "'{\"id\":1,\"v\":2}')");
    db.exec("INSERT INTO idempotency (key, actor, fingerprint, resource, created_at) VALUES "
            "('book-1', 'alice', 'sha256:abc', 'maintenance/1', " +
            at("2026-02-20T09:15:00Z") + ")");
  }
  if (version >= 2) {
    db.exec("INSERT INTO maintenances (id, kind, state, title, message, booked_start, booked_end, "
            "end_at, announced_at, started_at, finished_at, updated_at, sequence, created_by, "
            "disruptive, imported) VALUES (4, 'scheduled', 'cancelled', 'Rolling upgrade', 'x', " +
            at("2025-10-01T05:00:00Z") + ", " + at("2025-10-01T06:00:00Z") + ", " +
            at("2025-10-01T06:00:00Z") + ", " + at("2025-09-01T00:00:00Z") + ", NULL, " +
            at("2025-09-15T00:00:00Z") + ", " + at("2025-09-15T00:00:00Z") +
            ", 1, 'importer', 0, 1)");
    db.exec("INSERT INTO outages (id, service, start_at, end_at, impact, cause, description, "
            "created_at, created_by, imported) VALUES (1, 'api', " +
            at("2026-03-03T10:00:00Z") + ", " + at("2026-03-03T10:45:00Z") +
            ", 'partial', 'third_party', 'CDN down', " + at("2026-03-03T10:05:00Z") +
            ", 'alice', 0), (2, 'web', " + at("2025-10-15T00:00:00Z") +
            ", NULL, 'major', 'internal', '', " + at("2025-10-15T00:10:00Z") + ", 'importer', 1)");
    db.exec("INSERT INTO outage_regions (outage_id, region, position) VALUES (1, 'US', 0), "
            "(1, 'AU', 1), (2, 'EU', 0)");
  }
  if (version >= 3) {
    db.exec("INSERT INTO notifications (id, event_id, maintenance_id, phase, variant, event_type, "
            "due_at, created_at) VALUES (1, 'maintenance/1/announced', 1, 'announced', 0, "
            "'maintenance.announced', " +
            at("2026-02-20T09:15:00Z") + ", " + at("2026-02-20T09:15:00Z") +
            "), (2, 'maintenance/1/reminder/86400', 1, 'reminder', 86400, "
            "'maintenance.reminder', " +
            at("2026-03-01T06:00:00Z") + ", " + at("2026-03-01T06:00:00Z") + ")");
    db.exec("INSERT INTO notification_deliveries (notification_id, subscriber, body, state, "
            "attempts, last_error, finished_at) VALUES "
            "(1, 'https://hooks.example/a', '{\"n\":1}', 'delivered', 1, '', " +
            at("2026-02-20T09:15:01Z") +
            "), (2, 'https://hooks.example/a', '{\"n\":2}', 'pending', 2, 'HTTP 503', NULL), "
            "(2, 'https://hooks.example/b', '{\"n\":2,\"b\":1}', 'failed', 24, 'timed out', " +
            at("2026-03-02T06:00:00Z") + ")");
  }
  if (version >= 4) {
    db.exec("INSERT INTO tickets (id, ref, title, severity, plan, opened_at) VALUES "
            "(1, 'INC-7', 'API slow', 'P2', 'premium', " +
            at("2026-03-04T09:00:00Z") + "), (2, 'INC-8', 'Login fails', 'P1', 'standard', " +
            at("2026-03-05T09:00:00Z") + ")");
    db.exec("INSERT INTO ticket_events (id, ticket_id, type, at, severity, note) VALUES "
            "(1, 1, 'responded', " +
            at("2026-03-04T09:20:00Z") + ", '', 'on it'), (2, 1, 'severity_changed', " +
            at("2026-03-04T09:30:00Z") + ", 'P1', 'worse'), (3, 2, 'paused', " +
            at("2026-03-05T10:00:00Z") + ", '', 'waiting on the customer'), (4, 1, 'resolved', " +
            at("2026-03-04T09:25:00Z") + ", '', 'late, out of order')");
    db.exec("INSERT INTO ticket_alerts (alert_id, ticket_ref, kind, due_at, queued_at) VALUES "
            "('ticket/INC-7/response/P2/1772614800/warning', 'INC-7', 'warning', " +
            at("2026-03-04T09:45:00Z") + ", " + at("2026-03-04T09:45:00Z") + ")");
  }
  if (version >= 5) {
    db.exec("INSERT INTO maintenance_silences (tag, maintenance_id, desired, silence_id, "
            "alertmanager, status, updated_at) VALUES ('maintenance/1/US', 1, "
            "'{\"matchers\":[]}', 'am-1', 'http://am:9093', 'expired', " +
            at("2026-03-02T08:20:00Z") +
            "), ('maintenance/2/AU', 2, '{\"matchers\":[1]}', '', "
            "'', 'queued', " +
            at("2026-03-09T23:00:00Z") + ")");
    db.exec("INSERT INTO silence_changes (id, tag, maintenance_id, desired, state, attempts, "
            "last_error, created_at, finished_at) VALUES (1, 'maintenance/1/US', 1, "
            "'{\"matchers\":[]}', 'done', 1, '', " +
            at("2026-02-20T09:15:00Z") + ", " + at("2026-02-20T09:15:01Z") +
            "), (2, 'maintenance/2/AU', 2, '{\"matchers\":[1]}', 'pending', 3, "
            "'connection refused', " +
            at("2026-03-09T23:00:00Z") + ", NULL)");
  }
}

// The tables of `db` that hold no row.
std::vector<std::string> empty_tables(SQLite::Database& db) {
  std::vector<std::string> empty;
  SQLite::Statement tables(db, "SELECT name FROM sqlite_master WHERE type = 'table' AND "
                               "name NOT LIKE 'sqlite_%' ORDER BY name");
  while (tables.executeStep()) {
    const std::string name = tables.getColumn(0).getString();
    if (db.execAndGet("SELECT COUNT(*) FROM \"" + name + "\"").getInt() == 0) {
      empty.push_back(name);
    }
  }
  return empty;
}

Maintenance maintenance_1() {
  Maintenance m;
  m.id = 1;
  m.kind = MaintenanceKind::scheduled;
  m.state = MaintenanceState::completed;
  m.title = "Kernel updates";
  m.message = "Hosts reboot one at a time.\nSorry — ünïcode too.";
  m.regions = {"US", "EU"};
  m.services = {"web", "api"};
  m.booked = {utc("2026-03-02T06:00:00Z"), utc("2026-03-02T08:00:00Z")};
  m.end = utc("2026-03-02T08:30:00Z");
  m.announced_at = utc("2026-02-20T09:15:00Z");
  m.started_at = utc("2026-03-02T06:01:00Z");
  m.finished_at = utc("2026-03-02T08:20:00Z");
  m.updated_at = utc("2026-03-02T08:20:00Z");
  m.sequence = 3;
  m.created_by = "alice";
  return m; // disruptive, not imported: what version 2 gave every older row
}

Maintenance maintenance_2() {
  Maintenance m;
  m.id = 2;
  m.kind = MaintenanceKind::emergency;
  m.state = MaintenanceState::planned;
  m.title = "Disk swap";
  m.regions = {"AU"};
  m.booked = {utc("2026-03-10T01:00:00Z"), utc("2026-03-10T02:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-09T23:00:00Z");
  m.updated_at = m.announced_at;
  m.created_by = "ops-bot";
  return m;
}

Maintenance maintenance_4() {
  Maintenance m;
  m.id = 4;
  m.state = MaintenanceState::cancelled;
  m.title = "Rolling upgrade";
  m.message = "x";
  m.booked = {utc("2025-10-01T05:00:00Z"), utc("2025-10-01T06:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2025-09-01T00:00:00Z");
  m.finished_at = utc("2025-09-15T00:00:00Z");
  m.updated_at = utc("2025-09-15T00:00:00Z");
  m.sequence = 1;
  m.created_by = "importer";
  m.disruptive = false;
  m.imported = true;
  return m;
}

std::vector<Blackout> blackouts() {
  return {Blackout{1,
                   {},
                   {utc("2026-12-20T00:00:00Z"), utc("2027-01-03T00:00:00Z")},
                   "Year-end freeze",
                   utc("2026-11-01T12:00:00Z"),
                   "alice"},
          Blackout{3,
                   {"UK", "EU"},
                   {utc("2026-05-01T00:00:00Z"), utc("2026-05-02T00:00:00Z")},
                   "EU launch",
                   utc("2026-04-01T00:00:00Z"),
                   "bob"}};
}

std::vector<Outage> outages() {
  Outage cdn;
  cdn.id = 1;
  cdn.service = "api";
  cdn.regions = {"US", "AU"};
  cdn.start = utc("2026-03-03T10:00:00Z");
  cdn.end = utc("2026-03-03T10:45:00Z");
  cdn.impact = OutageImpact::partial;
  cdn.cause = OutageCause::third_party;
  cdn.description = "CDN down";
  cdn.created_at = utc("2026-03-03T10:05:00Z");
  cdn.created_by = "alice";
  Outage open;
  open.id = 2;
  open.service = "web";
  open.regions = {"EU"};
  open.start = utc("2025-10-15T00:00:00Z");
  open.created_at = utc("2025-10-15T00:10:00Z");
  open.created_by = "importer";
  open.imported = true;
  return {cdn, open};
}

// Check what the current store reads from a database filled by
// fill_as_of(version) and upgraded.
void check_read_back(slate::store::Transaction& t, int version) {
  std::vector<Maintenance> expected{maintenance_1(), maintenance_2()};
  if (version >= 2) {
    expected.push_back(maintenance_4());
  }
  CHECK(t.maintenances().load() == expected);
  CHECK(t.blackouts().load() == blackouts());

  const auto log = t.audit_log().newest(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].id == 2);
  CHECK(log[0].at == utc("2026-03-02T08:20:00Z"));
  CHECK(log[0].actor == "alice");
  CHECK(log[0].action == "maintenance.complete");
  CHECK(log[0].subject == "maintenance/1");
  CHECK(log[0].before == R"({"id":1,"v":1})");
  CHECK(log[0].after == R"({"id":1,"v":2})");
  CHECK(log[1].id == 1);
  CHECK(log[1].action == "maintenance.create");
  CHECK(log[1].before.empty());

  const auto key = t.idempotency().find("book-1", "alice");
  REQUIRE(key);
  CHECK(key->fingerprint == "sha256:abc");
  CHECK(key->resource == "maintenance/1");
  CHECK(key->created_at == utc("2026-02-20T09:15:00Z"));

  CHECK(t.outages().load() == (version >= 2 ? outages() : std::vector<Outage>{}));

  const auto counts = t.outbox().counts();
  CHECK(counts.pending == (version >= 3 ? 1 : 0));
  CHECK(counts.delivered == (version >= 3 ? 1 : 0));
  CHECK(counts.failed == (version >= 3 ? 1 : 0));
  const slate::store::DeliveryClaim claim{"upgraded", utc("2026-03-01T00:00:00Z"),
                                          utc("2026-03-01T00:00:30Z")};
  const auto pending = t.outbox().claim_next("https://hooks.example/a", claim);
  CHECK(t.outbox().claim_next("https://hooks.example/b", claim) == std::nullopt);
  if (version >= 3) {
    REQUIRE(pending);
    CHECK(pending->notification_id == 2);
    CHECK(pending->event_id == "maintenance/1/reminder/86400");
    CHECK(pending->event_type == "maintenance.reminder");
    CHECK(pending->body == R"({"n":2})");
    CHECK(pending->attempts == 2);
    CHECK(t.outbox().event_ids_due_since(utc("2026-01-01T00:00:00Z")) ==
          std::vector<std::string>{"maintenance/1/announced", "maintenance/1/reminder/86400"});
  } else {
    CHECK_FALSE(pending);
  }

  const auto tickets = t.tickets().load();
  if (version >= 4) {
    REQUIRE(tickets.size() == 2);
    CHECK(tickets[0].ref == "INC-7");
    CHECK(tickets[0].title == "API slow");
    CHECK(tickets[0].severity == "P2");
    CHECK(tickets[0].plan == "premium");
    CHECK(tickets[0].opened_at == utc("2026-03-04T09:00:00Z"));
    REQUIRE(tickets[0].events.size() == 3);
    CHECK(tickets[0].events[0].type == TicketEventType::responded);
    CHECK(tickets[0].events[0].note == "on it");
    CHECK(tickets[0].events[1].type == TicketEventType::severity_changed);
    CHECK(tickets[0].events[1].severity == "P1");
    // As they arrived, the late one last.
    CHECK(tickets[0].events[2].type == TicketEventType::resolved);
    CHECK(tickets[0].events[2].at == utc("2026-03-04T09:25:00Z"));
    CHECK(tickets[1].ref == "INC-8");
    REQUIRE(tickets[1].events.size() == 1);
    CHECK(tickets[1].events[0].type == TicketEventType::paused);
    CHECK(t.tickets().alert_ids() ==
          std::vector<std::string>{"ticket/INC-7/response/P2/1772614800/warning"});
  } else {
    CHECK(tickets.empty());
    CHECK(t.tickets().alert_ids().empty());
  }

  const auto silences = t.silences().load();
  const auto change = t.silences().next_pending();
  if (version >= 5) {
    REQUIRE(silences.size() == 2);
    CHECK(silences[0].tag == "maintenance/1/US");
    CHECK(silences[0].silence_id == "am-1");
    CHECK(silences[0].status == "expired");
    CHECK(silences[1].tag == "maintenance/2/AU");
    CHECK(silences[1].desired == R"({"matchers":[1]})");
    REQUIRE(change);
    CHECK(change->id == 2);
    CHECK(change->attempts == 3);
    CHECK(t.silences().counts().done == 1);
  } else {
    CHECK(silences.empty());
    CHECK_FALSE(change);
  }

  // Migration 6 starts the state version of an old database at 0.
  CHECK(t.state_version() == 0);
}

} // namespace

namespace {

bool pg_has_table(PgConnection& db, const std::string& table) {
  return db.run("SELECT to_regclass($1) IS NOT NULL", table).text(0, 0) == "t";
}

} // namespace

TEST_CASE("store::open_sqlite_store upgrades a filled database of every earlier schema version") {
  REQUIRE(current_schema_version() >= 2);
  for (int version = 1; version < current_schema_version(); ++version) {
    CAPTURE(version);
    TempDir dir;
    const auto path = dir.path() / "old.db";
    {
      SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
      apply_migrations(raw, schema_migrations().first(static_cast<std::size_t>(version)), "old.db");
      REQUIRE(stored_schema_version(raw) == version);
      fill_as_of(raw, version);
      // Every table that version had holds rows: a table a later
      // migration adds must get its rows in fill_as_of.
      CHECK(empty_tables(raw) == std::vector<std::string>{});
    }
    auto store = slate::store::open_sqlite_store(path);
    CHECK(store->schema_version() == current_schema_version());
    // A write: claiming a delivery is part of reading it back.
    store->write("read the upgraded database",
                 [&](slate::store::Transaction& t) { check_read_back(t, version); });
    // It takes new rows, with ids after the old ones.
    std::int64_t id = 0;
    store->write("book after the upgrade", [&](slate::store::Transaction& t) {
      id = t.maintenances().insert(maintenance_2());
      t.outages().insert(outages()[0]);
    });
    CHECK(id == (version >= 2 ? 5 : 3));
    SQLite::Database raw(path.string(), SQLite::OPEN_READONLY);
    CHECK(stored_schema_version(raw) == current_schema_version());
  }
}

TEST_CASE("store::pg::apply_migrations applies only the missing steps, bumping the version") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  SUBCASE("from version 0") {
    slate::store::pg::apply_migrations(db, k_steps);
    CHECK(db.run("SELECT string_agg(x::text, ',' ORDER BY x) FROM a").text(0, 0) == "2,3");
  }
  SUBCASE("from an intermediate version") {
    slate::store::pg::apply_migrations(db, std::span(k_steps).first(2));
    CHECK(slate::store::pg::stored_schema_version(db) == 2);
    db.exec_script("DELETE FROM a");
    slate::store::pg::apply_migrations(db, k_steps);
    // Step 2 was not run again; only step 3 inserted its row.
    CHECK(db.run("SELECT string_agg(x::text, ',') FROM a").text(0, 0) == "3");
  }
  CHECK(slate::store::pg::stored_schema_version(db) == 3);
  CHECK(pg_has_table(db, "b"));
  CHECK(pg_has_table(db, "c"));
  slate::store::pg::apply_migrations(db, k_steps);
  CHECK(slate::store::pg::stored_schema_version(db) == 3);
}

TEST_CASE("store::pg::apply_migrations stops at the last step that fully applied") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  const std::array<std::string_view, 3> steps = {
      k_steps[0],
      "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2); THIS IS NOT SQL;",
      k_steps[2],
  };
  CHECK_THROWS_WITH_AS(slate::store::pg::apply_migrations(db, steps),
                       doctest::Contains(("database " + db.name() +
                                          ": migration to schema version 2 failed, the database "
                                          "stays at version 1")
                                             .c_str()),
                       StoreError);
  CHECK(slate::store::pg::stored_schema_version(db) == 1);
  CHECK(pg_has_table(db, "a"));
  CHECK_FALSE(pg_has_table(db, "b")); // DDL is transactional: rolled back too
  CHECK(db.run("SELECT COUNT(*) FROM a").int64(0, 0) == 0);
}

TEST_CASE("store::pg::apply_migrations refuses a newer database without touching it") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  slate::store::pg::apply_migrations(db, std::array<std::string_view, 4>{"", "", "", ""});
  CHECK_THROWS_WITH_AS(slate::store::pg::apply_migrations(db, k_steps),
                       ("database " + db.name() +
                        " has schema version 4, newer than this slated (3); upgrade slated or "
                        "use another database")
                           .c_str(),
                       StoreError);
  CHECK(slate::store::pg::stored_schema_version(db) == 4);
  CHECK_FALSE(pg_has_table(db, "a"));
}

TEST_SUITE_END();
