#include <slate/store/sqlite_idempotency_store.hpp>

#include <slate/store/sqlite_values.hpp>

namespace slate::store::sqlite {

std::optional<IdempotencyRecord> SqliteIdempotencyStore::find(const std::string& key,
                                                              const std::string& actor) {
  SQLite::Statement query(m_db, "SELECT fingerprint, resource, created_at FROM idempotency "
                                "WHERE key = ? AND actor = ?");
  query.bind(1, key);
  query.bind(2, actor);
  if (!query.executeStep()) {
    return std::nullopt;
  }
  return IdempotencyRecord{key, actor, query.getColumn(0).getString(),
                           query.getColumn(1).getString(), column_instant(query.getColumn(2))};
}

void SqliteIdempotencyStore::insert(const IdempotencyRecord& record) {
  // The primary key (key, actor) refuses a second record with the key.
  SQLite::Statement insert(
      m_db, "INSERT INTO idempotency (key, actor, fingerprint, resource, created_at) "
            "VALUES (?, ?, ?, ?, ?)");
  insert.bind(1, record.key);
  insert.bind(2, record.actor);
  insert.bind(3, record.fingerprint);
  insert.bind(4, record.resource);
  bind_instant(insert, 5, record.created_at);
  insert.exec();
}

} // namespace slate::store::sqlite
