#pragma once

#include <slate/store/store_error.hpp>
#include <slate/store/transaction.hpp>

#include <filesystem>
#include <functional>
#include <memory>
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
};

// Open (creating if missing) the SQLite database at `path`, creating its
// directory, and upgrade it to the current schema. ":memory:" opens a
// private in-memory database. A file is this process's while the store
// lives (a lock on `<path>.lock`): throws StoreError naming the process
// that holds it, and if the file cannot be opened or was written by a newer
// slated.
std::unique_ptr<Store> open_sqlite_store(const std::filesystem::path& path);

// The schema version this build writes.
int current_schema_version();

} // namespace slate::store
