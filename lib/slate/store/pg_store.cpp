#include <slate/store/migrations.hpp>
#include <slate/store/pg_audit_log.hpp>
#include <slate/store/pg_blackout_store.hpp>
#include <slate/store/pg_connection.hpp>
#include <slate/store/pg_idempotency_store.hpp>
#include <slate/store/pg_maintenance_store.hpp>
#include <slate/store/pg_migrations.hpp>
#include <slate/store/pg_outage_store.hpp>
#include <slate/store/pg_outbox.hpp>
#include <slate/store/pg_silence_store.hpp>
#include <slate/store/pg_state_listener.hpp>
#include <slate/store/pg_ticket_store.hpp>
#include <slate/store/store.hpp>

#include <cstdint>
#include <memory>
#include <string>

namespace slate::store {
namespace {

using namespace pg;

// Every aggregate's part of the store, on one connection.
class PgTransaction final : public Transaction {
public:
  explicit PgTransaction(PgConnection& db)
      : m_db(db), m_maintenances(db), m_blackouts(db), m_outages(db), m_audit_log(db),
        m_idempotency(db), m_outbox(db), m_tickets(db), m_silences(db) {}

  MaintenanceStore& maintenances() override { return m_maintenances; }
  BlackoutStore& blackouts() override { return m_blackouts; }
  OutageStore& outages() override { return m_outages; }
  AuditLog& audit_log() override { return m_audit_log; }
  IdempotencyStore& idempotency() override { return m_idempotency; }
  Outbox& outbox() override { return m_outbox; }
  TicketStore& tickets() override { return m_tickets; }
  SilenceStore& silences() override { return m_silences; }

  std::int64_t state_version() override {
    return m_db.run("SELECT version FROM slated_state WHERE id = 1").int64(0, 0);
  }

  std::int64_t lock_state() override {
    // Held until COMMIT or ROLLBACK. Writes are READ COMMITTED, so each
    // statement after it, this SELECT first, sees what the lock's previous
    // holder committed: the checks of a write never race another
    // replica's write.
    m_db.run("SELECT pg_advisory_xact_lock($1)", k_state_lock);
    return state_version();
  }

  std::int64_t advance_state() override {
    const auto version =
        m_db.run("UPDATE slated_state SET version = version + 1 WHERE id = 1 RETURNING version")
            .int64(0, 0);
    // PostgreSQL delivers it at COMMIT, and not at all on a rollback.
    m_db.run("SELECT pg_notify($1, $2)", k_state_channel, version);
    return version;
  }

private:
  PgConnection& m_db;
  PgMaintenanceStore m_maintenances;
  PgBlackoutStore m_blackouts;
  PgOutageStore m_outages;
  PgAuditLog m_audit_log;
  PgIdempotencyStore m_idempotency;
  PgOutbox m_outbox;
  PgTicketStore m_tickets;
  PgSilenceStore m_silences;
};

// A Store on one PostgreSQL connection, which it opens again when it was
// lost (the next transaction after a server restart or failover works).
class PgStore final : public Store {
public:
  explicit PgStore(const std::string& conninfo)
      : m_conninfo(conninfo), m_connection(conninfo), m_transaction(m_connection) {
    apply_migrations(m_connection, postgresql_migrations());
  }

  void write(std::string_view what, const std::function<void(Transaction&)>& work) override {
    // READ COMMITTED, as SQLite's one writer sees every commit before it:
    // the writer decides on what it read in this transaction.
    run(what, "BEGIN ISOLATION LEVEL READ COMMITTED", ", nothing was changed", work);
  }

  void read(std::string_view what, const std::function<void(Transaction&)>& work) override {
    // One snapshot for every statement of `work`, as an SQLite read
    // transaction gives: loads of several tables agree with each other.
    run(what, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", "", work);
  }

  int schema_version() override {
    int version = 0;
    read("read the schema version",
         [&](Transaction&) { version = stored_schema_version(m_connection); });
    return version;
  }

  std::unique_ptr<StateListener> listen_for_changes() override {
    return std::make_unique<PgStateListener>(m_conninfo);
  }

private:
  void run(std::string_view what, std::string_view begin, std::string_view unchanged,
           const std::function<void(Transaction&)>& work) {
    // A connection that is gone says the database is away (a state that
    // passes: the HTTP API answers 503 and the next transaction connects
    // again), not that the server refused the statement.
    const auto fail = [&](const std::exception& why) {
      const auto message = "database " + m_connection.name() + ": cannot " + std::string(what) +
                           std::string(unchanged) + ": " + why.what();
      if (away(why)) {
        throw StoreUnavailable(message);
      }
      throw StoreError(message);
    };
    if (!m_connection.ok()) {
      try {
        m_connection.reset();
      } catch (const std::exception& e) {
        fail(e);
      }
    }
    try {
      m_connection.exec_script(begin);
    } catch (const std::exception& e) {
      // A connection that broke while idle (a server restart, a failover)
      // shows only now. Nothing of `work` has run: connect again and
      // start once more.
      if (!away(e)) {
        roll_back();
        fail(e);
      }
      try {
        m_connection.reset();
        m_connection.exec_script(begin);
      } catch (const std::exception& again) {
        fail(again);
      }
    }
    bool committing = false;
    try {
      work(m_transaction);
      committing = true;
      m_connection.exec_script("COMMIT");
    } catch (const std::exception& e) {
      if (committing && away(e)) {
        // The server may have committed before the connection went: say
        // so rather than claim that nothing changed.
        throw StoreUnavailable("database " + m_connection.name() +
                               ": the connection was lost while committing '" + std::string(what) +
                               "'; it may or may not have been saved: " + e.what());
      }
      roll_back();
      fail(e);
    }
  }

  // Return whether `error` says the server cannot be reached or is going
  // away, rather than that it refused a statement: the connection is lost,
  // or the server said so before it went (SQLSTATE class 08, connection
  // exception, or 57P, e.g. 57P01 when it is shut down).
  bool away(const std::exception& error) const {
    if (!m_connection.ok()) {
      return true;
    }
    const auto* refused = dynamic_cast<const PgError*>(&error);
    return refused != nullptr &&
           (refused->sqlstate().starts_with("08") || refused->sqlstate().starts_with("57P"));
  }

  void roll_back() noexcept {
    try {
      if (m_connection.ok()) {
        m_connection.exec_script("ROLLBACK");
      }
    } catch (...) {
      // The connection is broken; the server rolls back what it had.
    }
  }

  std::string m_conninfo;
  PgConnection m_connection;
  PgTransaction m_transaction;
};

} // namespace

std::unique_ptr<Store> open_postgresql_store(const std::string& conninfo) {
  return std::make_unique<PgStore>(conninfo);
}

} // namespace slate::store
