#include <slate/store/store_check.hpp>

#include <slate/store/migrations.hpp>
#include <slate/store/pg_connection.hpp>
#include <slate/store/pg_migrations.hpp>
#include <slate/store/sqlite_file_lock.hpp>
#include <slate/store/store.hpp>
#include <slate/store/store_error.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <exception>
#include <filesystem>

namespace slate::store {
namespace {

std::string state_of(const std::string& name, int version) {
  const int current = current_schema_version();
  check_schema_version(version, current, name);
  if (version == current) {
    return "database " + name + " at schema version " + std::to_string(version) + " (current)";
  }
  return "database " + name + " would be upgraded from schema version " + std::to_string(version) +
         " to " + std::to_string(current);
}

StoreCheck check_postgresql(const std::string& conninfo) {
  pg::PgConnection connection(conninfo); // refuses a password, names the server
  int version = 0;
  try {
    version = pg::stored_schema_version(connection);
  } catch (const StoreError&) {
    throw;
  } catch (const std::exception& e) {
    throw StoreError("database " + connection.name() +
                     ": cannot read the schema version: " + e.what());
  }
  return {state_of(connection.name(), version), ""};
}

StoreCheck check_sqlite(const std::filesystem::path& path) {
  const auto name = path.string();
  const int current = current_schema_version();
  if (name == ":memory:") {
    return {"database :memory: is in memory; slated would create it at schema version " +
                std::to_string(current) + " at each start",
            ""};
  }
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) {
      throw StoreError("cannot look at database " + name + ": " + error.message());
    }
    return {"database " + name + " does not exist yet; slated would create it at schema version " +
                std::to_string(current),
            ""};
  }
  int version = 0;
  try {
    SQLite::Database db(name, SQLite::OPEN_READONLY);
    version = stored_schema_version(db);
  } catch (const std::exception& e) {
    throw StoreError("cannot open database " + name + ": " + e.what());
  }
  StoreCheck check{state_of(name, version), ""};
  if (const auto holder = sqlite::lock_holder(path)) {
    check.warning = "database " + name + " is in use by process " + std::to_string(*holder) +
                    " (it holds " + name + ".lock); a second slated cannot start on it";
  }
  return check;
}

} // namespace

StoreCheck check_store(const std::string& db) {
  return is_postgresql_uri(db) ? check_postgresql(db) : check_sqlite(db);
}

} // namespace slate::store
