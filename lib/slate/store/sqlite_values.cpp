#include <slate/store/sqlite_values.hpp>

namespace slate::store::sqlite {

std::int64_t to_seconds(domain::Instant t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}

domain::Instant to_instant(std::int64_t seconds) {
  return domain::Instant{domain::Seconds{seconds}};
}

void bind_instant(SQLite::Statement& statement, int index, domain::Instant t) {
  statement.bind(index, to_seconds(t));
}

void bind_optional_instant(SQLite::Statement& statement, int index,
                           const std::optional<domain::Instant>& t) {
  if (t) {
    bind_instant(statement, index, *t);
  } else {
    statement.bind(index);
  }
}

domain::Instant column_instant(const SQLite::Column& column) {
  return to_instant(column.getInt64());
}

std::optional<domain::Instant> column_optional_instant(const SQLite::Column& column) {
  if (column.isNull()) {
    return std::nullopt;
  }
  return column_instant(column);
}

bool column_flag(const SQLite::Column& column) {
  return column.getInt() != 0;
}

std::unordered_map<std::int64_t, std::vector<std::string>> load_lists(SQLite::Database& db,
                                                                      const char* sql) {
  std::unordered_map<std::int64_t, std::vector<std::string>> lists;
  SQLite::Statement query(db, sql);
  while (query.executeStep()) {
    lists[query.getColumn(0).getInt64()].push_back(query.getColumn(1).getString());
  }
  return lists;
}

void insert_list(SQLite::Database& db, const char* sql, std::int64_t owner,
                 const std::vector<std::string>& values) {
  SQLite::Statement insert(db, sql);
  std::int64_t position = 0;
  for (const auto& value : values) {
    insert.bind(1, owner);
    insert.bind(2, value);
    insert.bind(3, position++);
    insert.exec();
    insert.reset();
  }
}

void replace_list(SQLite::Database& db, const char* delete_sql, const char* insert_sql,
                  std::int64_t owner, const std::vector<std::string>& values) {
  SQLite::Statement erase(db, delete_sql);
  erase.bind(1, owner);
  erase.exec();
  insert_list(db, insert_sql, owner, values);
}

} // namespace slate::store::sqlite
