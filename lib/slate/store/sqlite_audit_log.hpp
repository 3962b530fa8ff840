#pragma once

#include <slate/store/audit_log.hpp>

#include <SQLiteCpp/SQLiteCpp.h>

namespace slate::store::sqlite {

// The audit_log table.
class SqliteAuditLog final : public AuditLog {
public:
  explicit SqliteAuditLog(SQLite::Database& db) : m_db(db) {}

  void append(const AuditEntry& entry) override;
  std::vector<AuditEntry> newest(std::size_t limit) override;

private:
  SQLite::Database& m_db;
};

} // namespace slate::store::sqlite
