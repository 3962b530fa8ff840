#include <slate/domain/support_clock.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

using slate::domain::ClockKind;
using slate::domain::ClockStatus;
using slate::domain::SeverityChange;
using slate::domain::SupportClock;
using slate::domain::Ticket;
using slate::domain::TicketEvent;
using slate::domain::TicketEventType;
using slate::test::enghouse_like_policy;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

// Instants: April 2026 in Europe/London is BST (UTC+1), so 09:00 BST is
// 08:00Z; checked once with /usr/bin/python3 and zoneinfo
// (datetime(2026, 4, 14, 10, tzinfo=ZoneInfo("Europe/London"))
// .astimezone(timezone.utc) is 2026-04-14 09:00Z, and so on). The office
// hours are 08:00-18:00 BST = 07:00-17:00Z on weekdays.

namespace {

Ticket ticket(const char* severity, const char* opened_at, std::vector<TicketEvent> events = {},
              const char* plan = "standard") {
  return Ticket{"INC-1", "Calls drop", severity, plan, utc(opened_at), std::move(events)};
}

TicketEvent event(TicketEventType type, const char* at, std::string note = "",
                  std::string severity = "") {
  return {type, utc(at), std::move(severity), std::move(note)};
}

std::vector<SupportClock> of_kind(const std::vector<SupportClock>& clocks, ClockKind kind) {
  std::vector<SupportClock> out;
  std::copy_if(clocks.begin(), clocks.end(), std::back_inserter(out),
               [&](const SupportClock& clock) { return clock.kind == kind; });
  return out;
}

const SupportClock& only(const std::vector<SupportClock>& clocks, ClockKind kind) {
  const auto* found = &clocks.front();
  int count = 0;
  for (const auto& clock : clocks) {
    if (clock.kind == kind) {
      found = &clock;
      ++count;
    }
  }
  REQUIRE(count == 1);
  return *found;
}

std::string text(const std::optional<slate::domain::Instant>& instant) {
  return instant ? iso(*instant) : std::string("null");
}

// Each ledger entry as "START END counts|- reason".
std::vector<std::string> ledger(const SupportClock& clock) {
  std::vector<std::string> out;
  for (const auto& entry : clock.ledger) {
    out.push_back(iso(entry.interval.start) + " " + iso(entry.interval.end) + " " +
                  (entry.counts ? "counts" : "-") + " " + entry.reason);
  }
  return out;
}

} // namespace

