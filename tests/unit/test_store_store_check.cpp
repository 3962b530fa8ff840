#include <slate/store/sqlite_file_lock.hpp>
#include <slate/store/store.hpp>
#include <slate/store/store_check.hpp>

#include <support/store_backends.hpp>
#include <support/temp_dir.hpp>

#include <doctest/doctest.h>

#include <unistd.h>

#include <filesystem>
#include <string>
#include <type_traits>

using slate::store::check_store;
using slate::store::current_schema_version;
using slate::store::StoreError;

namespace {

std::string db_of(slate::test::SqliteBackend& backend) {
  return backend.location();
}
std::string db_of(slate::test::PostgresBackend& backend) {
  return backend.uri();
}

} // namespace

TEST_CASE_TEMPLATE("store::check_store says what opening would do, and changes nothing", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  const auto db = db_of(backend);
  const auto current = std::to_string(current_schema_version());
  const auto fresh = check_store(db);
  CHECK(fresh.warning.empty());
  // A new SQLite path does not exist; a new PostgreSQL database is empty.
  const bool sqlite = std::is_same_v<Backend, slate::test::SqliteBackend>;
  if (sqlite) {
    CHECK(fresh.state == "database " + backend.location() +
                             " does not exist yet; slated would create it at schema version " +
                             current);
    CHECK_FALSE(std::filesystem::exists(backend.location()));
  } else {
    CHECK(fresh.state == "database " + backend.location() +
                             " would be upgraded from schema version 0 to " + current);
    CHECK_FALSE(backend.has_table("slated_schema"));
  }
  backend.open().reset();
  CHECK(check_store(db).state ==
        "database " + backend.location() + " at schema version " + current + " (current)");
  if (sqlite) {
    backend.exec("PRAGMA user_version = 1");
  } else {
    backend.exec("UPDATE slated_schema SET version = 1");
  }
  CHECK(check_store(db).state == "database " + backend.location() +
                                     " would be upgraded from schema version 1 to " + current);
  CHECK(backend.stored_schema_version() == 1);
  if (sqlite) {
    backend.exec("PRAGMA user_version = 999");
  } else {
    backend.exec("UPDATE slated_schema SET version = 999");
  }
  CHECK_THROWS_WITH_AS(check_store(db), doctest::Contains("has schema version 999, newer than"),
                       StoreError);
}

TEST_CASE("store::check_store warns that an SQLite file is held, without taking its lock") {
  slate::test::TempDir dir;
  const auto db = dir.path() / "slated.db";
  {
    const auto store = slate::store::open_sqlite_store(db);
    CHECK(slate::store::sqlite::lock_holder(db) == ::getpid());
    CHECK(check_store(db.string()).warning ==
          "database " + db.string() + " is in use by process " + std::to_string(::getpid()) +
              " (it holds " + db.string() + ".lock); a second slated cannot start on it");
    // Asking did not release it.
    CHECK(slate::store::sqlite::lock_holder(db) == ::getpid());
  }
  CHECK_FALSE(slate::store::sqlite::lock_holder(db).has_value());
  CHECK(check_store(db.string()).warning.empty());
  // No lock file: nobody holds it, and none is made.
  CHECK_FALSE(slate::store::sqlite::lock_holder(dir.path() / "other.db").has_value());
  CHECK_FALSE(std::filesystem::exists(dir.path() / "other.db.lock"));
}

TEST_CASE("store::check_store refuses a password and an unreachable server, naming the server") {
  CHECK_THROWS_WITH_AS(check_store("postgresql://u:hunter2@127.0.0.1:1/slated"),
                       doctest::Contains("holds a password"), StoreError);
  CHECK_THROWS_WITH_AS(check_store("postgresql://127.0.0.1:1/slated"),
                       doctest::Contains("cannot connect to database"), StoreError);
}
