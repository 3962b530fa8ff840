#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace slate::store {

// The database cannot be opened, is newer than this slated, or a write
// failed (the transaction was rolled back: nothing changed).
class StoreError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// One change, for the audit log. `before` and `after` are JSON documents
// rendered by the caller ("" when there is none, e.g. before a creation).
struct AuditEntry {
  std::int64_t id = 0;
  domain::Instant at;
  std::string actor;   // token name, never the token
  std::string action;  // e.g. "maintenance.create", "blackout.delete"
  std::string subject; // e.g. "maintenance/12"
  std::string before;
  std::string after;
};

// A POST made with an Idempotency-Key: a retry with the same key and actor
// gets the resource the first request created instead of a second one.
struct IdempotencyRecord {
  std::string key;
  std::string actor;
  std::string
      fingerprint; // hash of method, path and body: a key reused for another request is refused
  std::string resource; // e.g. "maintenance/12"
  domain::Instant created_at;
};

// Every write is one transaction: the change, its audit entry and its
// idempotency record commit together or not at all.
class Database {
public:
  virtual ~Database() = default;

  virtual int schema_version() = 0;

  virtual std::vector<domain::Maintenance> load_maintenances() = 0;
  virtual std::vector<domain::Blackout> load_blackouts() = 0;

  // Insert `maintenance` (its id is ignored) and return it with its new id.
  // The id is only known inside the transaction, so the store sets the
  // audit entry's subject ("maintenance/ID") and its `after` from
  // `render_after`, and the idempotency record's resource.
  virtual domain::Maintenance
  insert_maintenance(domain::Maintenance maintenance, AuditEntry audit,
                     const std::function<std::string(const domain::Maintenance&)>& render_after,
                     std::optional<IdempotencyRecord> idempotency) = 0;
  virtual void update_maintenance(const domain::Maintenance& maintenance,
                                  const AuditEntry& audit) = 0;

  virtual domain::Blackout
  insert_blackout(domain::Blackout blackout, AuditEntry audit,
                  const std::function<std::string(const domain::Blackout&)>& render_after,
                  std::optional<IdempotencyRecord> idempotency) = 0;
  virtual void delete_blackout(std::int64_t id, const AuditEntry& audit) = 0;

  virtual std::optional<IdempotencyRecord> find_idempotency(const std::string& key,
                                                            const std::string& actor) = 0;

  // Audit entries, newest first, at most `limit`.
  virtual std::vector<AuditEntry> audit_log(std::size_t limit) = 0;
};

// Open (creating if missing) the SQLite database at `path`, creating its
// directory, and upgrade it to the current schema. Throws StoreError if it
// cannot be opened or was written by a newer slated.
std::unique_ptr<Database> open_sqlite_database(const std::filesystem::path& path);

// The schema version this build writes.
int current_schema_version();

} // namespace slate::store