TEST_CASE("domain::ticket_clocks: a pause moves restoration's due instant, not response's") {
  const auto policy = enghouse_like_policy();
  // Enghouse P2, opened Tue 14 Apr 2026 10:00 BST (09:00Z).
  SUBCASE("without the pause: 8 h from 10:00 BST is 18:00 BST the same day") {
    const auto clocks =
        ticket_clocks(policy, ticket("P2", "2026-04-14T09:00:00Z"), utc("2026-04-14T09:30:00Z"));
    const auto& restoration = only(clocks, ClockKind::restoration);
    CHECK(text(restoration.due_at) == "2026-04-14T17:00:00Z");
    CHECK(restoration.target_seconds == 8h);
    CHECK(restoration.status == ClockStatus::running);
    CHECK(restoration.elapsed == 30min);
    CHECK(restoration.remaining == 7h + 30min);
  }
  SUBCASE("paused 11:00 BST until Wed 09:00 BST: 1 h Tuesday + 7 h Wednesday, due 16:00 BST") {
    const auto clocks = ticket_clocks(
        policy,
        ticket("P2", "2026-04-14T09:00:00Z",
               {event(TicketEventType::paused, "2026-04-14T10:00:00Z", "awaiting customer"),
                event(TicketEventType::resumed, "2026-04-15T08:00:00Z")}),
        utc("2026-04-15T09:00:00Z"));
    const auto& restoration = only(clocks, ClockKind::restoration);
    CHECK(text(restoration.due_at) == "2026-04-15T15:00:00Z");
    CHECK(restoration.status == ClockStatus::running);
    // Counted by Wed 10:00 BST: 1 h Tuesday, 1 h Wednesday.
    CHECK(restoration.elapsed == 2h);
    CHECK(ledger(restoration) ==
          std::vector<std::string>{
              "2026-04-14T09:00:00Z 2026-04-14T10:00:00Z counts business hours",
              "2026-04-14T10:00:00Z 2026-04-15T08:00:00Z - paused: awaiting customer",
              "2026-04-15T08:00:00Z 2026-04-15T15:00:00Z counts business hours",
          });
    // The response clock ignores the pause: due 11:00 BST Tuesday, never
    // answered, so breached.
    const auto& response = only(clocks, ClockKind::response);
    CHECK(text(response.due_at) == "2026-04-14T10:00:00Z");
    CHECK(response.status == ClockStatus::breached);
    CHECK_FALSE(response.stopped_at.has_value());
  }
  SUBCASE("a pause that has not ended: restoration paused, no due instant") {
    const auto clocks = ticket_clocks(
        policy,
        ticket("P2", "2026-04-14T09:00:00Z",
               {event(TicketEventType::paused, "2026-04-14T09:15:00Z", "awaiting logs")}),
        utc("2026-04-14T09:30:00Z"));
    const auto& restoration = only(clocks, ClockKind::restoration);
    CHECK(restoration.status == ClockStatus::paused);
    CHECK_FALSE(restoration.due_at.has_value());
    CHECK(restoration.elapsed == 15min);
    CHECK(ledger(restoration) ==
          std::vector<std::string>{
              "2026-04-14T09:00:00Z 2026-04-14T09:15:00Z counts business hours",
              "2026-04-14T09:15:00Z 2026-04-14T09:30:00Z - paused: awaiting logs",
          });
    const auto& response = only(clocks, ClockKind::response);
    CHECK(response.status == ClockStatus::running);
    CHECK(text(response.due_at) == "2026-04-14T10:00:00Z");
    CHECK(only(clocks, ClockKind::update).status == ClockStatus::paused);
  }
}

TEST_CASE("domain::ticket_clocks: a response stops the response clock, met or breached") {
  const auto policy = enghouse_like_policy();
  // P1 opened Mon 13 Apr 2026 09:00 BST (08:00Z): response due 08:30Z.
  const auto met =
      ticket_clocks(policy,
                    ticket("P1", "2026-04-13T08:00:00Z",
                           {event(TicketEventType::responded, "2026-04-13T08:30:00Z")}),
                    utc("2026-04-13T12:00:00Z"));
  CHECK(only(met, ClockKind::response).status == ClockStatus::met);
  CHECK(text(only(met, ClockKind::response).stopped_at) == "2026-04-13T08:30:00Z");
  const auto late =
      ticket_clocks(policy,
                    ticket("P1", "2026-04-13T08:00:00Z",
                           {event(TicketEventType::responded, "2026-04-13T08:30:01Z")}),
                    utc("2026-04-13T12:00:00Z"));
  CHECK(only(late, ClockKind::response).status == ClockStatus::breached);
  CHECK(only(late, ClockKind::response).elapsed == 30min + 1s);
  CHECK(only(late, ClockKind::response).remaining == -1s);
}

