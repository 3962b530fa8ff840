#pragma once

#include <slate/domain/support_clock.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/formats/json_text.hpp>

#include <string_view>
#include <vector>

namespace slate::formats {

// A support clock, C in the API:
// {"kind", "severity", "plan", "target" (the ISO 8601 duration as the policy
// writes it), "target_seconds", "calendar", "started_at", "due_at" (null
// while a pause holds it before its target), "due_local" (due_at on the
// calendar's wall clock with its offset, or null), "warn_at" (or null),
// "stopped_at" (null while it runs), "status" ("running", "paused", "met",
// "breached"), "elapsed_seconds", "remaining_seconds" (negative once over),
// "ledger": [{"start", "end", "seconds", "counts", "reason"}]}. Times are
// RFC 3339 UTC ("Z") except due_local.
Json clock_json(const domain::SupportClock& clock);

// A ticket, T in the API: {"ref", "title", "severity" (its severity now),
// "plan", "opened_at", "state" ("open" or "resolved"), "events": [{"type",
// "at", "severity" (only for severity_changed), "note"}] (sorted by
// instant), "clocks": [C]}.
Json ticket_json(const domain::Ticket& ticket, const std::vector<domain::SupportClock>& clocks);

// The answer of the deadline calculator (GET /v1/sla/deadlines):
// {"severity", "plan", "opened_at", "clocks": [C]}.
Json deadlines_json(std::string_view severity, std::string_view plan, domain::Instant opened_at,
                    const std::vector<domain::SupportClock>& clocks);

} // namespace slate::formats
