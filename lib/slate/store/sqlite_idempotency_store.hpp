#pragma once

#include <slate/store/idempotency_store.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The idempotency table.
class SqliteIdempotencyStore final : public IdempotencyStore {
public:
  explicit SqliteIdempotencyStore(SQLite::Database& db) : m_db(db) {}

  std::optional<IdempotencyRecord> find(const std::string& key, const std::string& actor) override;
  void insert(const IdempotencyRecord& record) override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
