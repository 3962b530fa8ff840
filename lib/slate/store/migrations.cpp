#include <slate/store/migrations.hpp>
#include <slate/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <array>

namespace slate::store {

namespace {

// Times are INTEGER seconds since the Unix epoch, UTC. The SQL stays plain
// so that PostgreSQL's dialect (below) differs little; one exception is
// AUTOINCREMENT, because a plain INTEGER PRIMARY KEY reuses the id of a
// deleted last row, and a reused "blackout/7" would make old audit entries
// and idempotency records point at a different blackout.
constexpr std::string_view k_migration_1 = R"sql(
CREATE TABLE maintenances (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'emergency')),
  state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'completed', 'cancelled')),
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  booked_start INTEGER NOT NULL,
  booked_end INTEGER NOT NULL,
  end_at INTEGER NOT NULL,
  announced_at INTEGER NOT NULL,
  started_at INTEGER NULL,
  finished_at INTEGER NULL,
  updated_at INTEGER NOT NULL,
  sequence INTEGER NOT NULL CHECK (sequence >= 0),
  created_by TEXT NOT NULL
);

CREATE TABLE maintenance_regions (
  maintenance_id INTEGER NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (maintenance_id, position)
);

CREATE TABLE maintenance_services (
  maintenance_id INTEGER NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (maintenance_id, position)
);

CREATE TABLE blackouts (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  period_start INTEGER NOT NULL,
  period_end INTEGER NOT NULL,
  reason TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE blackout_regions (
  blackout_id INTEGER NOT NULL REFERENCES blackouts (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (blackout_id, position)
);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL
);

CREATE TABLE idempotency (
  key TEXT NOT NULL,
  actor TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (key, actor)
);
)sql";

// Outages, and the maintenance facts availability needs: whether it takes
// anything down, and whether it came from a history import.
constexpr std::string_view k_migration_2 = R"sql(
ALTER TABLE maintenances ADD COLUMN disruptive INTEGER NOT NULL DEFAULT 1 CHECK (disruptive IN (0, 1));
ALTER TABLE maintenances ADD COLUMN imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));

CREATE TABLE outages (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  service TEXT NOT NULL,
  start_at INTEGER NOT NULL,
  end_at INTEGER NULL,
  impact TEXT NOT NULL CHECK (impact IN ('major', 'partial')),
  cause TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  imported INTEGER NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
  CHECK (end_at IS NULL OR end_at > start_at)
);

CREATE TABLE outage_regions (
  outage_id INTEGER NOT NULL REFERENCES outages (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position INTEGER NOT NULL,
  PRIMARY KEY (outage_id, position)
);

CREATE INDEX outages_by_service_start ON outages (service, start_at);
)sql";

// The notification outbox (store/outbox.hpp): each notification once, by
// (maintenance, phase, variant) and by event id, and one delivery per
// subscriber that stays pending until the receiver acknowledged it. No
// foreign key to maintenances, which are never deleted: the outbox is a
// separate interface and may be kept in another store one day.
constexpr std::string_view k_migration_3 = R"sql(
CREATE TABLE notifications (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  event_id TEXT NOT NULL UNIQUE,
  maintenance_id INTEGER NOT NULL,
  phase TEXT NOT NULL,
  variant INTEGER NOT NULL,
  event_type TEXT NOT NULL,
  due_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  UNIQUE (maintenance_id, phase, variant)
);

CREATE TABLE notification_deliveries (
  notification_id INTEGER NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  subscriber TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  last_error TEXT NOT NULL,
  finished_at INTEGER NULL,
  PRIMARY KEY (notification_id, subscriber)
);

CREATE INDEX notification_deliveries_by_state ON notification_deliveries (subscriber, state, notification_id);
CREATE INDEX notifications_by_due ON notifications (due_at);
)sql";

// Support tickets (store/ticket_store.hpp): each ticket once by its ref,
// its events as they arrived (the row id keeps the order of arrival, which
// breaks ties between events at the same instant), and the warnings and
// breaches queued for it, so that each is sent once. The clocks are not
// stored: they are computed from the whole history every time.
constexpr std::string_view k_migration_4 = R"sql(
CREATE TABLE tickets (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ref TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  plan TEXT NOT NULL,
  opened_at INTEGER NOT NULL
);

