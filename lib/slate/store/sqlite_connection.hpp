#pragma once

#include <slate/store/database.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>
#include <type_traits>
#include <utility>

namespace slate::store {

// One connection to slated's SQLite file, set up the way every store on it
// needs (WAL, synchronous=FULL, foreign keys, the schema migrated), with the
// transaction wrappers every write and read goes through. The Database and
// the Outbox each hold one. Not thread-safe.
class SqliteConnection {
protected:
  // Throws StoreError (or SQLite::Exception) if the file cannot be opened,
  // cannot use WAL or foreign keys, or is newer than this slated.
  explicit SqliteConnection(const std::filesystem::path& path);

  // Run `write` in one transaction. IMMEDIATE takes the write lock at BEGIN,
  // so a concurrent writer waits in busy_timeout instead of failing at the
  // first write with a lock it cannot upgrade. Any exception rolls it all
  // back (the Transaction's destructor runs before the handler) and becomes
  // a StoreError that says what was attempted.
  template <typename Write> void in_write_transaction(const std::string& what, Write&& write) {
    try {
      SQLite::Transaction transaction(m_db, SQLite::TransactionBehavior::IMMEDIATE);
      std::forward<Write>(write)();
      transaction.commit();
    } catch (const std::exception& e) {
      throw StoreError("database " + m_name + ": cannot " + what +
                       ", nothing was changed: " + e.what());
    }
  }

  // Run `read` in one transaction so that it sees a single consistent state
  // even while another connection commits between its queries.
  template <typename Read>
  std::invoke_result_t<Read> in_read_transaction(const std::string& what, Read&& read) {
    try {
      SQLite::Transaction transaction(m_db, SQLite::TransactionBehavior::DEFERRED);
      auto result = std::forward<Read>(read)();
      transaction.commit();
      return result;
    } catch (const std::exception& e) {
      throw StoreError("database " + m_name + ": cannot " + what + ": " + e.what());
    }
  }

  std::string m_name;
  SQLite::Database m_db;
};

} // namespace slate::store
