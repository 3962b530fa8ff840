#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/ticket.hpp>

#include <string>
#include <vector>

namespace slate::store {

// A support alert (a clock's warning or breach) that was queued into the
// outbox: recorded in the same transaction as the outbox row, so that it is
// queued once, across restarts too, even after the outbox pruned the row.
struct TicketAlertRecord {
  std::string alert_id; // domain::SupportAlert::id
  std::string ticket;   // the ticket's ref
  std::string kind;     // "warning" or "breach"
  domain::Instant due_at;
  domain::Instant queued_at;
};

// Stored support tickets with their events. Events are kept as they
// arrived (late and out of order included); the clocks are never stored,
// they are always computed again from the whole history. Every method
// throws StoreError when the database fails.
class TicketStore {
public:
  virtual ~TicketStore() = default;

  // Return every ticket, in order of creation, each with its events in the
  // order they arrived.
  virtual std::vector<domain::Ticket> load() = 0;

  // Insert `ticket` with its events. Throws StoreError if a ticket with its
  // ref exists.
  virtual void insert(const domain::Ticket& ticket) = 0;

  // Append `event` to the events of ticket `ref`. Throws StoreError if
  // there is no such ticket.
  virtual void add_event(const std::string& ref, const domain::TicketEvent& event) = 0;

  // Record that alert `record` was queued and return true, or return false
  // and change nothing if it was recorded before.
  virtual bool record_alert(const TicketAlertRecord& record) = 0;

  // Return the ids of every alert recorded.
  virtual std::vector<std::string> alert_ids() = 0;
};

} // namespace slate::store
