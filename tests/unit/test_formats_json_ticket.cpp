#include <slate/formats/json_ticket.hpp>

#include <slate/domain/support_clock.hpp>

#include <support/support_sample.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::ClockKind;
using slate::domain::Ticket;
using slate::domain::TicketEventType;
using slate::formats::clock_json;
using slate::formats::deadlines_json;
using slate::formats::ticket_json;
using slate::test::enghouse_like_policy;
using slate::test::utc;

namespace {

// Enghouse-like P2 opened Tue 14 Apr 2026 10:00 BST (09:00Z), paused from
// 11:00 BST until Wed 09:00 BST; the events arrived out of order.
Ticket paused_ticket() {
  return {"INC-7",
          "Calls drop",
          "P2",
          "standard",
          utc("2026-04-14T09:00:00Z"),
          {{TicketEventType::resumed, utc("2026-04-15T08:00:00Z"), "", ""},
           {TicketEventType::paused, utc("2026-04-14T10:00:00Z"), "", "awaiting customer"}}};
}

} // namespace

TEST_CASE("formats::clock_json writes C with its ledger") {
  const auto clocks =
      ticket_clocks(enghouse_like_policy(), paused_ticket(), utc("2026-04-15T09:00:00Z"));
  const auto restoration = std::find_if(clocks.begin(), clocks.end(), [](const auto& clock) {
    return clock.kind == ClockKind::restoration;
  });
  REQUIRE(restoration != clocks.end());
  // PT8H: 1 h Tuesday, then from Wed 09:00 BST; 75 % (6 h) is reached at
  // 14:00 BST (13:00Z), the target at 16:00 BST (15:00Z). By 10:00 BST 2 h
  // have counted.
  CHECK(clock_json(*restoration).dump() ==
        R"({"kind":"restoration","severity":"P2","plan":"standard","target":"PT8H",)"
        R"("target_seconds":28800,"calendar":"office","started_at":"2026-04-14T09:00:00Z",)"
        R"("due_at":"2026-04-15T15:00:00Z","due_local":"2026-04-15T16:00:00+01:00",)"
        R"("warn_at":"2026-04-15T13:00:00Z","stopped_at":null,"status":"running",)"
        R"("elapsed_seconds":7200,"remaining_seconds":21600,"ledger":[)"
        R"({"start":"2026-04-14T09:00:00Z","end":"2026-04-14T10:00:00Z","seconds":3600,)"
        R"("counts":true,"reason":"business hours"},)"
        R"({"start":"2026-04-14T10:00:00Z","end":"2026-04-15T08:00:00Z","seconds":79200,)"
        R"("counts":false,"reason":"paused: awaiting customer"},)"
        R"({"start":"2026-04-15T08:00:00Z","end":"2026-04-15T15:00:00Z","seconds":25200,)"
        R"("counts":true,"reason":"business hours"}]})");
}

TEST_CASE("formats::ticket_json writes T: events by instant, the severity now, the clocks") {
  auto ticket = paused_ticket();
  ticket.events.push_back(
      {TicketEventType::severity_changed, utc("2026-04-14T09:30:00Z"), "P1", "customer escalated"});
  const auto policy = enghouse_like_policy();
  const auto json = ticket_json(ticket, ticket_clocks(policy, ticket, utc("2026-04-15T09:00:00Z")));
  CHECK(json["ref"] == "INC-7");
  CHECK(json["title"] == "Calls drop");
  CHECK(json["severity"] == "P1");
  CHECK(json["plan"] == "standard");
  CHECK(json["opened_at"] == "2026-04-14T09:00:00Z");
  CHECK(json["state"] == "open");
  CHECK(json["events"].dump() ==
        R"([{"type":"severity_changed","at":"2026-04-14T09:30:00Z","severity":"P1",)"
        R"("note":"customer escalated"},)"
        R"({"type":"paused","at":"2026-04-14T10:00:00Z","note":"awaiting customer"},)"
        R"({"type":"resumed","at":"2026-04-15T08:00:00Z","note":""}])");
  REQUIRE(json["clocks"].size() == 3);
  CHECK(json["clocks"][0]["kind"] == "response");
  CHECK(json["clocks"][0]["severity"] == "P1");
  CHECK(json["clocks"][0]["status"] == "breached");
}

TEST_CASE("formats::deadlines_json writes the calculator's answer") {
  const auto policy = enghouse_like_policy();
  const auto clocks = deadlines(policy, "P3", std::nullopt, utc("2026-03-20T16:30:00Z"));
  REQUIRE(clocks.ok());
  const auto json = deadlines_json("P3", "standard", utc("2026-03-20T16:30:00Z"), *clocks);
  CHECK(json["severity"] == "P3");
  CHECK(json["plan"] == "standard");
  CHECK(json["opened_at"] == "2026-03-20T16:30:00Z");
  REQUIRE(json["clocks"].size() == 1);
  // P1D = 10 business hours: 1.5 h Friday, 8.5 h Monday 23 Mar to 16:30 GMT.
  CHECK(json["clocks"][0]["target"] == "P1D");
  CHECK(json["clocks"][0]["target_seconds"] == 36000);
  CHECK(json["clocks"][0]["due_at"] == "2026-03-23T16:30:00Z");
  CHECK(json["clocks"][0]["due_local"] == "2026-03-23T16:30:00+00:00");
  CHECK(json["clocks"][0]["stopped_at"].is_null());
}
