#include <slate/store/migrations.hpp>
#include <slate/store/pg_connection.hpp>
#include <slate/store/pg_migrations.hpp>
#include <slate/store/store.hpp>

#include <support/postgres_cluster.hpp>
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
using slate::store::pg::PgConnection;
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

TEST_CASE("store::postgresql_migrations has one entry per schema version") {
  REQUIRE(slate::store::postgresql_migrations().size() == schema_migrations().size());
  for (const auto& sql : slate::store::postgresql_migrations()) {
    CHECK_FALSE(sql.empty());
    // 32-bit INTEGER would end in 2038; every integer is BIGINT.
    CHECK(sql.find("INTEGER") == std::string_view::npos);
    CHECK(sql.find("AUTOINCREMENT") == std::string_view::npos);
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

namespace {

bool pg_has_table(PgConnection& db, const std::string& table) {
  return db.run("SELECT to_regclass($1) IS NOT NULL", table).text(0, 0) == "t";
}

} // namespace

TEST_CASE("store::pg::apply_migrations applies only the missing steps, bumping the version") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  SUBCASE("from version 0") {
    slate::store::pg::apply_migrations(db, k_steps);
    CHECK(db.run("SELECT string_agg(x::text, ',' ORDER BY x) FROM a").text(0, 0) == "2,3");
  }
  SUBCASE("from an intermediate version") {
    slate::store::pg::apply_migrations(db, std::span(k_steps).first(2));
    CHECK(slate::store::pg::stored_schema_version(db) == 2);
    db.exec_script("DELETE FROM a");
    slate::store::pg::apply_migrations(db, k_steps);
    // Step 2 was not run again; only step 3 inserted its row.
    CHECK(db.run("SELECT string_agg(x::text, ',') FROM a").text(0, 0) == "3");
  }
  CHECK(slate::store::pg::stored_schema_version(db) == 3);
  CHECK(pg_has_table(db, "b"));
  CHECK(pg_has_table(db, "c"));
  slate::store::pg::apply_migrations(db, k_steps);
  CHECK(slate::store::pg::stored_schema_version(db) == 3);
}

TEST_CASE("store::pg::apply_migrations stops at the last step that fully applied") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  const std::array<std::string_view, 3> steps = {
      k_steps[0],
      "CREATE TABLE b (x INTEGER NOT NULL); INSERT INTO a (x) VALUES (2); THIS IS NOT SQL;",
      k_steps[2],
  };
  CHECK_THROWS_WITH_AS(slate::store::pg::apply_migrations(db, steps),
                       doctest::Contains(("database " + db.name() +
                                          ": migration to schema version 2 failed, the database "
                                          "stays at version 1")
                                             .c_str()),
                       StoreError);
  CHECK(slate::store::pg::stored_schema_version(db) == 1);
  CHECK(pg_has_table(db, "a"));
  CHECK_FALSE(pg_has_table(db, "b")); // DDL is transactional: rolled back too
  CHECK(db.run("SELECT COUNT(*) FROM a").int64(0, 0) == 0);
}

TEST_CASE("store::pg::apply_migrations refuses a newer database without touching it") {
  PgConnection db(slate::test::shared_postgres_cluster().create_database());
  slate::store::pg::apply_migrations(db, std::array<std::string_view, 4>{"", "", "", ""});
  CHECK_THROWS_WITH_AS(slate::store::pg::apply_migrations(db, k_steps),
                       ("database " + db.name() +
                        " has schema version 4, newer than this slated (3); upgrade slated or "
                        "use another database")
                           .c_str(),
                       StoreError);
  CHECK(slate::store::pg::stored_schema_version(db) == 4);
  CHECK_FALSE(pg_has_table(db, "a"));
}

TEST_SUITE_END();
