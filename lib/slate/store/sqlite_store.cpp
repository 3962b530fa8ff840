#include <slate/store/migrations.hpp>
#include <slate/store/sqlite_audit_log.hpp>
#include <slate/store/sqlite_blackout_store.hpp>
#include <slate/store/sqlite_connection.hpp>
#include <slate/store/sqlite_file_lock.hpp>
#include <slate/store/sqlite_idempotency_store.hpp>
#include <slate/store/sqlite_maintenance_store.hpp>
#include <slate/store/sqlite_outage_store.hpp>
#include <slate/store/sqlite_outbox.hpp>
#include <slate/store/sqlite_silence_store.hpp>
#include <slate/store/sqlite_ticket_store.hpp>
#include <slate/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <system_error>

namespace slate::store {
namespace {

using namespace sqlite;

// Every aggregate's part of the store, on one connection.
class SqliteTransaction final : public Transaction {
public:
  explicit SqliteTransaction(SQLite::Database& db)
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
    return m_db.execAndGet("SELECT version FROM slated_state WHERE id = 1").getInt64();
  }

  // The file is one process's (SqliteFileLock) and a write transaction
  // holds SQLite's write lock from BEGIN IMMEDIATE: nothing else to wait for.
  std::int64_t lock_state() override { return state_version(); }

  // Nobody else reads this file, so there is nobody to notify.
  std::int64_t advance_state() override {
    return m_db
        .execAndGet("UPDATE slated_state SET version = version + 1 WHERE id = 1 RETURNING version")
        .getInt64();
  }

private:
  SQLite::Database& m_db;
  SqliteMaintenanceStore m_maintenances;
  SqliteBlackoutStore m_blackouts;
  SqliteOutageStore m_outages;
  SqliteAuditLog m_audit_log;
  SqliteIdempotencyStore m_idempotency;
  SqliteOutbox m_outbox;
  SqliteTicketStore m_tickets;
  SqliteSilenceStore m_silences;
};

class SqliteStore final : public Store {
public:
  explicit SqliteStore(const std::filesystem::path& path)
      : m_lock(lock(path)), m_connection(path), m_transaction(m_connection.db()) {
    // The file is this process's now: a claim on a delivery was made by an
    // earlier run, which is gone, so it holds nothing back (outbox.hpp).
    m_connection.db().exec("UPDATE notification_deliveries SET claimed_by = NULL, "
                           "claimed_until = NULL WHERE claimed_by IS NOT NULL");
  }

  void write(std::string_view what, const std::function<void(Transaction&)>& work) override {
    try {
      // IMMEDIATE takes the write lock at BEGIN, so a concurrent writer
      // waits in busy_timeout instead of failing at the first write with a
      // lock it cannot upgrade. Any exception rolls it all back (the
      // Transaction's destructor runs before the handler).
      SQLite::Transaction transaction(m_connection.db(), SQLite::TransactionBehavior::IMMEDIATE);
      work(m_transaction);
      transaction.commit();
    } catch (const std::exception& e) {
      throw StoreError("database " + m_connection.name() + ": cannot " + std::string(what) +
                       ", nothing was changed: " + e.what());
    }
  }

  void read(std::string_view what, const std::function<void(Transaction&)>& work) override {
    try {
      SQLite::Transaction transaction(m_connection.db(), SQLite::TransactionBehavior::DEFERRED);
      work(m_transaction);
      transaction.commit();
    } catch (const std::exception& e) {
      throw StoreError("database " + m_connection.name() + ": cannot " + std::string(what) + ": " +
                       e.what());
    }
  }

  int schema_version() override {
    int version = 0;
    read("read the schema version",
         [&](Transaction&) { version = stored_schema_version(m_connection.db()); });
    return version;
  }

  // The file is this process's alone: no other slated can change it.
  std::unique_ptr<StateListener> listen_for_changes() override { return nullptr; }

private:
  // Taken before the connection opens, so that a second process neither
  // migrates nor reads a file another one serves. An in-memory database is
  // private to its connection and needs none.
  static std::optional<SqliteFileLock> lock(const std::filesystem::path& path) {
    if (path.empty() || path == ":memory:") {
      return std::nullopt;
    }
    return std::optional<SqliteFileLock>(std::in_place, path);
  }

  std::optional<SqliteFileLock> m_lock;
  SqliteConnection m_connection;
  SqliteTransaction m_transaction;
};

} // namespace

std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path) {
  const auto name = path.string();
  if (path.has_parent_path()) {
    std::error_code error;
    std::filesystem::create_directories(path.parent_path(), error);
    if (error) {
      throw StoreError("cannot create the directory of database " + name + ": " + error.message());
    }
  }
  try {
    return std::make_unique<SqliteStore>(path);
  } catch (const StoreError&) {
    throw; // already names the database
  } catch (const std::exception& e) {
    throw StoreError("cannot open database " + name + ": " + e.what());
  }
}

} // namespace slate::store