TEST_CASE("domain::ticket_clocks: one update clock per interval, restarted at each update") {
  const auto policy = enghouse_like_policy();
  // P1 updates every 2 h. Opened 08:00Z; updates at 09:00Z, 10:30Z and,
  // late for the interval started at 10:30Z (due 12:30Z), at 13:00Z.
  const auto clocks =
      ticket_clocks(policy,
                    ticket("P1", "2026-04-13T08:00:00Z",
                           {event(TicketEventType::updated, "2026-04-13T09:00:00Z"),
                            event(TicketEventType::updated, "2026-04-13T10:30:00Z"),
                            event(TicketEventType::updated, "2026-04-13T13:00:00Z")}),
                    utc("2026-04-13T13:30:00Z"));
  const auto updates = of_kind(clocks, ClockKind::update);
  REQUIRE(updates.size() == 4);
  CHECK(iso(updates[0].started_at) == "2026-04-13T08:00:00Z");
  CHECK(text(updates[0].due_at) == "2026-04-13T10:00:00Z");
  CHECK(updates[0].status == ClockStatus::met);
  CHECK(iso(updates[1].started_at) == "2026-04-13T09:00:00Z");
  CHECK(updates[1].status == ClockStatus::met);
  CHECK(text(updates[2].due_at) == "2026-04-13T12:30:00Z");
  CHECK(updates[2].status == ClockStatus::breached);
  CHECK(text(updates[2].stopped_at) == "2026-04-13T13:00:00Z");
  CHECK(iso(updates[3].started_at) == "2026-04-13T13:00:00Z");
  CHECK(text(updates[3].due_at) == "2026-04-13T15:00:00Z");
  CHECK(updates[3].status == ClockStatus::running);
}

TEST_CASE("domain::ticket_clocks: a severity change recomputes from the opening or restarts") {
  // P3 opened Mon 13 Apr 2026 09:00 BST (08:00Z); raised to P1 at 12:00
  // BST (11:00Z); answered at 11:20Z.
  const std::vector<TicketEvent> events{
      event(TicketEventType::severity_changed, "2026-04-13T11:00:00Z", "", "P1"),
      event(TicketEventType::responded, "2026-04-13T11:20:00Z"),
  };
  const auto now = utc("2026-04-13T11:30:00Z");
  SUBCASE("recompute: P1's targets from the opening") {
    const auto clocks = ticket_clocks(enghouse_like_policy(SeverityChange::recompute),
                                      ticket("P3", "2026-04-13T08:00:00Z", events), now);
    REQUIRE(clocks.size() == 3);
    const auto& response = only(clocks, ClockKind::response);
    CHECK(response.severity == "P1");
    CHECK(iso(response.started_at) == "2026-04-13T08:00:00Z");
    CHECK(text(response.due_at) == "2026-04-13T08:30:00Z"); // 08:00Z + 30 min
    CHECK(response.status == ClockStatus::breached);
    const auto& update = only(clocks, ClockKind::update);
    CHECK(text(update.due_at) == "2026-04-13T10:00:00Z"); // 08:00Z + 2 h
    CHECK(update.status == ClockStatus::breached);
    const auto& restoration = only(clocks, ClockKind::restoration);
    CHECK(text(restoration.due_at) == "2026-04-13T12:00:00Z"); // 08:00Z + 4 h
    CHECK(restoration.status == ClockStatus::running);
  }
  SUBCASE("restart: P3's running response clock ends at the change, P1's clocks start there") {
    const auto clocks = ticket_clocks(enghouse_like_policy(SeverityChange::restart),
                                      ticket("P3", "2026-04-13T08:00:00Z", events), now);
    // P3's response (P1D = 10 business hours, due Tue 09:00 BST) had not
    // breached at the change: it is replaced, not kept.
    REQUIRE(clocks.size() == 3);
    const auto& response = only(clocks, ClockKind::response);
    CHECK(response.severity == "P1");
    CHECK(iso(response.started_at) == "2026-04-13T11:00:00Z");
    CHECK(text(response.due_at) == "2026-04-13T11:30:00Z");
    CHECK(response.status == ClockStatus::met);
    CHECK(text(only(clocks, ClockKind::update).due_at) == "2026-04-13T13:00:00Z");
    CHECK(text(only(clocks, ClockKind::restoration).due_at) == "2026-04-13T15:00:00Z");
  }
  SUBCASE("restart: a clock that had already breached stays, stopped at the change") {
    // P2 (response PT1H, due 09:00Z) raised to P1 at 09:30Z.
    const auto clocks = ticket_clocks(
        enghouse_like_policy(SeverityChange::restart),
        ticket("P2", "2026-04-13T08:00:00Z",
               {event(TicketEventType::severity_changed, "2026-04-13T09:30:00Z", "", "P1")}),
        utc("2026-04-13T09:40:00Z"));
    const auto responses = of_kind(clocks, ClockKind::response);
    REQUIRE(responses.size() == 2);
    CHECK(responses[0].severity == "P2");
    CHECK(responses[0].status == ClockStatus::breached);
    CHECK(text(responses[0].stopped_at) == "2026-04-13T09:30:00Z");
    CHECK(responses[1].severity == "P1");
    CHECK(text(responses[1].due_at) == "2026-04-13T10:00:00Z");
    CHECK(responses[1].status == ClockStatus::running);
  }
}

TEST_CASE("domain::ticket_clocks: a reopened ticket resumes restoration and restarts updates") {
  const auto policy = enghouse_like_policy();
  // P1 opened Mon 13 Apr 2026 08:00Z, resolved 10:00Z (2 h of 4 used),
  // reopened Tue 14 Apr 09:00 BST (08:00Z): 2 h left, due 10:00Z.
  const auto clocks =
      ticket_clocks(policy,
                    ticket("P1", "2026-04-13T08:00:00Z",
                           {event(TicketEventType::resolved, "2026-04-13T10:00:00Z"),
                            event(TicketEventType::reopened, "2026-04-14T08:00:00Z")}),
                    utc("2026-04-14T09:00:00Z"));
  const auto& restoration = only(clocks, ClockKind::restoration);
  CHECK(text(restoration.due_at) == "2026-04-14T10:00:00Z");
  CHECK(restoration.status == ClockStatus::running);
  CHECK_FALSE(restoration.stopped_at.has_value());
  CHECK(restoration.elapsed == 3h);
  CHECK(ledger(restoration) ==
        std::vector<std::string>{
            "2026-04-13T08:00:00Z 2026-04-13T10:00:00Z counts business hours",
            "2026-04-13T10:00:00Z 2026-04-14T08:00:00Z - resolved: until reopened",
            "2026-04-14T08:00:00Z 2026-04-14T10:00:00Z counts business hours",
        });
  // The resolution answered the ticket, late (due 08:30Z).
  const auto& response = only(clocks, ClockKind::response);
  CHECK(text(response.stopped_at) == "2026-04-13T10:00:00Z");
  CHECK(response.status == ClockStatus::breached);
  const auto updates = of_kind(clocks, ClockKind::update);
  REQUIRE(updates.size() == 2);
  CHECK(updates[0].status == ClockStatus::met); // due 10:00Z, stopped 10:00Z
  CHECK(iso(updates[1].started_at) == "2026-04-14T08:00:00Z");
  CHECK(updates[1].status == ClockStatus::running);
}

TEST_CASE("domain::ticket_clocks: late, out-of-order events give the same clocks") {
  const auto policy = enghouse_like_policy();
  const std::vector<TicketEvent> in_order{
      event(TicketEventType::responded, "2026-04-14T09:20:00Z"),
      event(TicketEventType::paused, "2026-04-14T10:00:00Z", "awaiting customer"),
      event(TicketEventType::updated, "2026-04-14T11:00:00Z"),
      event(TicketEventType::resumed, "2026-04-15T08:00:00Z"),
      event(TicketEventType::restored, "2026-04-15T12:00:00Z"),
  };
  std::vector<TicketEvent> shuffled{in_order[3], in_order[4], in_order[1], in_order[0],
                                    in_order[2]};
  const auto now = utc("2026-04-15T13:00:00Z");
  const auto expected = ticket_clocks(policy, ticket("P2", "2026-04-14T09:00:00Z", in_order), now);
  const auto actual = ticket_clocks(policy, ticket("P2", "2026-04-14T09:00:00Z", shuffled), now);
  REQUIRE(actual.size() == expected.size());
  for (std::size_t i = 0; i < actual.size(); ++i) {
    CAPTURE(i);
    CHECK(actual[i].kind == expected[i].kind);
    CHECK(actual[i].started_at == expected[i].started_at);
    CHECK(actual[i].due_at == expected[i].due_at);
    CHECK(actual[i].stopped_at == expected[i].stopped_at);
    CHECK(actual[i].status == expected[i].status);
    CHECK(actual[i].ledger == expected[i].ledger);
  }
  // Restoration: 1 h Tuesday (09:00-10:00Z), paused until Wed 08:00Z, 4 h
  // Wednesday: restored at 12:00Z with 5 h used of 8: met.
  const auto& restoration = only(actual, ClockKind::restoration);
  CHECK(restoration.status == ClockStatus::met);
  CHECK(restoration.elapsed == 5h);
  CHECK(restoration.remaining == 3h);

  // A late `responded` corrects an answer that looked breached.
  auto events = in_order;
  events.erase(events.begin());
  const auto before = ticket_clocks(policy, ticket("P2", "2026-04-14T09:00:00Z", events), now);
  CHECK(only(before, ClockKind::response).status == ClockStatus::breached);
  events.push_back(event(TicketEventType::responded, "2026-04-14T09:20:00Z"));
  const auto after = ticket_clocks(policy, ticket("P2", "2026-04-14T09:00:00Z", events), now);
  CHECK(only(after, ClockKind::response).status == ClockStatus::met);
}

TEST_CASE("domain::ticket_clocks: the plan replaces calendars") {
  const auto policy = enghouse_like_policy();
  // P2 response PT1H opened Sat 18 Apr 2026 10:00 BST (09:00Z): standard
  // waits for Monday 08:00 BST (07:00Z) and is due 08:00Z; premium runs
  // 24x7 and is due 10:00Z the same Saturday.
  const auto standard =
      ticket_clocks(policy, ticket("P2", "2026-04-18T09:00:00Z"), utc("2026-04-18T09:00:00Z"));
  CHECK(text(only(standard, ClockKind::response).due_at) == "2026-04-20T08:00:00Z");
  CHECK(only(standard, ClockKind::response).calendar == "office");
  const auto premium = ticket_clocks(policy, ticket("P2", "2026-04-18T09:00:00Z", {}, "premium"),
                                     utc("2026-04-18T09:00:00Z"));
  CHECK(text(only(premium, ClockKind::response).due_at) == "2026-04-18T10:00:00Z");
  CHECK(only(premium, ClockKind::response).calendar == "always");
  CHECK(only(premium, ClockKind::response).plan == "premium");
  // P3's "P1D" is 10 business hours on the office calendar, 24 h on 24x7.
  const auto p3 = ticket_clocks(policy, ticket("P3", "2026-04-18T09:00:00Z", {}, "premium"),
                                utc("2026-04-18T09:00:00Z"));
  CHECK(only(p3, ClockKind::response).target_seconds == 24h);
  CHECK(text(only(p3, ClockKind::response).due_at) == "2026-04-19T09:00:00Z");
}

TEST_CASE("domain::deadlines answers without a ticket, with ledgers to each due instant") {
  const auto policy = enghouse_like_policy();
  // P1 opened Thu 2 Apr 2026 17:00 BST (16:00Z) before Easter: restoration
  // PT4H is 1 h Thursday, then Tuesday 7 Apr 08:00-11:00 BST (07:00-10:00Z).
  const auto clocks = deadlines(policy, "P1", std::nullopt, utc("2026-04-02T16:00:00Z"));
  REQUIRE(clocks.ok());
  REQUIRE(clocks->size() == 3);
  const auto& restoration = only(*clocks, ClockKind::restoration);
  CHECK(text(restoration.due_at) == "2026-04-07T10:00:00Z");
  CHECK(restoration.status == ClockStatus::running);
  CHECK(restoration.elapsed == 0s);
  CHECK(restoration.remaining == 4h);
  CHECK(ledger(restoration) ==
        std::vector<std::string>{
            "2026-04-02T16:00:00Z 2026-04-02T17:00:00Z counts business hours",
            "2026-04-02T17:00:00Z 2026-04-03T07:00:00Z - outside business hours",
            "2026-04-03T07:00:00Z 2026-04-03T17:00:00Z - holiday: Good Friday "
            "(england-and-wales.ics)",
            "2026-04-03T17:00:00Z 2026-04-06T07:00:00Z - outside business hours",
            "2026-04-06T07:00:00Z 2026-04-06T17:00:00Z - holiday: Easter Monday "
            "(england-and-wales.ics)",
            "2026-04-06T17:00:00Z 2026-04-07T07:00:00Z - outside business hours",
            "2026-04-07T07:00:00Z 2026-04-07T10:00:00Z counts business hours",
        });
  const auto unknown = deadlines(policy, "P9", std::nullopt, utc("2026-04-02T16:00:00Z"));
  REQUIRE_FALSE(unknown.ok());
  CHECK(unknown.problems().front().code == "severity_unknown");
  CHECK(unknown.problems().front().field == "severity");
  const auto no_plan = deadlines(policy, "P1", std::string("gold"), utc("2026-04-02T16:00:00Z"));
  REQUIRE_FALSE(no_plan.ok());
  CHECK(no_plan.problems().front().code == "plan_unknown");
}

