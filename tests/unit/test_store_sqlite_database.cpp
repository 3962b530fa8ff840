#include <slate/store/migrations.hpp>
#include <slate/store/pg_connection.hpp>
#include <slate/store/pg_migrations.hpp>
#include <slate/store/store.hpp>

#include <support/postgres_cluster.hpp>
#include <support/store_backends.hpp>
#include <support/store_steps.hpp>

#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <doctest/doctest.h>

#include <fstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace fs = std::filesystem;

using slate::domain::Blackout;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::store::AuditEntry;
using slate::store::current_schema_version;
using slate::store::IdempotencyRecord;
using slate::store::StoreError;
using slate::test::open_store_steps;
using slate::test::TempDir;
using slate::test::utc;

namespace {

// Every field set, several regions and services in an order that is not
// alphabetical, so that a sort on load would show.
Maintenance full_maintenance() {
  Maintenance m;
  m.kind = MaintenanceKind::emergency;
  m.state = MaintenanceState::completed;
  m.title = "Database failover";
  m.message = "Writes may fail for a minute.\nSorry — ünïcode too.";
  m.regions = {"US", "EU", "AP"};
  m.services = {"web", "api", "billing"};
  m.booked = {utc("2026-03-01T02:00:00Z"), utc("2026-03-01T04:00:00Z")};
  m.end = utc("2026-03-01T05:30:00Z");
  m.announced_at = utc("2026-02-20T09:15:00Z");
  m.started_at = utc("2026-03-01T02:01:00Z");
  m.finished_at = utc("2026-03-01T05:10:00Z");
  m.updated_at = utc("2026-03-01T05:10:00Z");
  m.sequence = 4;
  m.created_by = "ops-bot";
  return m;
}

// No optional field, no region, no service.
Maintenance minimal_maintenance() {
  Maintenance m;
  m.title = "Kernel updates";
  m.booked = {utc("2026-04-05T01:00:00Z"), utc("2026-04-05T03:00:00Z")};
  m.end = m.booked.end;
  m.announced_at = utc("2026-03-01T00:00:00Z");
  m.updated_at = m.announced_at;
  m.created_by = "alice";
  return m;
}

Blackout blackout(std::vector<std::string> regions, const std::string& reason) {
  Blackout b;
  b.regions = std::move(regions);
  b.period = {utc("2026-12-20T00:00:00Z"), utc("2027-01-03T00:00:00Z")};
  b.reason = reason;
  b.created_at = utc("2026-11-01T12:00:00Z");
  b.created_by = "alice";
  return b;
}

AuditEntry audit(const std::string& action, const std::string& actor = "alice") {
  AuditEntry a;
  a.at = utc("2026-03-01T00:00:00Z");
  a.actor = actor;
  a.action = action;
  return a;
}

IdempotencyRecord idempotency(const std::string& key, const std::string& actor = "alice") {
  return IdempotencyRecord{key, actor, "sha256:abc", "", utc("2026-03-01T00:00:00Z")};
}

std::string render_maintenance(const Maintenance& m) {
  return R"({"id":)" + std::to_string(m.id) + R"(,"title":")" + m.title + R"("})";
}

std::string render_blackout(const Blackout& b) {
  return R"({"id":)" + std::to_string(b.id) + "}";
}

// The row counts of every table, to show that a failed write changed
// nothing; counted on a second connection of `backend`.
template <class Backend> std::vector<std::int64_t> all_counts(Backend& backend) {
  std::vector<std::int64_t> counts;
  for (const char* table : {"maintenances", "maintenance_regions", "maintenance_services",
                            "blackouts", "blackout_regions", "audit_log", "idempotency"}) {
    counts.push_back(backend.count_rows(table));
  }
  return counts;
}

int user_version(const fs::path& path) {
  SQLite::Database db(path.string(), SQLite::OPEN_READWRITE);
  return db.execAndGet("PRAGMA user_version").getInt();
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE("store::open_sqlite_store creates the directory and a current, empty database") {
  TempDir dir;
  const auto path = dir.path() / "state" / "nested" / "slated.db";
  auto db = open_store_steps(path);

  CHECK(fs::exists(path));
  CHECK(current_schema_version() >= 1);
  CHECK(db->schema_version() == current_schema_version());
  CHECK(user_version(path) == current_schema_version());
  CHECK(db->load_maintenances().empty());
  CHECK(db->load_blackouts().empty());
  CHECK(db->audit_log(10).empty());
  CHECK_FALSE(db->find_idempotency("k", "alice"));
}

TEST_CASE_TEMPLATE("store::Store: a new database is current and empty", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  CHECK(db->schema_version() == current_schema_version());
  CHECK(backend.stored_schema_version() == current_schema_version());
  CHECK(db->load_maintenances().empty());
  CHECK(db->load_blackouts().empty());
  CHECK(db->load_outages().empty());
  CHECK(db->audit_log(10).empty());
  CHECK_FALSE(db->find_idempotency("k", "alice"));
}

TEST_CASE("store::open_sqlite_store makes the file WAL") {
  TempDir dir;
  const auto path = dir.path() / "slated.db";
  auto db = open_store_steps(path);
  db->insert_blackout(blackout({}, "freeze"), audit("blackout.create"), render_blackout,
                      std::nullopt);

  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(fs::exists(dir.path() / "slated.db-wal"));
}

TEST_CASE("store::open_sqlite_store also opens an in-memory database") {
  auto db = open_store_steps(":memory:");
  CHECK(db->schema_version() == current_schema_version());
  const auto b = db->insert_blackout(blackout({"US"}, "x"), audit("blackout.create"),
                                     render_blackout, std::nullopt);
  CHECK(db->load_blackouts() == std::vector<Blackout>{b});
}

TEST_CASE_TEMPLATE("store::Store round-trips maintenances with and without optional fields",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();

  const auto full = full_maintenance();
  const auto minimal = minimal_maintenance();
  const auto first =
      db->insert_maintenance(full, audit("maintenance.create"), render_maintenance, std::nullopt);
  const auto second = db->insert_maintenance(minimal, audit("maintenance.create"),
                                             render_maintenance, std::nullopt);

  CHECK(first.id > 0);
  CHECK(second.id > first.id);
  auto expected_first = full;
  expected_first.id = first.id;
  auto expected_second = minimal;
  expected_second.id = second.id;
  CHECK(first == expected_first);
  CHECK(second == expected_second);

  const auto loaded = db->load_maintenances();
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0] == expected_first);
  CHECK(loaded[1] == expected_second);
  CHECK(loaded[0].regions == std::vector<std::string>{"US", "EU", "AP"});
  CHECK(loaded[0].services == std::vector<std::string>{"web", "api", "billing"});
  CHECK(loaded[0].started_at == utc("2026-03-01T02:01:00Z"));
  CHECK_FALSE(loaded[1].started_at);
  CHECK_FALSE(loaded[1].finished_at);
  CHECK(loaded[1].regions.empty());
}