CREATE TABLE ticket_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  ticket_id INTEGER NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('responded', 'updated', 'paused', 'resumed', 'restored',
                                     'resolved', 'reopened', 'severity_changed')),
  at INTEGER NOT NULL,
  severity TEXT NOT NULL,
  note TEXT NOT NULL
);

CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

CREATE TABLE ticket_alerts (
  alert_id TEXT PRIMARY KEY,
  ticket_ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
  due_at INTEGER NOT NULL,
  queued_at INTEGER NOT NULL
);
)sql";

// The silences slated keeps in Alertmanager for maintenance
// (store/silence_store.hpp): one row per silence with its whole desired
// state and what Alertmanager last said of it, and the outbox of changes,
// each carrying the whole desired state, pending until Alertmanager
// acknowledged it. No foreign key to maintenances, as for the outbox.
constexpr std::string_view k_migration_5 = R"sql(
CREATE TABLE maintenance_silences (
  tag TEXT PRIMARY KEY,
  maintenance_id INTEGER NOT NULL,
  desired TEXT NOT NULL,
  silence_id TEXT NOT NULL,
  alertmanager TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE silence_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  tag TEXT NOT NULL,
  maintenance_id INTEGER NOT NULL,
  desired TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'superseded', 'failed')),
  attempts INTEGER NOT NULL CHECK (attempts >= 0),
  last_error TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER NULL
);

CREATE INDEX maintenance_silences_by_maintenance ON maintenance_silences (maintenance_id);
CREATE INDEX silence_changes_by_state ON silence_changes (state, id);
)sql";

// The state version (Transaction::state_version): one row whose counter
// every write that changes what a snapshot holds advances, so that slated
// replicas sharing a database can tell that another one wrote.
constexpr std::string_view k_migration_6 = R"sql(
CREATE TABLE slated_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  version INTEGER NOT NULL
);
INSERT INTO slated_state (id, version) VALUES (1, 0);
)sql";

// Claims on webhook deliveries (Outbox::claim_next): which replica holds a
// delivery and until when (Unix seconds on the daemons' clock), so that
// replicas sharing a database send each once and a dead replica's work
// passes to another when its lease ends.
constexpr std::string_view k_migration_7 = R"sql(
ALTER TABLE notification_deliveries ADD COLUMN claimed_by TEXT NULL;
ALTER TABLE notification_deliveries ADD COLUMN claimed_until INTEGER NULL;
)sql";

// The same migrations in PostgreSQL's dialect (store/pg_store.cpp), entry i
// for entry i above: whoever adds a migration adds both. What differs:
// INTEGER is 32 bits in PostgreSQL and Unix seconds outlive it, so every
// integer is BIGINT; AUTOINCREMENT becomes an identity column (which never
// gives an id out twice either); and the text keys the store lists in order
// (silence tags, ticket alert ids) sort bytewise (COLLATE "C"), as SQLite
// sorts them, whatever the database's locale.
constexpr std::string_view k_pg_migration_1 = R"sql(
CREATE TABLE maintenances (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('scheduled', 'emergency')),
  state TEXT NOT NULL CHECK (state IN ('planned', 'in_progress', 'completed', 'cancelled')),
  title TEXT NOT NULL,
  message TEXT NOT NULL,
  booked_start BIGINT NOT NULL,
  booked_end BIGINT NOT NULL,
  end_at BIGINT NOT NULL,
  announced_at BIGINT NOT NULL,
  started_at BIGINT NULL,
  finished_at BIGINT NULL,
  updated_at BIGINT NOT NULL,
  sequence BIGINT NOT NULL CHECK (sequence >= 0),
  created_by TEXT NOT NULL
);

CREATE TABLE maintenance_regions (
  maintenance_id BIGINT NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (maintenance_id, position)
);

