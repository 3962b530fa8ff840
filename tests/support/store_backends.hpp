#pragma once

// The store backends the store contract tests run against, each a fresh,
// empty database per object (TEST_CASE_TEMPLATE(..., Backend,
// SqliteBackend, PostgresBackend)): SQLite in a temporary file, and a new
// database on the PostgreSQL server of this test run
// (shared_postgres_cluster: the tests fail, saying to run scripts/setup,
// if PostgreSQL is not installed).

#include <support/postgres_cluster.hpp>
#include <support/store_steps.hpp>
#include <support/temp_dir.hpp>

#include <slate/store/pg_connection.hpp>
#include <slate/store/store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>

namespace slate::test {

class SqliteBackend {
public:
  SqliteBackend() : m_path(m_dir.path() / "slated.db") {}

  // Open the store on this backend's database (again, after a close).
  std::unique_ptr<store::Store> open() { return store::open_sqlite_store(m_path); }
  std::unique_ptr<StoreSteps> steps() { return std::make_unique<StoreSteps>(open()); }
  std::unique_ptr<OutboxSteps> outbox() { return std::make_unique<OutboxSteps>(open()); }

  // The name StoreError messages give the database.
  std::string location() const { return m_path.string(); }

  // Run `sql` on a second connection, as another program would; throws
  // (SQLite::Exception) if it fails.
  void exec(const std::string& sql) {
    SQLite::Database db(m_path.string(), SQLite::OPEN_READWRITE | SQLite::OPEN_CREATE);
    db.exec("PRAGMA foreign_keys = ON");
    db.exec(sql);
  }
  std::int64_t count_rows(const std::string& table) {
    SQLite::Database db(m_path.string(), SQLite::OPEN_READWRITE);
    return db.execAndGet("SELECT COUNT(*) FROM " + table).getInt64();
  }
  // Return the integer `sql` selects (one row, one column).
  std::int64_t query_int(const std::string& sql) {
    SQLite::Database db(m_path.string(), SQLite::OPEN_READWRITE);
    return db.execAndGet(sql).getInt64();
  }
  bool has_table(const std::string& table) {
    SQLite::Database db(m_path.string(), SQLite::OPEN_READWRITE);
    return db.tableExists(table);
  }
  // Make the (new) database claim schema `version`, as a newer slated
  // would have left it.
  void set_schema_version(int version) { exec("PRAGMA user_version = " + std::to_string(version)); }
  int stored_schema_version() {
    SQLite::Database db(m_path.string(), SQLite::OPEN_READWRITE);
    return db.execAndGet("PRAGMA user_version").getInt();
  }

private:
  TempDir m_dir;
  std::filesystem::path m_path;
};

class PostgresBackend {
public:
  PostgresBackend() : m_uri(shared_postgres_cluster().create_database()) {}

  std::unique_ptr<store::Store> open() { return store::open_postgresql_store(m_uri); }
  std::unique_ptr<StoreSteps> steps() { return std::make_unique<StoreSteps>(open()); }
  std::unique_ptr<OutboxSteps> outbox() { return std::make_unique<OutboxSteps>(open()); }

  const std::string& uri() const { return m_uri; }
  std::string location() const { return store::pg::PgTarget::parse(m_uri).display(); }

  // Run `sql` on a second connection; throws (PgError) if it fails.
  void exec(const std::string& sql) {
    store::pg::PgConnection db(m_uri);
    db.exec_script(sql);
  }
  std::int64_t count_rows(const std::string& table) {
    store::pg::PgConnection db(m_uri);
    return db.run("SELECT COUNT(*) FROM " + table).int64(0, 0);
  }
  std::int64_t query_int(const std::string& sql) {
    store::pg::PgConnection db(m_uri);
    return db.run(sql).int64(0, 0);
  }
  bool has_table(const std::string& table) {
    store::pg::PgConnection db(m_uri);
    return db.run("SELECT to_regclass($1) IS NOT NULL", table).text(0, 0) == "t";
  }
  void set_schema_version(int version) {
    exec("CREATE TABLE slated_schema (singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK "
         "(singleton), version INTEGER NOT NULL); INSERT INTO slated_schema (version) VALUES (" +
         std::to_string(version) + ")");
  }
  int stored_schema_version() {
    store::pg::PgConnection db(m_uri);
    return db.run("SELECT version FROM slated_schema").int32(0, 0);
  }

private:
  std::string m_uri;
};

} // namespace slate::test

// Every store contract test runs on both.
#define SLATE_STORE_BACKENDS slate::test::SqliteBackend, slate::test::PostgresBackend