TEST_CASE_TEMPLATE("store::Store round-trips every kind and state", Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  std::vector<Maintenance> inserted;
  for (auto kind : {MaintenanceKind::scheduled, MaintenanceKind::emergency}) {
    for (auto state : {MaintenanceState::planned, MaintenanceState::in_progress,
                       MaintenanceState::completed, MaintenanceState::cancelled}) {
      auto m = minimal_maintenance();
      m.kind = kind;
      m.state = state;
      inserted.push_back(
          db->insert_maintenance(m, audit("maintenance.create"), render_maintenance, std::nullopt));
    }
  }
  CHECK(db->load_maintenances() == inserted);
}

TEST_CASE_TEMPLATE("store::Store round-trips global and regional blackouts in id order", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();

  const auto global = db->insert_blackout(blackout({}, "year-end freeze"), audit("blackout.create"),
                                          render_blackout, std::nullopt);
  const auto regional =
      db->insert_blackout(blackout({"IN", "EU", "US"}, "Diwali"), audit("blackout.create"),
                          render_blackout, std::nullopt);
  CHECK(global.id > 0);
  CHECK(regional.id > global.id);

  const auto loaded = db->load_blackouts();
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0] == global);
  CHECK(loaded[0].global());
  CHECK(loaded[1] == regional);
  CHECK(loaded[1].regions == std::vector<std::string>{"IN", "EU", "US"});
  CHECK(loaded[1].period.start == utc("2026-12-20T00:00:00Z"));
  CHECK(loaded[1].created_at == utc("2026-11-01T12:00:00Z"));
}