CREATE TABLE maintenance_services (
  maintenance_id BIGINT NOT NULL REFERENCES maintenances (id) ON DELETE CASCADE,
  service TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (maintenance_id, position)
);

CREATE TABLE blackouts (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  period_start BIGINT NOT NULL,
  period_end BIGINT NOT NULL,
  reason TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL
);

CREATE TABLE blackout_regions (
  blackout_id BIGINT NOT NULL REFERENCES blackouts (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (blackout_id, position)
);

CREATE TABLE audit_log (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  at BIGINT NOT NULL,
  actor TEXT NOT NULL,
  action TEXT NOT NULL,
  subject TEXT NOT NULL,
  before TEXT NOT NULL,
  after TEXT NOT NULL
);

CREATE TABLE idempotency (
  key TEXT NOT NULL,
  actor TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  resource TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  PRIMARY KEY (key, actor)
);
)sql";

constexpr std::string_view k_pg_migration_2 = R"sql(
ALTER TABLE maintenances ADD COLUMN disruptive BIGINT NOT NULL DEFAULT 1 CHECK (disruptive IN (0, 1));
ALTER TABLE maintenances ADD COLUMN imported BIGINT NOT NULL DEFAULT 0 CHECK (imported IN (0, 1));

CREATE TABLE outages (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  service TEXT NOT NULL,
  start_at BIGINT NOT NULL,
  end_at BIGINT NULL,
  impact TEXT NOT NULL CHECK (impact IN ('major', 'partial')),
  cause TEXT NOT NULL,
  description TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  created_by TEXT NOT NULL,
  imported BIGINT NOT NULL DEFAULT 0 CHECK (imported IN (0, 1)),
  CHECK (end_at IS NULL OR end_at > start_at)
);

CREATE TABLE outage_regions (
  outage_id BIGINT NOT NULL REFERENCES outages (id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  position BIGINT NOT NULL,
  PRIMARY KEY (outage_id, position)
);

CREATE INDEX outages_by_service_start ON outages (service, start_at);
)sql";

constexpr std::string_view k_pg_migration_3 = R"sql(
CREATE TABLE notifications (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  event_id TEXT NOT NULL UNIQUE,
  maintenance_id BIGINT NOT NULL,
  phase TEXT NOT NULL,
  variant BIGINT NOT NULL,
  event_type TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  created_at BIGINT NOT NULL,
  UNIQUE (maintenance_id, phase, variant)
);

CREATE TABLE notification_deliveries (
  notification_id BIGINT NOT NULL REFERENCES notifications (id) ON DELETE CASCADE,
  subscriber TEXT NOT NULL,
  body TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts BIGINT NOT NULL CHECK (attempts >= 0),
  last_error TEXT NOT NULL,
  finished_at BIGINT NULL,
  PRIMARY KEY (notification_id, subscriber)
);

CREATE INDEX notification_deliveries_by_state ON notification_deliveries (subscriber, state, notification_id);
CREATE INDEX notifications_by_due ON notifications (due_at);
)sql";

constexpr std::string_view k_pg_migration_4 = R"sql(
CREATE TABLE tickets (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  title TEXT NOT NULL,
  severity TEXT NOT NULL,
  plan TEXT NOT NULL,
  opened_at BIGINT NOT NULL
);

CREATE TABLE ticket_events (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  ticket_id BIGINT NOT NULL REFERENCES tickets (id) ON DELETE CASCADE,
  type TEXT NOT NULL CHECK (type IN ('responded', 'updated', 'paused', 'resumed', 'restored',
                                     'resolved', 'reopened', 'severity_changed')),
  at BIGINT NOT NULL,
  severity TEXT NOT NULL,
  note TEXT NOT NULL
);

CREATE INDEX ticket_events_by_ticket ON ticket_events (ticket_id, id);

CREATE TABLE ticket_alerts (
  alert_id TEXT COLLATE "C" PRIMARY KEY,
  ticket_ref TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('warning', 'breach')),
  due_at BIGINT NOT NULL,
  queued_at BIGINT NOT NULL
);
)sql";

