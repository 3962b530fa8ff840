#pragma once

#include <slate/domain/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace slate::store {

// One change, for the audit log. `before` and `after` are JSON documents
// rendered by the app ("" when there is none, e.g. before a creation).
struct AuditEntry {
  std::int64_t id = 0;
  domain::Instant at;
  std::string actor;   // token name, never the token
  std::string action;  // e.g. "maintenance.create", "blackout.delete"
  std::string subject; // e.g. "maintenance/12"
  std::string before;
  std::string after;
};

// Who changed what and when: one entry per change, written in the
// transaction of the change. Entries are never changed or removed.
class AuditLog {
public:
  virtual ~AuditLog() = default;

  // Append `entry` (its id is ignored).
  virtual void append(const AuditEntry& entry) = 0;

  // Return the newest entries first, at most `limit`.
  virtual std::vector<AuditEntry> newest(std::size_t limit) = 0;
};

} // namespace slate::store