TEST_CASE_TEMPLATE("store::Store writes audit entries with subject and after, newest first",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();

  auto create = audit("maintenance.create");
  create.subject = "ignored: the store sets it";
  create.after = "ignored too";
  const auto m =
      db->insert_maintenance(full_maintenance(), create, render_maintenance, std::nullopt);
  const auto b = db->insert_blackout(blackout({"US"}, "freeze"), audit("blackout.create", "bob"),
                                     render_blackout, std::nullopt);
  auto cancel = audit("maintenance.cancel");
  cancel.at = utc("2026-03-02T00:00:00Z");
  cancel.subject = "maintenance/" + std::to_string(m.id);
  cancel.before = R"({"state":"planned"})";
  cancel.after = R"({"state":"cancelled"})";
  auto changed = m;
  changed.state = MaintenanceState::cancelled;
  db->update_maintenance(changed, cancel);

  const auto log = db->audit_log(10);
  REQUIRE(log.size() == 3);
  CHECK(log[0].id > log[1].id);
  CHECK(log[1].id > log[2].id);

  CHECK(log[0].action == "maintenance.cancel");
  CHECK(log[0].at == utc("2026-03-02T00:00:00Z"));
  CHECK(log[0].subject == "maintenance/" + std::to_string(m.id));
  CHECK(log[0].before == R"({"state":"planned"})");
  CHECK(log[0].after == R"({"state":"cancelled"})");

  CHECK(log[1].action == "blackout.create");
  CHECK(log[1].actor == "bob");
  CHECK(log[1].subject == "blackout/" + std::to_string(b.id));
  CHECK(log[1].before.empty());
  CHECK(log[1].after == render_blackout(b));

  CHECK(log[2].action == "maintenance.create");
  CHECK(log[2].actor == "alice");
  CHECK(log[2].at == utc("2026-03-01T00:00:00Z"));
  CHECK(log[2].subject == "maintenance/" + std::to_string(m.id));
  CHECK(log[2].after == render_maintenance(m));
  CHECK(log[2].after.find(R"("id":)" + std::to_string(m.id)) != std::string::npos);

  const auto newest = db->audit_log(1);
  REQUIRE(newest.size() == 1);
  CHECK(newest[0].id == log[0].id);
  CHECK(db->audit_log(0).empty());
  CHECK(db->audit_log(static_cast<std::size_t>(-1)).size() == 3);
}

TEST_CASE_TEMPLATE("store::Store finds an idempotency record by key and actor only", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();

  auto record = idempotency("key-1");
  record.resource = "ignored: the store sets it";
  const auto m = db->insert_maintenance(minimal_maintenance(), audit("maintenance.create"),
                                        render_maintenance, record);
  const auto b = db->insert_blackout(blackout({}, "x"), audit("blackout.create", "bob"),
                                     render_blackout, idempotency("key-1", "bob"));

  const auto found = db->find_idempotency("key-1", "alice");
  REQUIRE(found);
  CHECK(found->key == "key-1");
  CHECK(found->actor == "alice");
  CHECK(found->fingerprint == "sha256:abc");
  CHECK(found->resource == "maintenance/" + std::to_string(m.id));
  CHECK(found->created_at == utc("2026-03-01T00:00:00Z"));

  const auto bobs = db->find_idempotency("key-1", "bob");
  REQUIRE(bobs);
  CHECK(bobs->resource == "blackout/" + std::to_string(b.id));

  CHECK_FALSE(db->find_idempotency("key-1", "carol"));
  CHECK_FALSE(db->find_idempotency("key-2", "alice"));
  CHECK_FALSE(db->find_idempotency("KEY-1", "alice"));
}

