#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/support_policy.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// What a helpdesk (or an operator) reports about a ticket.
enum class TicketEventType {
  responded,        // first contact with the customer: stops the response clock
  updated,          // a progress update: ends one update interval, starts the next
  paused,           // waiting on the customer: stops the clocks in pause_stops
  resumed,          // ends a pause
  restored,         // fix, workaround or restoration plan: stops restoration and updates
  resolved,         // closes the ticket: stops every clock
  reopened,         // opens a resolved ticket again: restoration resumes, updates restart
  severity_changed, // the ticket's severity is now the event's `severity`
};

inline constexpr std::array<TicketEventType, 8> k_ticket_event_types{
    TicketEventType::responded, TicketEventType::updated,         TicketEventType::paused,
    TicketEventType::resumed,   TicketEventType::restored,        TicketEventType::resolved,
    TicketEventType::reopened,  TicketEventType::severity_changed};

// Return `type` as the API names it, e.g. "severity_changed".
std::string_view to_string(TicketEventType type);

// Return the event type called `name`, or std::nullopt.
std::optional<TicketEventType> parse_ticket_event_type(std::string_view name);

// One event of a ticket's history. Events may arrive late and out of
// order: the clocks are computed from the whole history, sorted by `at`
// (events at the same instant keep the order they arrived in).
struct TicketEvent {
  TicketEventType type = TicketEventType::updated;
  Instant at;
  std::string severity; // the new severity of a severity_changed; else empty
  std::string note;     // free text; a pause's note is its ledger reason
};

// A support ticket as the helpdesk opened it, with every event since, in
// the order they arrived.
struct Ticket {
  std::string ref; // the helpdesk's id, unique
  std::string title;
  std::string severity; // as opened; severity_changed events change it
  std::string plan;
  Instant opened_at;
  std::vector<TicketEvent> events;
};

enum class TicketState { open, resolved };

std::string_view to_string(TicketState state);

// Return the events of `ticket` sorted by instant; events at the same
// instant keep their order of arrival.
std::vector<TicketEvent> sorted_events(const Ticket& ticket);

// Return the ticket's state after its whole history: resolved after a
// `resolved` that no later `reopened` undid.
TicketState ticket_state(const Ticket& ticket);

// Return the ticket's severity after its whole history: that of the last
// `severity_changed` by instant, else the one it was opened with.
std::string current_severity(const Ticket& ticket);

// The most events one ticket may hold.
inline constexpr std::size_t k_max_ticket_events = 1000;

// The most characters of a ref (the helpdesk's id).
inline constexpr std::size_t k_max_ticket_ref = 64;

// Return whether `ref` is a usable ticket reference: 1 to 64 of the
// characters A-Z a-z 0-9 . _ - : # (it appears in URLs as a path segment).
bool valid_ticket_ref(std::string_view ref);

// What a client asks for when it opens a ticket; the defaults fill the
// gaps.
struct TicketSpec {
  std::string ref;
  std::string title;
  std::optional<std::string> severity; // default: the policy's default_severity
  std::optional<std::string> plan;     // default: the policy's default_plan
  std::optional<Instant> opened_at;    // default: now
};

// How far in the future of `now` a client's instant may be: clocks of
// helpdesks and of slated differ by a few seconds.
inline constexpr Seconds k_allowed_clock_skew{60};

// Return the ticket `spec` opens under `policy` at `now`, or every problem:
// "support_not_configured" (the policy has no [support]; field "severity"),
// "ticket_ref_invalid" (field "ref"), "severity_unknown" (field
// "severity"), "plan_unknown" (field "plan"), "time_in_future" (field
// "opened_at", more than k_allowed_clock_skew after `now`).
Result<Ticket> open_ticket(const SupportPolicy& policy, TicketSpec spec, Instant now);

// Return `ticket` with `event` added (at its instant, or `now` if it has
// none), or every problem: "severity_unknown" (field "severity", for a
// severity_changed whose severity is not one of the policy's),
// "missing_field" (a severity_changed without a severity), "invalid_field"
// (a severity on another event), "event_before_opening" and
// "time_in_future" (field "at"), "events_too_many" (field "type").
Result<Ticket> add_ticket_event(const SupportPolicy& policy, const Ticket& ticket,
                                TicketEventType type, std::optional<Instant> at,
                                std::string severity, std::string note, Instant now);

// Return every problem with a stored `ticket` under `policy` as it is now
// (a severity or plan the policy no longer has, events before the opening);
// the same codes and fields as open_ticket and add_ticket_event, with
// events' fields as "events[3].at".
Problems check_ticket(const SupportPolicy& policy, const Ticket& ticket);

} // namespace slate::domain
