#include <slate/domain/ticket.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::domain::TicketSpec;
using slate::domain::TicketState;
using slate::test::enghouse_like_policy;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

std::string codes(const slate::domain::Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : " ") + problem.code + "@" + problem.field;
  }
  return out;
}

} // namespace

TEST_CASE("domain::open_ticket fills the policy's defaults") {
  const auto policy = enghouse_like_policy();
  const auto now = utc("2026-04-14T09:00:00Z");
  const auto ticket = open_ticket(policy, TicketSpec{"INC-1042", "Calls drop", {}, {}, {}}, now);
  REQUIRE(ticket.ok());
  CHECK(ticket->severity == "P3"); // "the ticket will default to priority 3"
  CHECK(ticket->plan == "standard");
  CHECK(ticket->opened_at == now);
  CHECK(ticket->events.empty());
}

TEST_CASE("domain::open_ticket refuses what the policy does not know, naming the field") {
  const auto policy = enghouse_like_policy();
  const auto now = utc("2026-04-14T09:00:00Z");
  struct Row {
    TicketSpec spec;
    const char* expected;
  };
  const Row rows[] = {
      {{"INC-1", "", std::string("P9"), {}, {}}, "severity_unknown@severity"},
      {{"INC-1", "", {}, std::string("gold"), {}}, "plan_unknown@plan"},
      {{"INC 1/2", "", {}, {}, {}}, "ticket_ref_invalid@ref"},
      {{"", "", {}, {}, {}}, "ticket_ref_invalid@ref"},
      // One minute of clock skew is allowed; 61 s is not.
      {{"INC-1", "", {}, {}, now + 61s}, "time_in_future@opened_at"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.expected);
    const auto ticket = open_ticket(policy, row.spec, now);
    REQUIRE_FALSE(ticket.ok());
    CHECK(codes(ticket.problems()) == row.expected);
  }
  CHECK(open_ticket(policy, {"INC-1", "", {}, {}, now + 60s}, now).ok());
  CHECK(codes(open_ticket(slate::domain::SupportPolicy{}, {"INC-1", "", {}, {}, {}}, now)
                  .problems()) == "support_not_configured@severity");
}

TEST_CASE("domain::add_ticket_event checks the event against the ticket and the clock") {
  const auto policy = enghouse_like_policy();
  const auto now = utc("2026-04-14T12:00:00Z");
  const Ticket ticket{"INC-1", "", "P2", "standard", utc("2026-04-14T09:00:00Z"), {}};
  struct Row {
    TicketEventType type;
    std::optional<slate::domain::Instant> at;
    const char* severity;
    const char* expected;
  };
  const Row rows[] = {
      {TicketEventType::responded, utc("2026-04-14T08:59:59Z"), "", "event_before_opening@at"},
      {TicketEventType::responded, now + 61s, "", "time_in_future@at"},
      {TicketEventType::severity_changed, {}, "P7", "severity_unknown@severity"},
      {TicketEventType::severity_changed, {}, "", "missing_field@severity"},
      {TicketEventType::paused, {}, "P1", "invalid_field@severity"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.expected);
    const auto next = add_ticket_event(policy, ticket, row.type, row.at, row.severity, "", now);
    REQUIRE_FALSE(next.ok());
    CHECK(codes(next.problems()) == row.expected);
  }
  const auto next =
      add_ticket_event(policy, ticket, TicketEventType::paused, std::nullopt, "", "awaiting", now);
  REQUIRE(next.ok());
  REQUIRE(next->events.size() == 1);
  CHECK(next->events[0].at == now);
  CHECK(next->events[0].note == "awaiting");
  CHECK(ticket.events.empty()); // the input is not changed
}

TEST_CASE("domain::Ticket: state and severity follow the history by instant") {
  Ticket ticket{"INC-1", "", "P3", "standard", utc("2026-04-14T09:00:00Z"), {}};
  CHECK(ticket_state(ticket) == TicketState::open);
  // Arrived out of order: the reopening is later than the resolution.
  ticket.events.push_back({TicketEventType::reopened, utc("2026-04-15T09:00:00Z"), "", ""});
  ticket.events.push_back({TicketEventType::resolved, utc("2026-04-14T12:00:00Z"), "", ""});
  ticket.events.push_back(
      {TicketEventType::severity_changed, utc("2026-04-14T11:00:00Z"), "P1", ""});
  ticket.events.push_back(
      {TicketEventType::severity_changed, utc("2026-04-14T10:00:00Z"), "P2", ""});
  CHECK(ticket_state(ticket) == TicketState::open);
  CHECK(current_severity(ticket) == "P1");
  ticket.events.push_back({TicketEventType::resolved, utc("2026-04-16T09:00:00Z"), "", ""});
  CHECK(ticket_state(ticket) == TicketState::resolved);
  CHECK(to_string(TicketState::resolved) == "resolved");
  for (const auto type : slate::domain::k_ticket_event_types) {
    CHECK(slate::domain::parse_ticket_event_type(to_string(type)) == type);
  }
  CHECK_FALSE(slate::domain::parse_ticket_event_type("escalated").has_value());
}

TEST_CASE("domain::check_ticket finds what a changed policy no longer has") {
  const auto policy = enghouse_like_policy();
  Ticket ticket{"INC-1", "", "P5", "gold", utc("2026-04-14T09:00:00Z"), {}};
  ticket.events.push_back(
      {TicketEventType::severity_changed, utc("2026-04-14T08:00:00Z"), "P0", ""});
  CHECK(codes(check_ticket(policy, ticket)) ==
        "severity_unknown@severity plan_unknown@plan event_before_opening@events[0].at "
        "severity_unknown@events[0].severity");
}