TEST_CASE_TEMPLATE("store::Store: update of a maintenance replaces every field and both lists",
                   Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  const auto original = db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                               render_maintenance, std::nullopt);
  const auto other = db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                            render_maintenance, std::nullopt);

  auto changed = original;
  changed.state = MaintenanceState::in_progress;
  changed.title = "Database failover (extended)";
  changed.end = utc("2026-03-01T07:00:00Z");
  changed.finished_at.reset();
  changed.regions = {"AP", "US"};
  changed.services = {};
  changed.sequence = 5;
  db->update_maintenance(changed, audit("maintenance.extend"));

  const auto loaded = db->load_maintenances();
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0] == changed);
  CHECK(loaded[1] == other); // untouched, lists included
}

TEST_CASE_TEMPLATE("store::Store: a failed write changes nothing", Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  const auto m = db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                        render_maintenance, idempotency("key-1"));
  db->insert_blackout(blackout({"US", "EU"}, "freeze"), audit("blackout.create"), render_blackout,
                      std::nullopt);
  const auto counts = all_counts(backend);
  const auto maintenances = db->load_maintenances();
  const auto blackouts = db->load_blackouts();

  SUBCASE("update of a missing maintenance") {
    auto missing = full_maintenance();
    missing.id = m.id + 100;
    CHECK_THROWS_AS(db->update_maintenance(missing, audit("maintenance.cancel")), StoreError);
    try {
      db->update_maintenance(missing, audit("maintenance.cancel"));
    } catch (const StoreError& e) {
      const std::string text = e.what();
      CHECK(text.find(backend.location()) != std::string::npos);
      CHECK(text.find("no maintenance " + std::to_string(missing.id)) != std::string::npos);
    }
  }
  SUBCASE("delete of a missing blackout") {
    CHECK_THROWS_AS(db->delete_blackout(9999, audit("blackout.delete")), StoreError);
  }
  SUBCASE("an idempotency key the actor already used, after the rows were written") {
    CHECK_THROWS_AS(db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                           render_maintenance, idempotency("key-1")),
                    StoreError);
    CHECK_THROWS_AS(db->insert_blackout(blackout({"AP"}, "again"), audit("blackout.create"),
                                        render_blackout, idempotency("key-1")),
                    StoreError);
  }
  SUBCASE("render_after throws") {
    const auto boom = [](const Maintenance&) -> std::string {
      throw std::runtime_error("cannot render");
    };
    CHECK_THROWS_WITH_AS(
        db->insert_maintenance(full_maintenance(), audit("maintenance.create"), boom, std::nullopt),
        doctest::Contains("cannot render"), StoreError);
  }
  SUBCASE("an update that violates a CHECK constraint") {
    // A negative sequence violates the CHECK of the maintenances table.
    auto bad = m;
    bad.title = "changed";
    bad.sequence = -1;
    CHECK_THROWS_AS(db->update_maintenance(bad, audit("maintenance.update")), StoreError);
  }

  CHECK(all_counts(backend) == counts);
  CHECK(db->load_maintenances() == maintenances);
  CHECK(db->load_blackouts() == blackouts);
  CHECK(db->audit_log(100).size() == 2);

  // And the connection is still usable afterwards.
  db->insert_blackout(blackout({}, "later"), audit("blackout.create"), render_blackout,
                      std::nullopt);
  CHECK(db->load_blackouts().size() == blackouts.size() + 1);
}

