#pragma once

#include <span>
#include <string>
#include <string_view>

namespace SQLite {
class Database;
}

namespace slate::store {

// The schema migrations, oldest first: entry i takes a database from schema
// version i to i + 1, so the current version is the number of entries.
// Append new migrations; never edit or reorder one that has been released.
std::span<const std::string_view> schema_migrations();

// The same migrations in PostgreSQL's dialect: entry i does in PostgreSQL
// what entry i of schema_migrations() does in SQLite.
std::span<const std::string_view> postgresql_migrations();

// Throw StoreError (the same message for every backend) if a database
// `name` at schema `version` cannot be used by a slated that knows `target`
// migrations: a negative version, or one newer than `target`.
void check_schema_version(int version, int target, const std::string& name);

// Bring `db` from the version in its `PRAGMA user_version` to
// `migrations.size()`, each migration in its own transaction that also bumps
// the version, so a failure leaves the database at the last version that
// fully applied. `name` (usually the path) is used in messages. Throws
// StoreError if the database is newer than `migrations` or a migration fails.
void apply_migrations(SQLite::Database& db, std::span<const std::string_view> migrations,
                      const std::string& name);

// Return the schema version stored in `db` (its `PRAGMA user_version`).
int stored_schema_version(SQLite::Database& db);

} // namespace slate::store
