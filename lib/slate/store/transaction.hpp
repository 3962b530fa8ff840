#pragma once

#include <slate/store/audit_log.hpp>
#include <slate/store/blackout_store.hpp>
#include <slate/store/idempotency_store.hpp>
#include <slate/store/maintenance_store.hpp>
#include <slate/store/outage_store.hpp>
#include <slate/store/outbox.hpp>
#include <slate/store/silence_store.hpp>
#include <slate/store/ticket_store.hpp>

#include <cstdint>

namespace slate::store {

// One transaction of a Store (see Store::write): each aggregate's part of
// the store, all of which commit together or not at all. Valid only while
// the function it was given to runs.
class Transaction {
public:
  virtual ~Transaction() = default;

  virtual MaintenanceStore& maintenances() = 0;
  virtual BlackoutStore& blackouts() = 0;
  virtual OutageStore& outages() = 0;
  virtual AuditLog& audit_log() = 0;
  virtual IdempotencyStore& idempotency() = 0;
  virtual Outbox& outbox() = 0;
  virtual TicketStore& tickets() = 0;
  virtual SilenceStore& silences() = 0;

  // The state version (table slated_state): a counter that every write
  // changing what a snapshot holds advances, so that a slated sharing the
  // database with others can tell whether its snapshot is still what the
  // store holds. Return it as this transaction sees it.
  virtual std::int64_t state_version() = 0;

  // Only within Store::write: wait until no other writer of the same
  // database (another slated) is between its own lock_state() and commit,
  // hold that place until this transaction ends, and return the state
  // version. Every statement after it sees what the previous holder
  // committed, so checks made after it cannot race another replica's.
  virtual std::int64_t lock_state() = 0;

  // Only within Store::write, after lock_state(): advance the state
  // version and return the new one; other replicas are told (PostgreSQL:
  // NOTIFY slated_state) when, and only if, this transaction commits.
  virtual std::int64_t advance_state() = 0;
};

} // namespace slate::store
