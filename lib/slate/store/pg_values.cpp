#include <slate/store/pg_values.hpp>

namespace slate::store::pg {

PgParam instant_param(domain::Instant t) {
  return std::to_string(static_cast<std::int64_t>(t.time_since_epoch().count()));
}

PgParam optional_instant_param(const std::optional<domain::Instant>& t) {
  if (!t) {
    return std::nullopt;
  }
  return instant_param(*t);
}

PgParam flag_param(bool flag) {
  return flag ? "1" : "0";
}

domain::Instant column_instant(const PgResult& result, int row, int column) {
  return domain::Instant{domain::Seconds{result.int64(row, column)}};
}

std::optional<domain::Instant> column_optional_instant(const PgResult& result, int row,
                                                       int column) {
  if (result.is_null(row, column)) {
    return std::nullopt;
  }
  return column_instant(result, row, column);
}

bool column_flag(const PgResult& result, int row, int column) {
  return result.int64(row, column) != 0;
}

std::unordered_map<std::int64_t, std::vector<std::string>> load_lists(PgConnection& connection,
                                                                      const char* sql) {
  std::unordered_map<std::int64_t, std::vector<std::string>> lists;
  const auto rows = connection.run(sql);
  for (int row = 0; row < rows.rows(); ++row) {
    lists[rows.int64(row, 0)].push_back(rows.text(row, 1));
  }
  return lists;
}

void insert_list(PgConnection& connection, const char* sql, std::int64_t owner,
                 const std::vector<std::string>& values) {
  std::int64_t position = 0;
  for (const auto& value : values) {
    connection.run(sql, owner, value, position++);
  }
}

void replace_list(PgConnection& connection, const char* delete_sql, const char* insert_sql,
                  std::int64_t owner, const std::vector<std::string>& values) {
  connection.run(delete_sql, owner);
  insert_list(connection, insert_sql, owner, values);
}

} // namespace slate::store::pg