constexpr std::string_view k_pg_migration_5 = R"sql(
CREATE TABLE maintenance_silences (
  tag TEXT COLLATE "C" PRIMARY KEY,
  maintenance_id BIGINT NOT NULL,
  desired TEXT NOT NULL,
  silence_id TEXT NOT NULL,
  alertmanager TEXT NOT NULL,
  status TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE silence_changes (
  id BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
  tag TEXT NOT NULL,
  maintenance_id BIGINT NOT NULL,
  desired TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'superseded', 'failed')),
  attempts BIGINT NOT NULL CHECK (attempts >= 0),
  last_error TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  finished_at BIGINT NULL
);

CREATE INDEX maintenance_silences_by_maintenance ON maintenance_silences (maintenance_id);
CREATE INDEX silence_changes_by_state ON silence_changes (state, id);
)sql";

constexpr std::string_view k_pg_migration_6 = R"sql(
CREATE TABLE slated_state (
  id BIGINT PRIMARY KEY CHECK (id = 1),
  version BIGINT NOT NULL
);
INSERT INTO slated_state (id, version) VALUES (1, 0);
)sql";

constexpr std::string_view k_pg_migration_7 = R"sql(
ALTER TABLE notification_deliveries ADD COLUMN claimed_by TEXT NULL;
ALTER TABLE notification_deliveries ADD COLUMN claimed_until BIGINT NULL;
)sql";

constexpr std::array<std::string_view, 7> k_migrations = {
    k_migration_1, k_migration_2, k_migration_3, k_migration_4,
    k_migration_5, k_migration_6, k_migration_7};

constexpr std::array<std::string_view, 7> k_pg_migrations = {
    k_pg_migration_1, k_pg_migration_2, k_pg_migration_3, k_pg_migration_4,
    k_pg_migration_5, k_pg_migration_6, k_pg_migration_7};
static_assert(k_pg_migrations.size() == k_migrations.size(),
              "every migration has its PostgreSQL dialect");

void set_user_version(SQLite::Database& db, int version) {
  // PRAGMA takes no bound parameters; `version` is an int we computed.
  db.exec("PRAGMA user_version = " + std::to_string(version));
}

} // namespace

std::span<const std::string_view> schema_migrations() {
  return k_migrations;
}

std::span<const std::string_view> postgresql_migrations() {
  return k_pg_migrations;
}

int current_schema_version() {
  return static_cast<int>(k_migrations.size());
}

int stored_schema_version(SQLite::Database& db) {
  return db.execAndGet("PRAGMA user_version").getInt();
}

void check_schema_version(int version, int target, const std::string& name) {
  if (version < 0) {
    throw StoreError("database " + name + " has schema version " + std::to_string(version) +
                     ", which no slated writes; use another database");
  }
  if (version > target) {
    throw StoreError("database " + name + " has schema version " + std::to_string(version) +
                     ", newer than this slated (" + std::to_string(target) +
                     "); upgrade slated or use another database");
  }
}

void apply_migrations(SQLite::Database& db, std::span<const std::string_view> migrations,
                      const std::string& name) {
  const int target = static_cast<int>(migrations.size());
  const auto check_known = [&](int version) { check_schema_version(version, target, name); };

  int version = stored_schema_version(db);
  check_known(version);
  while (version < target) {
    try {
      // IMMEDIATE takes the write lock before the version is read again, so
      // two processes opening the same old file cannot both apply a step.
      SQLite::Transaction transaction(db, SQLite::TransactionBehavior::IMMEDIATE);
      version = stored_schema_version(db);
      check_known(version);
      if (version == target) {
        transaction.commit();
        break;
      }
      db.exec(std::string(migrations[static_cast<std::size_t>(version)]));
      set_user_version(db, version + 1);
      transaction.commit();
      ++version;
    } catch (const StoreError&) {
      throw;
    } catch (const std::exception& e) {
      throw StoreError("database " + name + ": migration to schema version " +
                       std::to_string(version + 1) + " failed, the database stays at version " +
                       std::to_string(version) + ": " + e.what());
    }
  }
}

} // namespace slate::store
