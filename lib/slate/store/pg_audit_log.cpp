#include <slate/store/pg_audit_log.hpp>

#include <slate/store/pg_values.hpp>

#include <algorithm>
#include <limits>

namespace slate::store::pg {

void PgAuditLog::append(const AuditEntry& entry) {
  m_db.run("INSERT INTO audit_log (at, actor, action, subject, before, after) "
           "VALUES ($1, $2, $3, $4, $5, $6)",
           instant_param(entry.at), entry.actor, entry.action, entry.subject, entry.before,
           entry.after);
}

std::vector<AuditEntry> PgAuditLog::newest(std::size_t limit) {
  constexpr auto k_max = static_cast<std::size_t>(std::numeric_limits<std::int64_t>::max());
  const auto rows = m_db.run("SELECT id, at, actor, action, subject, before, after "
                             "FROM audit_log ORDER BY id DESC LIMIT $1",
                             static_cast<std::int64_t>(std::min(limit, k_max)));
  std::vector<AuditEntry> entries;
  entries.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    entries.push_back(AuditEntry{rows.int64(row, 0), column_instant(rows, row, 1),
                                 rows.text(row, 2), rows.text(row, 3), rows.text(row, 4),
                                 rows.text(row, 5), rows.text(row, 6)});
  }
  return entries;
}

} // namespace slate::store::pg
