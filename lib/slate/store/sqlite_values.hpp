#pragma once

#include <slate/domain/instant.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

// How the SQLite backend writes and reads the values every table shares:
// instants as Unix seconds, flags as 0/1, ordered lists of strings as rows
// with a position.
namespace slate::store::sqlite {

std::int64_t to_seconds(domain::Instant t);
domain::Instant to_instant(std::int64_t seconds);

void bind_instant(SQLite::Statement& statement, int index, domain::Instant t);
void bind_optional_instant(SQLite::Statement& statement, int index,
                           const std::optional<domain::Instant>& t);
domain::Instant column_instant(const SQLite::Column& column);
std::optional<domain::Instant> column_optional_instant(const SQLite::Column& column);
bool column_flag(const SQLite::Column& column);

// Return the ordered strings (regions, services) of each owner, read with
// `sql`, which selects (owner id, value) ordered by owner and position.
std::unordered_map<std::int64_t, std::vector<std::string>> load_lists(SQLite::Database& db,
                                                                      const char* sql);

// Insert `values` for `owner` with `sql`, which takes (owner id, value,
// position); the position keeps their order.
void insert_list(SQLite::Database& db, const char* sql, std::int64_t owner,
                 const std::vector<std::string>& values);

// Run `sql` (a DELETE taking the owner id) for `owner`, then insert_list:
// replacing a short list is simpler than diffing it.
void replace_list(SQLite::Database& db, const char* delete_sql, const char* insert_sql,
                  std::int64_t owner, const std::vector<std::string>& values);

} // namespace slate::store::sqlite
