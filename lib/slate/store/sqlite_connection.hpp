#pragma once

#include <SQLiteCpp/SQLiteCpp.h>

#include <filesystem>
#include <string>

namespace slate::store::sqlite {

// One connection to slated's SQLite file, set up the way the store needs
// it: WAL, synchronous=FULL, foreign keys, the schema migrated.
// Not thread-safe.
class SqliteConnection {
public:
  // Throws StoreError (or SQLite::Exception) if the file cannot be opened,
  // cannot use WAL or foreign keys, or is newer than this slated.
  explicit SqliteConnection(const std::filesystem::path& path);

  SQLite::Database& db() { return m_db; }
  const std::string& name() const { return m_name; }

private:
  std::string m_name;
  SQLite::Database m_db;
};

} // namespace slate::store::sqlite
