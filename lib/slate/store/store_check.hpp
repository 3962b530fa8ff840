#pragma once

#include <string>

namespace slate::store {

// What `slated --check-config` found of the database the --db setting
// names, without changing it.
struct StoreCheck {
  // One line: "database NAME at schema version N (current)", "database NAME
  // would be upgraded from N to M" or "database NAME does not exist yet;
  // slated would create it at schema version M".
  std::string state;
  // "" or why a slated could not start on it now although it is fine: an
  // SQLite file held by another process.
  std::string warning;
};

// Look at the database `db` names (a PostgreSQL URI, see
// is_postgresql_uri, or an SQLite file) and say what opening it would do:
// connect to PostgreSQL and read its schema version; open an existing
// SQLite file read-only (creating nothing: a missing file stays missing)
// and ask who holds its `<db>.lock`. Never migrates. Throws StoreError
// naming why it cannot be used: a password in the URI, a server that cannot
// be reached or refuses, a file that is not an SQLite database, or a schema
// newer than this slated.
StoreCheck check_store(const std::string& db);

} // namespace slate::store