TEST_CASE_TEMPLATE("store::Store: the schema refuses a state it does not know", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  backend.steps();
  CHECK_THROWS(backend.exec("INSERT INTO maintenances (kind, state, title, message, booked_start, "
                            "booked_end, end_at, announced_at, updated_at, sequence, created_by) "
                            "VALUES ('scheduled', 'paused', 't', 'm', 0, 1, 1, 0, 0, 0, 'x')"));
  CHECK_THROWS(backend.exec("INSERT INTO maintenances (kind, state, title, message, booked_start, "
                            "booked_end, end_at, announced_at, updated_at, sequence, created_by) "
                            "VALUES ('routine', 'planned', 't', 'm', 0, 1, 1, 0, 0, 0, 'x')"));
  // And the same row with a known kind and state is taken: the CHECK, not
  // the statement, refused the others.
  backend.exec("INSERT INTO maintenances (kind, state, title, message, booked_start, booked_end, "
               "end_at, announced_at, updated_at, sequence, created_by) "
               "VALUES ('scheduled', 'planned', 't', 'm', 0, 1, 1, 0, 0, 0, 'x')");
  CHECK(backend.count_rows("maintenances") == 1);
}

TEST_CASE_TEMPLATE("store::Store: delete of a blackout removes it with its regions", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  const auto kept = db->insert_blackout(blackout({"US"}, "kept"), audit("blackout.create"),
                                        render_blackout, std::nullopt);
  const auto gone = db->insert_blackout(blackout({"EU", "AP"}, "gone"), audit("blackout.create"),
                                        render_blackout, std::nullopt);
  CHECK(backend.count_rows("blackout_regions") == 3);

  auto del = audit("blackout.delete");
  del.subject = "blackout/" + std::to_string(gone.id);
  del.before = render_blackout(gone);
  db->delete_blackout(gone.id, del);

  CHECK(db->load_blackouts() == std::vector<Blackout>{kept});
  // Only ON DELETE CASCADE removes these: proof that foreign keys are on.
  CHECK(backend.count_rows("blackout_regions") == 1);
  const auto log = db->audit_log(1);
  REQUIRE(log.size() == 1);
  CHECK(log[0].action == "blackout.delete");
  CHECK(log[0].subject == "blackout/" + std::to_string(gone.id));
  CHECK(log[0].before == render_blackout(gone));

  // The id of a deleted last row is not given out again: old audit entries
  // and idempotency records must keep pointing at what they named.
  const auto next = db->insert_blackout(blackout({}, "next"), audit("blackout.create"),
                                        render_blackout, std::nullopt);
  CHECK(next.id > gone.id);
}

TEST_CASE_TEMPLATE("store::Store: the schema refuses regions of a missing owner", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  backend.steps();
  CHECK_THROWS(backend.exec(
      "INSERT INTO blackout_regions (blackout_id, region, position) VALUES (42, 'US', 0)"));
  CHECK(backend.count_rows("blackout_regions") == 0);
}

TEST_CASE_TEMPLATE("store::Store: reopening the database keeps everything", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  std::vector<Maintenance> maintenances;
  std::vector<Blackout> blackouts;
  std::vector<AuditEntry> log;
  {
    auto db = backend.steps();
    maintenances.push_back(db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                                  render_maintenance, idempotency("k")));
    maintenances.push_back(db->insert_maintenance(
        minimal_maintenance(), audit("maintenance.create"), render_maintenance, std::nullopt));
    blackouts.push_back(db->insert_blackout(blackout({"EU"}, "x"), audit("blackout.create"),
                                            render_blackout, std::nullopt));
    log = db->audit_log(100);
  }
  auto db = backend.steps();
  CHECK(db->schema_version() == current_schema_version());
  CHECK(db->load_maintenances() == maintenances);
  CHECK(db->load_blackouts() == blackouts);
  const auto reopened_log = db->audit_log(100);
  REQUIRE(reopened_log.size() == log.size());
  for (std::size_t i = 0; i < log.size(); ++i) {
    CHECK(reopened_log[i].id == log[i].id);
    CHECK(reopened_log[i].subject == log[i].subject);
    CHECK(reopened_log[i].after == log[i].after);
  }
  const auto found = db->find_idempotency("k", "alice");
  REQUIRE(found);
  CHECK(found->resource == "maintenance/" + std::to_string(maintenances[0].id));

  // New ids continue after the old ones.
  const auto next = db->insert_maintenance(minimal_maintenance(), audit("maintenance.create"),
                                           render_maintenance, std::nullopt);
  CHECK(next.id > maintenances[1].id);
}

