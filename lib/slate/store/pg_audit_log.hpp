#pragma once

#include <slate/store/audit_log.hpp>

#include <slate/store/pg_connection.hpp>

namespace slate::store::pg {

// The audit_log table.
class PgAuditLog final : public AuditLog {
public:
  explicit PgAuditLog(PgConnection& db) : m_db(db) {}

  void append(const AuditEntry& entry) override;
  std::vector<AuditEntry> newest(std::size_t limit) override;

private:
  PgConnection& m_db;
};

} // namespace slate::store::pg
