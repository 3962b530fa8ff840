#pragma once

#include <slate/store/idempotency_store.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The idempotency table.
class PgIdempotencyStore final : public IdempotencyStore {
public:
  explicit PgIdempotencyStore(PgConnection& db) : m_db(db) {}

  std::optional<IdempotencyRecord> find(const std::string& key, const std::string& actor) override;
  void insert(const IdempotencyRecord& record) override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg
