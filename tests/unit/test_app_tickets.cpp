// Opening tickets and adding events (app/tickets), on the Writer's path.
#include "app_writer_fixture.hpp"

#include <slate/app/tickets.hpp>

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

using namespace slate::test::writes;
using slate::domain::ClockKind;
using slate::domain::ClockStatus;
using slate::domain::Code;
using slate::domain::SupportClock;
using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::domain::TicketSpec;
using slate::domain::TicketState;
using slate::formats::TicketEventRequest;
using slate::test::enghouse_like_policy;
using slate::test::iso;
using slate::test::utc;
using namespace slate::app;

namespace {

Policy support_policy() {
  Policy policy;
  policy.support = enghouse_like_policy();
  return policy;
}

TicketSpec spec(const std::string& ref, const char* opened_at, const char* severity = "P2") {
  TicketSpec s;
  s.ref = ref;
  s.title = "Calls drop";
  s.severity = severity;
  s.opened_at = utc(opened_at);
  return s;
}

TicketEventRequest event(TicketEventType type, const char* at, std::string note = "") {
  TicketEventRequest request;
  request.type = type;
  request.at = utc(at);
  request.note = std::move(note);
  return request;
}

const SupportClock& clock_of(const std::vector<SupportClock>& clocks, ClockKind kind) {
  for (const auto& clock : clocks) {
    if (clock.kind == kind) {
      return clock;
    }
  }
  throw std::runtime_error("no clock of that kind");
}

} // namespace

