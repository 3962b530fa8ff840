#include <slate/store/pg_idempotency_store.hpp>

#include <slate/store/pg_values.hpp>

namespace slate::store::pg {

std::optional<IdempotencyRecord> PgIdempotencyStore::find(const std::string& key,
                                                          const std::string& actor) {
  const auto rows = m_db.run("SELECT fingerprint, resource, created_at FROM idempotency "
                             "WHERE key = $1 AND actor = $2",
                             key, actor);
  if (rows.rows() == 0) {
    return std::nullopt;
  }
  return IdempotencyRecord{key, actor, rows.text(0, 0), rows.text(0, 1),
                           column_instant(rows, 0, 2)};
}

void PgIdempotencyStore::insert(const IdempotencyRecord& record) {
  // The primary key (key, actor) refuses a second record with the key.
  m_db.run("INSERT INTO idempotency (key, actor, fingerprint, resource, created_at) "
           "VALUES ($1, $2, $3, $4, $5)",
           record.key, record.actor, record.fingerprint, record.resource,
           instant_param(record.created_at));
}

} // namespace slate::store::pg
