#pragma once

#include <slate/store/audit_log.hpp>
#include <slate/store/blackout_store.hpp>
#include <slate/store/idempotency_store.hpp>
#include <slate/store/maintenance_store.hpp>
#include <slate/store/outage_store.hpp>
#include <slate/store/outbox.hpp>
#include <slate/store/silence_store.hpp>
#include <slate/store/ticket_store.hpp>

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
};

} // namespace slate::store