TEST_CASE_TEMPLATE("store::Store refuses a database newer than this slated", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  const int newer = current_schema_version() + 1;
  backend.set_schema_version(newer);
  const auto expected = "database " + backend.location() + " has schema version " +
                        std::to_string(newer) + ", newer than this slated (" +
                        std::to_string(current_schema_version()) +
                        "); upgrade slated or use another database";
  CHECK_THROWS_WITH_AS(backend.steps(), expected.c_str(), StoreError);

  // Left as it was: no tables created, version untouched.
  CHECK(backend.stored_schema_version() == newer);
  CHECK_FALSE(backend.has_table("maintenances"));
}

TEST_CASE_TEMPLATE("store::Store refuses a negative schema version", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  backend.set_schema_version(-3);
  CHECK_THROWS_WITH_AS(backend.steps(), doctest::Contains("schema version -3"), StoreError);
}

TEST_CASE("store::open_sqlite_store upgrades a version 0 database") {
  TempDir dir;
  const auto path = dir.path() / "slated.db";

  SUBCASE("an empty file") {
    std::ofstream{path};
    REQUIRE(fs::file_size(path) == 0);
  }
  SUBCASE("a database with no tables") {
    SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    raw.exec("PRAGMA user_version = 0");
    raw.exec("PRAGMA journal_mode = DELETE");
  }

  auto db = open_store_steps(path);
  CHECK(db->schema_version() == current_schema_version());
  CHECK(user_version(path) == current_schema_version());
  const auto m = db->insert_maintenance(full_maintenance(), audit("maintenance.create"),
                                        render_maintenance, std::nullopt);
  CHECK(db->load_maintenances() == std::vector<Maintenance>{m});
  SQLite::Database raw(path.string(), SQLite::OPEN_READWRITE);
  CHECK(raw.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("store::open_sqlite_store refuses a file that is not a database") {
  TempDir dir;
  const auto path = dir.path() / "slated.db";
  std::ofstream{path} << "this is not an SQLite database, but it is long enough to have a header";
  const auto expected = "cannot open database " + path.string();
  CHECK_THROWS_WITH_AS(open_store_steps(path), doctest::Contains(expected.c_str()), StoreError);
}

TEST_CASE("store::open_sqlite_store says when it cannot create the directory") {
  TempDir dir;
  std::ofstream{dir.path() / "file"};
  CHECK_THROWS_WITH_AS(open_store_steps(dir.path() / "file" / "slated.db"),
                       doctest::Contains("cannot create the directory"), StoreError);
}

TEST_CASE("store::open_store picks PostgreSQL for a URI and SQLite for a path") {
  CHECK(slate::store::is_postgresql_uri("postgresql://db.example/slated"));
  CHECK(slate::store::is_postgresql_uri("postgres://slated@db.example:5433/slated"));
  CHECK_FALSE(slate::store::is_postgresql_uri("/var/lib/slated/slated.db"));
  CHECK_FALSE(slate::store::is_postgresql_uri("postgresql.db"));
  CHECK_FALSE(slate::store::is_postgresql_uri("./postgresql://x"));
  CHECK_FALSE(slate::store::is_postgresql_uri(":memory:"));

  TempDir dir;
  const auto path = dir.path() / "slated.db";
  CHECK(slate::store::open_store(path.string())->schema_version() == current_schema_version());
  CHECK(fs::exists(path));

  auto& cluster = slate::test::shared_postgres_cluster();
  const auto uri = cluster.create_database();
  CHECK(slate::store::open_store(uri)->schema_version() == current_schema_version());
}

TEST_CASE("store::open_postgresql_store refuses a password in the URI, without showing it") {
  for (const char* uri : {"postgresql://slated:s3cret-pw@127.0.0.1:1/slated",
                          "postgresql://slated@127.0.0.1:1/slated?password=s3cret-pw",
                          "postgres://127.0.0.1:1/slated?user=x&password=s3cret-pw"}) {
    CAPTURE(uri);
    try {
      slate::store::open_postgresql_store(uri);
      FAIL("a password in the URI was accepted");
    } catch (const StoreError& e) {
      const std::string text = e.what();
      CHECK(text.find("holds a password") != std::string::npos);
      CHECK(text.find("PGPASSFILE") != std::string::npos);
      CHECK(text.find("s3cret-pw") == std::string::npos);
    }
  }
}

TEST_CASE("store::open_postgresql_store names host, port and database it cannot reach") {
  // A port nobody listens on (the shared cluster's, plus one, is unlikely
  // to be taken; a refusal is immediate either way).
  auto& cluster = slate::test::shared_postgres_cluster();
  const auto port = std::to_string(cluster.port() + 1);
  const auto uri = "postgresql://slated@127.0.0.1:" + port + "/inventory?connect_timeout=5";
  // Unavailable: a state that passes (the API answers 503, not 500).
  CHECK_THROWS_WITH_AS(slate::store::open_postgresql_store(uri),
                       doctest::Contains(("cannot connect to database postgresql://slated@"
                                          "127.0.0.1:" +
                                          port + "/inventory: ")
                                             .c_str()),
                       slate::store::StoreUnavailable);
  CHECK_THROWS_WITH_AS(slate::store::open_postgresql_store("postgresql://[::1"),
                       doctest::Contains("cannot read the PostgreSQL connection string"),
                       StoreError);
  // A database the server does not have.
  const auto missing = cluster.uri("no_such_database");
  CHECK_THROWS_WITH_AS(slate::store::open_postgresql_store(missing),
                       doctest::Contains("no_such_database"), StoreError);
}

TEST_CASE("store::open_postgresql_store: replicas starting together migrate once") {
  auto& cluster = slate::test::shared_postgres_cluster();
  const auto uri = cluster.create_database();
  constexpr int k_replicas = 4;
  std::vector<std::thread> replicas;
  std::vector<std::string> errors(k_replicas);
  std::vector<int> versions(k_replicas, -1);
  for (int i = 0; i < k_replicas; ++i) {
    replicas.emplace_back([&, i] {
      try {
        versions[static_cast<std::size_t>(i)] =
            slate::store::open_postgresql_store(uri)->schema_version();
      } catch (const std::exception& e) {
        errors[static_cast<std::size_t>(i)] = e.what();
      }
    });
  }
  for (auto& replica : replicas) {
    replica.join();
  }
  for (int i = 0; i < k_replicas; ++i) {
    CAPTURE(i);
    CHECK(errors[static_cast<std::size_t>(i)] == "");
    CHECK(versions[static_cast<std::size_t>(i)] == current_schema_version());
  }
  // Each migration ran once: a second run of migration 1 would have failed
  // on its CREATE TABLE, and the tables hold what one run makes.
  slate::store::pg::PgConnection raw(uri);
  CHECK(raw.run("SELECT COUNT(*) FROM slated_schema").int64(0, 0) == 1);
  CHECK(raw.run("SELECT COUNT(*) FROM information_schema.tables WHERE table_name = "
                "'maintenances'")
            .int64(0, 0) == 1);
}

TEST_CASE("store::PgStore connects again after the server dropped its connection") {
  slate::test::PostgresBackend backend;
  auto db = backend.steps();
  const auto first = db->insert_blackout(blackout({"US"}, "before"), audit("blackout.create"),
                                         render_blackout, std::nullopt);
  slate::store::pg::PgConnection admin(backend.uri());
  const auto dropped = [&] {
    return admin
        .run("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname = "
             "current_database() AND application_name = 'slated' AND pid <> pg_backend_pid()")
        .int64(0, 0);
  };
  REQUIRE(dropped() == 1); // the store's own connection, named "slated"

  // Idle when it was dropped: the next transaction connects again and runs.
  const auto second = db->insert_blackout(blackout({"EU"}, "after"), audit("blackout.create"),
                                          render_blackout, std::nullopt);
  CHECK(second.id > first.id);
  REQUIRE(dropped() == 1);
  CHECK(db->load_blackouts() == std::vector<Blackout>{first, second});
  CHECK(backend.count_rows("audit_log") == 2);
}

TEST_CASE("store::PgStore follows a two-host URI past a host that refuses, again on reconnect") {
  // A primary and a standby as a client lists them: the first host is a
  // port nobody listens on (a server that is down), the second the server.
  auto& cluster = slate::test::shared_postgres_cluster();
  const auto uri = cluster.create_database();
  const auto name = uri.substr(uri.rfind('/') + 1, uri.find('?') - uri.rfind('/') - 1);
  const auto two_hosts = "postgresql://slate@127.0.0.1:" + std::to_string(cluster.port() + 1) +
                         ",127.0.0.1:" + std::to_string(cluster.port()) + "/" + name +
                         "?target_session_attrs=read-write&connect_timeout=5";
  const auto store = slate::store::open_postgresql_store(two_hosts);
  CHECK(store->schema_version() == current_schema_version());
  slate::store::pg::PgConnection admin(uri);
  REQUIRE(admin
              .run("SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE datname "
                   "= current_database() AND application_name = 'slated' AND pid <> "
                   "pg_backend_pid()")
              .int64(0, 0) == 1);
  // PQreset chooses the host again: past the refusing one, to the server.
  CHECK(store->schema_version() == current_schema_version());
}

TEST_CASE("store::PgStore refuses text with a NUL character instead of cutting it short") {
  slate::test::PostgresBackend backend;
  auto db = backend.steps();
  const std::string reason("freeze\0 and more", 15);
  CHECK_THROWS_WITH_AS(db->insert_blackout(blackout({"US"}, reason), audit("blackout.create"),
                                           render_blackout, std::nullopt),
                       doctest::Contains("holds a NUL character"), StoreError);
  CHECK(db->load_blackouts().empty());
  CHECK(backend.count_rows("audit_log") == 0);
}

TEST_CASE("store::open_postgresql_store upgrades an older schema, keeping its rows") {
  auto& cluster = slate::test::shared_postgres_cluster();
  const auto uri = cluster.create_database();
  {
    slate::store::pg::PgConnection raw(uri);
    slate::store::pg::apply_migrations(raw, slate::store::postgresql_migrations().first(1));
    CHECK(slate::store::pg::stored_schema_version(raw) == 1);
    raw.exec_script("INSERT INTO blackouts (period_start, period_end, reason, created_at, "
                    "created_by) VALUES (100, 200, 'kept', 50, 'alice')");
  }
  auto db = std::make_unique<slate::test::StoreSteps>(slate::store::open_postgresql_store(uri));
  CHECK(db->schema_version() == current_schema_version());
  const auto blackouts = db->load_blackouts();
  REQUIRE(blackouts.size() == 1);
  CHECK(blackouts[0].reason == "kept");
  CHECK(blackouts[0].period.start == slate::domain::Instant{slate::domain::Seconds{100}});
  const auto next = db->insert_blackout(blackout({"US"}, "new"), audit("blackout.create"),
                                        render_blackout, std::nullopt);
  CHECK(next.id > blackouts[0].id);
}

TEST_SUITE_END();
