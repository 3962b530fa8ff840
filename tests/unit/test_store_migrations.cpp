#include <slate/store/migrations.hpp>
#include <slate/store/store.hpp>

#include <support/temp_dir.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <doctest/doctest.h>

#include <array>
#include <string>
#include <string_view>

using slate::store::apply_migrations;
using slate::store::current_schema_version;
using slate::store::schema_migrations;
using slate::store::stored_schema_version;
using slate::store::StoreError;
using slate::test::TempDir;

namespace {

// Three steps, to show that a database at an intermediate version gets only
// the steps it is missing.
constexpr std::array<std::string_view, 3> k_steps = {
    "CREATE TABLE a (x INTEGER NOT NULL);",
    "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2);",
    "CREATE TABLE c (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (3);",
};

std::string open_database(const TempDir& dir) {
  return (dir.path() / "test.db").string();
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE("store::schema_migrations has one entry per schema version") {
  CHECK(static_cast<int>(schema_migrations().size()) == current_schema_version());
  for (const auto& sql : schema_migrations()) {
    CHECK_FALSE(sql.empty());
  }
}

TEST_CASE("store::apply_migrations applies only the missing steps, bumping user_version") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);

  SUBCASE("from version 0") {
    apply_migrations(db, k_steps, "test.db");
    CHECK(db.execAndGet("SELECT group_concat(x) FROM (SELECT x FROM a ORDER BY x)").getString() ==
          "2,3");
  }
  SUBCASE("from an intermediate version") {
    db.exec("CREATE TABLE a (x INTEGER NOT NULL); CREATE TABLE b (x INTEGER NOT NULL); "
            "PRAGMA user_version = 2");
    apply_migrations(db, k_steps, "test.db");
    // Step 2 was not run again; only step 3 inserted its row.
    CHECK(db.execAndGet("SELECT group_concat(x) FROM a").getString() == "3");
  }
  CHECK(stored_schema_version(db) == 3);
  CHECK(db.tableExists("a"));
  CHECK(db.tableExists("b"));
  CHECK(db.tableExists("c"));

  // Running again is a no-op.
  apply_migrations(db, k_steps, "test.db");
  CHECK(stored_schema_version(db) == 3);
}

TEST_CASE("store::apply_migrations stops at the last step that fully applied") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  const std::array<std::string_view, 3> steps = {
      k_steps[0],
      "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2); THIS IS NOT SQL;",
      k_steps[2],
  };
  CHECK_THROWS_WITH_AS(apply_migrations(db, steps, "test.db"),
                       doctest::Contains("database test.db: migration to schema version 2 failed, "
                                         "the database stays at version 1"),
                       StoreError);
  CHECK(stored_schema_version(db) == 1);
  CHECK(db.tableExists("a"));
  CHECK_FALSE(db.tableExists("b")); // the failed step's first statement was rolled back
  CHECK(db.execAndGet("SELECT COUNT(*) FROM a").getInt() == 0);
}

TEST_CASE("store::apply_migrations refuses a newer database without touching it") {
  TempDir dir;
  SQLite::Database db(open_database(dir), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
  db.exec("PRAGMA user_version = 4");
  CHECK_THROWS_WITH_AS(apply_migrations(db, k_steps, "test.db"),
                       "database test.db has schema version 4, newer than this slated (3); "
                       "upgrade slated or use another database",
                       StoreError);
  CHECK(stored_schema_version(db) == 4);
  CHECK_FALSE(db.tableExists("a"));
}

TEST_SUITE_END();