TEST_CASE("app::open_ticket stores the ticket, refuses a taken ref and replays a retry") {
  Fixture f(support_policy());
  const auto opened = open_ticket(*f.writer, spec("INC-1", "2026-04-14T09:00:00Z"),
                                  by("helpdesk", "2026-04-14T09:00:05Z", "key-1", "fp-1"));
  REQUIRE(opened.ok());
  CHECK_FALSE(opened->replayed);
  CHECK(opened->value.plan == "standard"); // the policy's default plan
  CHECK(f.writer->snapshot()->find_ticket("INC-1") != nullptr);

  const auto retried = open_ticket(*f.writer, spec("INC-1", "2026-04-14T09:00:00Z"),
                                   by("helpdesk", "2026-04-14T09:00:09Z", "key-1", "fp-1"));
  REQUIRE(retried.ok());
  CHECK(retried->replayed);
  CHECK(retried->value.ref == "INC-1");

  const auto again = open_ticket(*f.writer, spec("INC-1", "2026-04-14T09:00:00Z"),
                                 by("helpdesk", "2026-04-14T09:01:00Z"));
  REQUIRE_FALSE(again.ok());
  CHECK(codes(again.problems()) == "ticket_exists");
  CHECK(again.problems()[0].field == "ref");

  const auto unknown = open_ticket(*f.writer, spec("INC-2", "2026-04-14T09:00:00Z", "P9"),
                                   by("helpdesk", "2026-04-14T09:01:00Z"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(codes(unknown.problems()) == "severity_unknown");
  CHECK(f.writer->snapshot()->tickets.size() == 1);

  // The default severity (P3) when none is given.
  auto no_severity = spec("INC-3", "2026-04-14T09:00:00Z");
  no_severity.severity.reset();
  const auto defaulted =
      open_ticket(*f.writer, no_severity, by("helpdesk", "2026-04-14T09:01:00Z"));
  REQUIRE(defaulted.ok());
  CHECK(defaulted->value.severity == "P3");

  // What was written survives a restart.
  f.restart();
  const auto* stored = f.writer->snapshot()->find_ticket("INC-1");
  REQUIRE(stored != nullptr);
  CHECK(stored->title == "Calls drop");
  CHECK(f.writer->snapshot()->tickets.size() == 2);
}

TEST_CASE("app::open_ticket is refused under a policy without [support]") {
  Fixture f;
  const auto opened = open_ticket(*f.writer, spec("INC-1", "2026-03-03T11:00:00Z"), by("helpdesk"));
  REQUIRE_FALSE(opened.ok());
  CHECK(codes(opened.problems()) == "support_not_configured");
  CHECK(f.writer->snapshot()->tickets.empty());
}

TEST_CASE("app::add_ticket_event: a late pause corrects the restoration clock") {
  // Enghouse P2 restoration PT8H on 08:00-18:00 Europe/London, opened Tue
  // 14 Apr 2026 10:00 BST (09:00Z). Without a pause the 8 h end on Tuesday
  // at 18:00 BST = 17:00Z. Paused 11:00 BST (10:00Z) to Wed
  // 09:00 BST (08:00Z): 1 h counted Tuesday, 7 h from Wed 09:00 BST end at
  // 16:00 BST = 15:00Z.
  Fixture f(support_policy());
  REQUIRE(open_ticket(*f.writer, spec("INC-7", "2026-04-14T09:00:00Z"),
                      by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  {
    const auto clocks =
        clocks_of(*f.writer->snapshot(), *f.writer->snapshot()->find_ticket("INC-7"),
                  utc("2026-04-14T09:30:00Z"));
    CHECK(iso(*clock_of(clocks, ClockKind::restoration).due_at) == "2026-04-14T17:00:00Z");
  }
  // The resume arrives first (no pause yet: no effect), then the pause, late.
  const auto resumed =
      add_ticket_event(*f.writer, "INC-7", event(TicketEventType::resumed, "2026-04-15T08:00:00Z"),
                       by("helpdesk", "2026-04-15T08:00:30Z"));
  REQUIRE(resumed.ok());
  const auto paused = add_ticket_event(
      *f.writer, "INC-7", event(TicketEventType::paused, "2026-04-14T10:00:00Z", "awaiting logs"),
      by("helpdesk", "2026-04-15T08:01:00Z"));
  REQUIRE(paused.ok());
  // The audit log has the event as it arrived, by the helpdesk.
  const auto audit = f.database->audit_log(1);
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "ticket.event");
  CHECK(audit[0].subject == "ticket/INC-7");
  CHECK(audit[0].actor == "helpdesk");
  CHECK(parsed(audit[0].after)["type"] == "paused");
  CHECK(parsed(audit[0].after)["at"] == "2026-04-14T10:00:00Z");
  const auto* ticket = f.writer->snapshot()->find_ticket("INC-7");
  REQUIRE(ticket != nullptr);
  CHECK(ticket->events.size() == 2);
  const auto clocks = clocks_of(*f.writer->snapshot(), *ticket, utc("2026-04-15T09:00:00Z"));
  const auto& restoration = clock_of(clocks, ClockKind::restoration);
  REQUIRE(restoration.due_at);
  CHECK(iso(*restoration.due_at) == "2026-04-15T15:00:00Z");
  bool paused_reason = false;
  for (const auto& entry : restoration.ledger) {
    paused_reason = paused_reason || entry.reason == "paused: awaiting logs";
  }
  CHECK(paused_reason);

  // Each event is kept after a restart, in the order it arrived.
  f.restart();
  const auto* reloaded = f.writer->snapshot()->find_ticket("INC-7");
  REQUIRE(reloaded != nullptr);
  REQUIRE(reloaded->events.size() == 2);
  CHECK(reloaded->events[0].type == TicketEventType::resumed);
  CHECK(reloaded->events[1].type == TicketEventType::paused);
}

TEST_CASE("app::add_ticket_event refuses bad events and changes nothing") {
  Fixture f(support_policy());
  REQUIRE(open_ticket(*f.writer, spec("INC-8", "2026-04-14T09:00:00Z"),
                      by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  const auto version = f.writer->snapshot()->version;

  const auto missing = add_ticket_event(*f.writer, "INC-9",
                                        event(TicketEventType::responded, "2026-04-14T09:10:00Z"),
                                        by("helpdesk", "2026-04-14T09:20:00Z"));
  REQUIRE_FALSE(missing.ok());
  CHECK(codes(missing.problems()) == "not_found");

  const auto early = add_ticket_event(*f.writer, "INC-8",
                                      event(TicketEventType::responded, "2026-04-14T08:59:59Z"),
                                      by("helpdesk", "2026-04-14T09:20:00Z"));
  REQUIRE_FALSE(early.ok());
  CHECK(codes(early.problems()) == "event_before_opening");
  CHECK(early.problems()[0].field == "at");

  const auto future = add_ticket_event(*f.writer, "INC-8",
                                       event(TicketEventType::responded, "2026-04-14T09:21:01Z"),
                                       by("helpdesk", "2026-04-14T09:20:00Z"));
  REQUIRE_FALSE(future.ok());
  CHECK(codes(future.problems()) == "time_in_future");

  auto change = event(TicketEventType::severity_changed, "2026-04-14T09:10:00Z");
  change.severity = "P7";
  const auto unknown =
      add_ticket_event(*f.writer, "INC-8", change, by("helpdesk", "2026-04-14T09:20:00Z"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(codes(unknown.problems()) == "severity_unknown");

  CHECK(f.writer->snapshot()->find_ticket("INC-8")->events.empty());
  CHECK(f.writer->snapshot()->version == version); // a refused write publishes nothing
}

TEST_CASE("app::add_ticket_event replays a retry with the same Idempotency-Key") {
  Fixture f(support_policy());
  REQUIRE(open_ticket(*f.writer, spec("INC-5", "2026-04-14T09:00:00Z"),
                      by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  const auto first =
      add_ticket_event(*f.writer, "INC-5", event(TicketEventType::updated, "2026-04-14T09:30:00Z"),
                       by("helpdesk", "2026-04-14T09:30:00Z", "ev-1", "fp"));
  REQUIRE(first.ok());
  CHECK_FALSE(first->replayed);
  const auto second =
      add_ticket_event(*f.writer, "INC-5", event(TicketEventType::updated, "2026-04-14T09:30:00Z"),
                       by("helpdesk", "2026-04-14T09:30:05Z", "ev-1", "fp"));
  REQUIRE(second.ok());
  CHECK(second->replayed);
  CHECK(f.writer->snapshot()->find_ticket("INC-5")->events.size() == 1);
}

TEST_CASE("app::list_tickets filters by state, severity and month") {
  Fixture f(support_policy());
  // 31 Mar 2026 23:30Z is 1 Apr 00:30 BST: an April ticket in Europe/London.
  REQUIRE(open_ticket(*f.writer, spec("A", "2026-03-31T23:30:00Z", "P1"),
                      by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  REQUIRE(open_ticket(*f.writer, spec("B", "2026-03-31T22:30:00Z", "P2"),
                      by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  REQUIRE(add_ticket_event(*f.writer, "B", event(TicketEventType::resolved, "2026-04-01T10:00:00Z"),
                           by("helpdesk", "2026-04-14T09:00:00Z"))
              .ok());
  const auto& snapshot = *f.writer->snapshot();
  const auto refs = [&](const TicketFilter& filter) {
    std::string out;
    for (const auto* t : list_tickets(snapshot, filter)) {
      out += t->ref;
    }
    return out;
  };
  CHECK(refs({}) == "BA"); // by opening
  CHECK(refs({TicketState::open, std::nullopt, std::nullopt}) == "A");
  CHECK(refs({TicketState::resolved, std::nullopt, std::nullopt}) == "B");
  CHECK(refs({std::nullopt, std::string("P1"), std::nullopt}) == "A");
  CHECK(refs({std::nullopt, std::nullopt, date::year{2026} / 4}) == "A");
  CHECK(refs({std::nullopt, std::nullopt, date::year{2026} / 3}) == "B");
}
