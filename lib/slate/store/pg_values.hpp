#pragma once

#include <slate/domain/instant.hpp>
#include <slate/store/pg_connection.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// How the PostgreSQL backend writes and reads the values every table
// shares, as the SQLite backend does (sqlite_values.hpp): instants as Unix
// seconds, flags as 0/1, ordered lists of strings as rows with a position.
namespace slate::store::pg {

PgParam instant_param(domain::Instant t);
PgParam optional_instant_param(const std::optional<domain::Instant>& t);
PgParam flag_param(bool flag);

domain::Instant column_instant(const PgResult& result, int row, int column);
std::optional<domain::Instant> column_optional_instant(const PgResult& result, int row, int column);
bool column_flag(const PgResult& result, int row, int column);

// Return the ordered strings (regions, services) of each owner, read with
// `sql`, which selects (owner id, value) ordered by owner and position.
std::unordered_map<std::int64_t, std::vector<std::string>> load_lists(PgConnection& connection,
                                                                      const char* sql);

// Insert `values` for `owner` with `sql`, which takes (owner id, value,
// position); the position keeps their order.
void insert_list(PgConnection& connection, const char* sql, std::int64_t owner,
                 const std::vector<std::string>& values);

// Run `delete_sql` (taking the owner id) for `owner`, then insert_list.
void replace_list(PgConnection& connection, const char* delete_sql, const char* insert_sql,
                  std::int64_t owner, const std::vector<std::string>& values);

} // namespace slate::store::pg
