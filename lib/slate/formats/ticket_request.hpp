#pragma once

#include <slate/domain/problem.hpp>
#include <slate/domain/ticket.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace slate::formats {

// The longest title and note a request may carry, in bytes.
inline constexpr std::size_t k_max_ticket_title = 200;
inline constexpr std::size_t k_max_ticket_note = 1000;

// POST /v1/tickets: {"ref", "title", "severity"?, "plan"?, "opened_at"?}.
// What is left out is the policy's default (or, for opened_at, the moment
// the request arrives); domain::open_ticket applies both.
domain::Result<domain::TicketSpec> parse_ticket_request(std::string_view body);

// POST /v1/tickets/{ref}/events: {"type", "at"?, "severity"?, "note"?}.
struct TicketEventRequest {
  domain::TicketEventType type = domain::TicketEventType::updated;
  std::optional<domain::Instant> at; // default: when the request arrives
  std::string severity;              // for severity_changed
  std::string note;
};

// Parse a request body, refusing malformed JSON ("malformed_json"),
// unknown members ("unknown_field"), a missing ref, title or type
// ("missing_field"), wrong types, overlong texts and times without a UTC
// offset ("invalid_field", "time_invalid"), and an event type that does not
// exist ("event_type_unknown", field "type"), each problem naming the
// member. Whether the severity, plan and instants make sense under the
// policy is domain::open_ticket's and domain::add_ticket_event's to say.
domain::Result<TicketEventRequest> parse_ticket_event_request(std::string_view body);

} // namespace slate::formats