TEST_CASE("domain::due_alerts and upcoming_alerts derive warnings and breaches from state") {
  const auto policy = enghouse_like_policy();
  // P2 opened Wed 15 Apr 2026 09:00 BST (08:00Z). Response PT1H: warns at
  // 75 % (45 min, 08:45Z), breaches one second after its due instant
  // (09:00:01Z). Update PT4H: 3 h (11:00Z), 12:00:01Z. Restoration PT8H:
  // 6 h (14:00Z), 16:00:01Z.
  const auto open = ticket("P2", "2026-04-15T08:00:00Z");
  const auto due = due_alerts(policy, open, utc("2026-04-15T08:50:00Z"));
  REQUIRE(due.size() == 1);
  CHECK(due[0].alert == slate::domain::AlertKind::warning);
  CHECK(due[0].clock.kind == ClockKind::response);
  CHECK(iso(due[0].at) == "2026-04-15T08:45:00Z");
  // 1776240000 is 2026-04-15T08:00:00Z in seconds since the epoch.
  CHECK(due[0].id == "ticket/INC-1/response/P2/1776240000/warning");

  const auto upcoming = upcoming_alerts(policy, open, utc("2026-04-15T08:50:00Z"));
  std::vector<std::string> listed;
  for (const auto& alert : upcoming) {
    listed.push_back(std::string(to_string(alert.clock.kind)) + " " +
                     std::string(to_string(alert.alert)) + " " + iso(alert.at));
  }
  CHECK(listed == std::vector<std::string>{
                      "response breach 2026-04-15T09:00:01Z",
                      "update warning 2026-04-15T11:00:00Z",
                      "update breach 2026-04-15T12:00:01Z",
                      "restoration warning 2026-04-15T14:00:00Z",
                      "restoration breach 2026-04-15T16:00:01Z",
                  });

  // Answered at 08:55Z: the warning happened, the breach never will.
  const auto answered = ticket("P2", "2026-04-15T08:00:00Z",
                               {event(TicketEventType::responded, "2026-04-15T08:55:00Z")});
  const auto later = due_alerts(policy, answered, utc("2026-04-15T10:00:00Z"));
  REQUIRE(later.size() == 1);
  CHECK(later[0].alert == slate::domain::AlertKind::warning);
  // Answered before the warning: nothing is owed for the response.
  const auto early = ticket("P2", "2026-04-15T08:00:00Z",
                            {event(TicketEventType::responded, "2026-04-15T08:10:00Z")});
  CHECK(due_alerts(policy, early, utc("2026-04-15T10:00:00Z")).empty());
  // Never answered: both happened by 10:00Z, and the same ids come back
  // however often they are derived.
  const auto overdue = due_alerts(policy, open, utc("2026-04-15T10:00:00Z"));
  REQUIRE(overdue.size() == 2);
  CHECK(overdue[1].id == "ticket/INC-1/response/P2/1776240000/breach");
  CHECK(due_alerts(policy, open, utc("2026-04-15T10:00:00Z"))[1].id == overdue[1].id);
}
