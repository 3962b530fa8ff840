#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/outage.hpp>
#include <slate/store/store_error.hpp>

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace slate::store {

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

// What a history import writes: past maintenance and outages, each marked
// imported. Ids are ignored on the way in and set on the way out.
struct History {
  std::vector<domain::Maintenance> maintenances;
  std::vector<domain::Outage> outages;
};

// Return the idempotency resource of an import that made `history`:
// "import/M/m/O/o", the first maintenance id M and their count m, the first
// outage id O and their count o (0/0 for none). The ids one import makes are
// consecutive: the store refuses to commit otherwise.
std::string import_resource(const History& history);

// The id ranges an import resource names, or std::nullopt if `resource` is
// not one.
struct ImportRanges {
  std::int64_t first_maintenance = 0;
  std::int64_t maintenances = 0;
  std::int64_t first_outage = 0;
  std::int64_t outages = 0;
};
std::optional<ImportRanges> parse_import_resource(const std::string& resource);

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

  virtual std::vector<domain::Outage> load_outages() = 0;

  // Insert `outage` (its id is ignored) and return it with its new id; the
  // store sets the audit entry's subject ("outage/ID") and `after`, and the
  // idempotency record's resource, as for insert_maintenance.
  virtual domain::Outage
  insert_outage(domain::Outage outage, AuditEntry audit,
                const std::function<std::string(const domain::Outage&)>& render_after,
                std::optional<IdempotencyRecord> idempotency) = 0;
  // Replace every field of the stored outage with `outage`'s id (resolving
  // it sets its end). Throws StoreError if there is none.
  virtual void update_outage(const domain::Outage& outage, const AuditEntry& audit) = 0;

  // Insert everything in `history` in one transaction, all or nothing, with
  // one audit entry per item: `audit` with subject "maintenance/ID" or
  // "outage/ID" and `after` rendered by `render_maintenance` or
  // `render_outage`. The idempotency record's resource becomes
  // import_resource() of what was stored. Returns `history` with its ids.
  virtual History
  import_history(History history, const AuditEntry& audit,
                 const std::function<std::string(const domain::Maintenance&)>& render_maintenance,
                 const std::function<std::string(const domain::Outage&)>& render_outage,
                 std::optional<IdempotencyRecord> idempotency) = 0;

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
