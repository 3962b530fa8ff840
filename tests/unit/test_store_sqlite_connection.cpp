// The connection the store writes through: what it promises about
// durability is checked on the connection itself, because synchronous is a
// setting of each connection, not of the file.

#include <slate/store/sqlite_connection.hpp>
#include <slate/store/store.hpp>

#include <support/temp_dir.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <doctest/doctest.h>

#include <filesystem>

using slate::store::current_schema_version;
using slate::store::sqlite::SqliteConnection;
using slate::test::TempDir;

TEST_SUITE_BEGIN("store");

TEST_CASE("store::SqliteConnection runs in WAL mode with synchronous=FULL") {
  TempDir dir;
  const auto path = dir.path() / "slated.db";
  SqliteConnection connection(path);

  // FULL syncs the WAL at every commit: an answered write survives a power
  // loss, not only kill -9 (NORMAL, 1, would lose the last commits).
  // SQLite numbers them OFF 0, NORMAL 1, FULL 2, EXTRA 3.
  CHECK(connection.db().execAndGet("PRAGMA synchronous").getInt() == 2);
  CHECK(connection.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
  CHECK(connection.db().execAndGet("PRAGMA foreign_keys").getInt() == 1);
  CHECK(connection.db().execAndGet("PRAGMA user_version").getInt() == current_schema_version());

  // The journal mode is kept in the file: another process sees WAL too.
  SQLite::Database other(path.string(), SQLite::OPEN_READONLY);
  CHECK(other.execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_CASE("store::SqliteConnection sets synchronous=FULL on a file that was WAL already") {
  TempDir dir;
  const auto path = dir.path() / "slated.db";
  {
    SQLite::Database earlier(path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    earlier.exec("PRAGMA journal_mode = WAL");
    earlier.exec("PRAGMA synchronous = OFF");
  }
  SqliteConnection connection(path);
  CHECK(connection.db().execAndGet("PRAGMA synchronous").getInt() == 2);
  CHECK(connection.db().execAndGet("PRAGMA journal_mode").getString() == "wal");
}

TEST_SUITE_END();
