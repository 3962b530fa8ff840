#include <slate/store/migrations.hpp>
#include <slate/store/pg_migrations.hpp>

namespace slate::store::pg {
namespace {

// PostgreSQL has no user_version: one row holds it. DDL is transactional
// in PostgreSQL, so the table, a migration and the new version commit
// together or not at all.
constexpr std::string_view k_create_version_table = R"sql(
CREATE TABLE IF NOT EXISTS slated_schema (
  singleton BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
  version INTEGER NOT NULL
);
INSERT INTO slated_schema (version) VALUES (0) ON CONFLICT DO NOTHING;
)sql";

// Undo what a failed step left of its transaction; the step's error is the
// one to report.
void roll_back(PgConnection& connection) noexcept {
  try {
    if (connection.ok()) {
      connection.exec_script("ROLLBACK");
    }
  } catch (...) {
  }
}

} // namespace

int stored_schema_version(PgConnection& connection) {
  auto exists = connection.run("SELECT to_regclass('slated_schema') IS NOT NULL");
  if (exists.text(0, 0) != "t") {
    return 0;
  }
  auto version = connection.run("SELECT version FROM slated_schema");
  return version.rows() == 0 ? 0 : version.int32(0, 0);
}

void apply_migrations(PgConnection& connection, std::span<const std::string_view> migrations) {
  const int target = static_cast<int>(migrations.size());
  const auto& name = connection.name();

  // Refuse a newer database before writing anything to it.
  int version = stored_schema_version(connection);
  check_schema_version(version, target, name);
  while (version < target) {
    try {
      connection.exec_script("BEGIN");
      // Held until COMMIT or ROLLBACK: replicas starting together take
      // turns, and each reads the version only once it holds the lock.
      connection.run("SELECT pg_advisory_xact_lock($1)", k_migration_lock);
      connection.exec_script(k_create_version_table);
      version = connection.run("SELECT version FROM slated_schema").int32(0, 0);
      check_schema_version(version, target, name);
      if (version == target) {
        connection.exec_script("COMMIT");
        break;
      }
      connection.exec_script(migrations[static_cast<std::size_t>(version)]);
      connection.run("UPDATE slated_schema SET version = $1", version + 1);
      connection.exec_script("COMMIT");
      ++version;
    } catch (const PgError& e) {
      roll_back(connection);
      throw StoreError("database " + name + ": migration to schema version " +
                       std::to_string(version + 1) + " failed, the database stays at version " +
                       std::to_string(version) + ": " + e.what());
    } catch (...) {
      roll_back(connection);
      throw;
    }
  }
}

} // namespace slate::store::pg
