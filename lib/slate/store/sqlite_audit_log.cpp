#include <slate/store/sqlite_audit_log.hpp>

#include <slate/store/sqlite_values.hpp>

#include <algorithm>
#include <limits>

namespace slate::store::sqlite {

void SqliteAuditLog::append(const AuditEntry& entry) {
  SQLite::Statement insert(m_db,
                           "INSERT INTO audit_log (at, actor, action, subject, before, after) "
                           "VALUES (?, ?, ?, ?, ?, ?)");
  bind_instant(insert, 1, entry.at);
  insert.bind(2, entry.actor);
  insert.bind(3, entry.action);
  insert.bind(4, entry.subject);
  insert.bind(5, entry.before);
  insert.bind(6, entry.after);
  insert.exec();
}

std::vector<AuditEntry> SqliteAuditLog::newest(std::size_t limit) {
  constexpr auto k_max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  SQLite::Statement query(m_db, "SELECT id, at, actor, action, subject, before, after "
                                "FROM audit_log ORDER BY id DESC LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(std::min(limit, k_max)));
  std::vector<AuditEntry> entries;
  while (query.executeStep()) {
    entries.push_back(AuditEntry{query.getColumn(0).getInt64(), column_instant(query.getColumn(1)),
                                 query.getColumn(2).getString(), query.getColumn(3).getString(),
                                 query.getColumn(4).getString(), query.getColumn(5).getString(),
                                 query.getColumn(6).getString()});
  }
  return entries;
}

} // namespace slate::store::sqlite
