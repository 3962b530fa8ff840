#pragma once

#include <slate/store/pg_connection.hpp>

#include <span>
#include <string_view>

namespace slate::store::pg {

// The key of the advisory lock under which slated migrates a PostgreSQL
// database ("slated" in ASCII): every replica that starts takes it in its
// migration transaction, so one applies a step and the others wait, then
// find it applied.
inline constexpr std::int64_t k_migration_lock = 0x736c61746564;

// Bring the database of `connection` from the version in its
// `slated_schema` table (0 when there is none) to `migrations.size()`, each
// migration in its own transaction that holds the migration lock and bumps
// the version, so a failure leaves the database at the last version that
// fully applied. Throws StoreError (the message of check_schema_version) if
// the database is newer than `migrations`, or if a migration fails.
void apply_migrations(PgConnection& connection, std::span<const std::string_view> migrations);

// Return the schema version of the database of `connection`: 0 when it has
// no `slated_schema` table yet.
int stored_schema_version(PgConnection& connection);

} // namespace slate::store::pg
