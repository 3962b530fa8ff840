#pragma once

#include <slate/app/writer.hpp>
#include <slate/domain/support_clock.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/formats/ticket_request.hpp>

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

// The support tickets: opening one and adding events on the Writer's one
// write path, and the reads (one ticket, a filtered list) with their clocks.
namespace slate::app {

// Open the ticket `spec` asks for under the snapshot's policy: 201 with the
// ticket, or every problem domain::open_ticket finds, and 409
// ticket_exists (field "ref") if the ref is taken. A retry with the same
// Idempotency-Key gets the ticket the first request opened.
domain::Result<Created<domain::Ticket>> open_ticket(Writer& writer, const domain::TicketSpec& spec,
                                                    const WriteContext& write);

// Add the event `request` describes to ticket `ref` and return the ticket
// with it: 404 not_found (field "ref") if there is none, else every problem
// domain::add_ticket_event finds. The event is stored as it arrives; the
// clocks follow from the whole history. A retry with the same
// Idempotency-Key gets the ticket without adding the event again.
domain::Result<Created<domain::Ticket>> add_ticket_event(Writer& writer, const std::string& ref,
                                                         const formats::TicketEventRequest& request,
                                                         const WriteContext& write);

// What a list of tickets is filtered by; each filter left out passes all.
struct TicketFilter {
  std::optional<domain::TicketState> state;
  std::optional<std::string> severity;   // the ticket's severity now
  std::optional<date::year_month> month; // of the opening, in the reporting zone
};

// Return the tickets of `snapshot` that pass `filter`, by opening instant,
// then ref.
std::vector<const domain::Ticket*> list_tickets(const Snapshot& snapshot,
                                                const TicketFilter& filter);

// Return the clocks of `ticket` under the snapshot's policy at `now`, with
// their ledgers.
std::vector<domain::SupportClock> clocks_of(const Snapshot& snapshot, const domain::Ticket& ticket,
                                            domain::Instant now);

// Return the resource an Idempotency-Key of an event names:
// "ticket_event/REF/N", N the number of events the ticket then had.
std::string ticket_event_resource(const domain::Ticket& ticket);

} // namespace slate::app
