#include <slate/store/migrations.hpp>
#include <slate/store/sqlite_connection.hpp>
#include <slate/store/store_error.hpp>

namespace slate::store::sqlite {
namespace {

// Long enough to ride out a checkpoint or an operator's `sqlite3 .backup`,
// short enough that a stuck lock shows up as an error instead of a hang.
constexpr int k_busy_timeout_ms = 5000;

} // namespace

SqliteConnection::SqliteConnection(const std::filesystem::path& path)
    : m_name(path.string()),
      m_db(m_name, SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE, k_busy_timeout_ms) {
  // WAL lets readers (slatectl, backups) run while the daemon writes. The
  // mode is stored in the file; SQLite keeps the old one where WAL is not
  // possible, and we would rather refuse than silently run without it.
  const auto mode = m_db.execAndGet("PRAGMA journal_mode = WAL").getString();
  if (mode != "wal" && mode != "memory") {
    throw StoreError("database " + m_name + ": journal mode stays '" + mode +
                     "', WAL is not possible here");
  }
  // In WAL mode, synchronous=NORMAL syncs the WAL only at checkpoints: a
  // commit survives kill -9 (it is in the OS page cache) but not power
  // loss or a kernel crash. FULL syncs the WAL on every commit, so a write
  // we acknowledged to a client (or a notification that became due) is on
  // disk. Writes are rare; we pay it.
  m_db.exec("PRAGMA synchronous = FULL");
  // Off by default and per connection; without it ON DELETE CASCADE
  // silently leaves orphaned rows behind.
  m_db.exec("PRAGMA foreign_keys = ON");
  if (m_db.execAndGet("PRAGMA foreign_keys").getInt() != 1) {
    throw StoreError("database " + m_name + ": this SQLite cannot enforce foreign keys");
  }
  apply_migrations(m_db, schema_migrations(), m_name);
}

} // namespace slate::store::sqlite
