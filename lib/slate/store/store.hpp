#pragma once

#include <slate/store/state_listener.hpp>
#include <slate/store/store_error.hpp>
#include <slate/store/transaction.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

namespace slate::store {

// Where slated keeps what it must not lose: maintenance, blackouts,
// outages, the audit log, Idempotency-Keys and the notification outbox.
// Every access is a transaction of one of two kinds; the parts of a backend
// are in the aggregate interfaces that Transaction gives.
// Not thread-safe: one thread (the daemon's writer) uses a store.
class Store {
public:
  virtual ~Store() = default;

  // Run `work` in one transaction that may write: what it does commits when
  // it returns, and nothing of it if it (or the commit) throws. Throws
  // StoreError saying that `what` (e.g. "insert a maintenance") failed and
  // nothing was changed.
  virtual void write(std::string_view what, const std::function<void(Transaction&)>& work) = 0;

  // Run `work` in one transaction that sees a single consistent state even
  // while another connection commits. Throws StoreError naming `what`.
  virtual void read(std::string_view what, const std::function<void(Transaction&)>& work) = 0;

  // Return the schema version the database is at.
  virtual int schema_version() = 0;

  // Return a listener that wakes when another process may have advanced the
  // state version (Transaction::advance_state), on its own connection, so
  // that it may wait on another thread than the store's; nullptr if no other
  // process can write this database (SQLite: the file is one slated's).
  // Throws StoreError if it cannot connect.
  virtual std::unique_ptr<StateListener> listen_for_changes() = 0;
};

// Open (creating if missing) the SQLite database at `path`, creating its
// directory, and upgrade it to the current schema. ":memory:" opens a
// private in-memory database. A file is this process's while the store
// lives (a lock on `<path>.lock`): throws StoreError naming the process
// that holds it, and if the file cannot be opened or was written by a newer
// slated.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path);

// Connect to the PostgreSQL database of the libpq connection string or URI
// `conninfo` and upgrade it to the current schema, under a lock, so that
// several slated starting together apply each migration once. Throws
// StoreError naming host, port and database (never a password) if
// `conninfo` holds a password (it belongs in a password file: PGPASSFILE or
// passfile=), the server cannot be reached or refuses, or the database was
// written by a newer slated.
std::unique_ptr<Store> open_postgresql_store(const std::string& conninfo);

// Return whether `db` (the --db setting) names a PostgreSQL database: a
// libpq URI, "postgresql://..." or "postgres://...".
bool is_postgresql_uri(std::string_view db);

// Open the store `db` names: PostgreSQL for a URI (is_postgresql_uri),
// else the SQLite file at that path (open_sqlite_store). Throws StoreError
// as those do.
std::unique_ptr<Store> open_store(const std::string& db);

// The schema version this build writes.
int current_schema_version();

} // namespace slate::store
