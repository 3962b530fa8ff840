// POST/GET /v1/tickets and POST /v1/tickets/{ref}/events through the router.
#include "api_write_fixture.hpp"

#include <support/support_sample.hpp>

#include <doctest/doctest.h>

using slate::test::enghouse_like_policy;
using slate::test::utc;
using slate::test::WriteFixture;

namespace {

slate::domain::Policy support_policy() {
  slate::domain::Policy policy;
  policy.support = enghouse_like_policy();
  return policy;
}

const nlohmann::json& clock_of(const nlohmann::json& ticket, const std::string& kind) {
  for (const auto& clock : ticket["clocks"]) {
    if (clock["kind"] == kind) {
      return clock;
    }
  }
  throw std::runtime_error("no " + kind + " clock");
}

} // namespace

TEST_CASE("api: POST /v1/tickets opens a ticket with its clocks; GET shows it") {
  WriteFixture f(support_policy(), "2026-04-14T09:00:30Z");
  const auto opened = f.send("POST", "/v1/tickets",
                             R"({"ref": "INC-7", "title": "Calls drop", "severity": "P2",
                                 "opened_at": "2026-04-14T10:00:00+01:00"})");
  REQUIRE(opened.status == 201);
  const auto body = nlohmann::json::parse(opened.body);
  const auto& ticket = body["ticket"];
  CHECK(ticket["ref"] == "INC-7");
  CHECK(ticket["plan"] == "standard");
  CHECK(ticket["state"] == "open");
  CHECK(ticket["opened_at"] == "2026-04-14T09:00:00Z");
  // P2 restoration PT8H on 08:00-18:00 Europe/London: Tue 18:00 BST.
  const auto& restoration = clock_of(ticket, "restoration");
  CHECK(restoration["due_at"] == "2026-04-14T17:00:00Z");
  CHECK(restoration["due_local"] == "2026-04-14T18:00:00+01:00");
  CHECK(restoration["status"] == "running");
  CHECK(restoration["stopped_at"].is_null());
  CHECK(restoration["target"] == "PT8H");
  CHECK(restoration["target_seconds"] == 8 * 3600);

  const auto shown = f.json("GET", "/v1/tickets/INC-7", 200);
  CHECK(shown["ticket"]["ref"] == "INC-7");
  CHECK(f.send("GET", "/v1/tickets/INC-8").status == 404);

  // A taken ref: 409, and nothing changes.
  const auto again = f.send("POST", "/v1/tickets", R"({"ref": "INC-7", "title": "x"})");
  CHECK(again.status == 409);
  CHECK(nlohmann::json::parse(again.body)["error"]["code"] == "ticket_exists");
  // A write needs the token.
  CHECK(f.send("POST", "/v1/tickets", R"({"ref": "INC-9", "title": "x"})", {}, "").status == 401);
}

TEST_CASE("api: a ref with '#' is reached percent-encoded") {
  WriteFixture f(support_policy(), "2026-04-14T09:00:30Z");
  const auto opened = f.send("POST", "/v1/tickets", R"({"ref": "INC#7", "title": "t"})");
  REQUIRE(opened.status == 201);
  CHECK(slate::api::find_field(opened.headers, "Location") == "/v1/tickets/INC%237");
  CHECK(f.json("GET", "/v1/tickets/INC%237", 200)["ticket"]["ref"] == "INC#7");
  CHECK(f.send("POST", "/v1/tickets/INC%237/events", R"({"type": "responded"})").status == 200);
  CHECK(f.send("GET", "/v1/tickets/INC%2").status == 404);
}

TEST_CASE("api: POST /v1/tickets refuses bad input with the field, changing nothing") {
  WriteFixture f(support_policy(), "2026-04-14T09:00:30Z");
  const auto unknown =
      f.send("POST", "/v1/tickets", R"({"ref": "INC-1", "title": "t", "severity": "Sev 9"})");
  CHECK(unknown.status == 422);
  CHECK(nlohmann::json::parse(unknown.body)["error"]["field"] == "severity");
  const auto local =
      f.send("POST", "/v1/tickets",
             R"({"ref": "INC-1", "title": "t", "opened_at": "2026-04-14T10:00:00"})");
  CHECK(local.status == 400);
  CHECK(nlohmann::json::parse(local.body)["error"]["field"] == "opened_at");
  const auto bad_ref = f.send("POST", "/v1/tickets", R"({"ref": "INC 1", "title": "t"})");
  CHECK(bad_ref.status == 400);
  CHECK(f.json("GET", "/v1/tickets", 200)["count"] == 0);
}

TEST_CASE("api: POST /v1/tickets/{ref}/events recomputes the clocks from the whole history") {
  WriteFixture f(support_policy(), "2026-04-15T09:00:00Z");
  REQUIRE(f.send("POST", "/v1/tickets",
                 R"({"ref": "INC-7", "title": "t", "severity": "P2",
                     "opened_at": "2026-04-14T09:00:00Z"})")
              .status == 201);
  REQUIRE(f.send("POST", "/v1/tickets/INC-7/events",
                 R"({"type": "paused", "at": "2026-04-14T10:00:00Z", "note": "awaiting logs"})")
              .status == 200);
  const auto resumed = f.json("POST", "/v1/tickets/INC-7/events", 200,
                              R"({"type": "resumed", "at": "2026-04-15T09:00:00+01:00"})");
  // Paused Tue 11:00 BST to Wed 09:00 BST: 1 h Tuesday, 7 h Wednesday.
  const auto& restoration = clock_of(resumed["ticket"], "restoration");
  CHECK(restoration["due_at"] == "2026-04-15T15:00:00Z");
  bool explained = false;
  for (const auto& entry : restoration["ledger"]) {
    explained = explained || (entry["reason"] == "paused: awaiting logs" && !entry["counts"]);
  }
  CHECK(explained);

  const auto unknown_type = f.send("POST", "/v1/tickets/INC-7/events", R"({"type": "escalated"})");
  CHECK(unknown_type.status == 400);
  CHECK(nlohmann::json::parse(unknown_type.body)["error"]["code"] == "event_type_unknown");
  const auto before = f.send("POST", "/v1/tickets/INC-7/events",
                             R"({"type": "responded", "at": "2026-04-14T08:00:00Z"})");
  CHECK(before.status == 422);
  CHECK(nlohmann::json::parse(before.body)["error"]["code"] == "event_before_opening");
  CHECK(f.send("POST", "/v1/tickets/NOPE/events", R"({"type": "responded"})").status == 404);
  CHECK(f.json("GET", "/v1/tickets/INC-7", 200)["ticket"]["events"].size() == 2);
}

TEST_CASE("api: GET /v1/tickets filters, and refuses unknown filters") {
  WriteFixture f(support_policy(), "2026-04-15T09:00:00Z");
  REQUIRE(
      f.send("POST", "/v1/tickets",
             R"({"ref": "A", "title": "t", "severity": "P1", "opened_at": "2026-04-14T09:00:00Z"})")
          .status == 201);
  REQUIRE(
      f.send("POST", "/v1/tickets",
             R"({"ref": "B", "title": "t", "severity": "P2", "opened_at": "2026-04-14T09:00:00Z"})")
          .status == 201);
  CHECK(f.json("GET", "/v1/tickets?severity=P1", 200)["count"] == 1);
  CHECK(f.json("GET", "/v1/tickets?state=open&month=2026-04", 200)["count"] == 2);
  CHECK(f.json("GET", "/v1/tickets?month=2026-03", 200)["count"] == 0);
  CHECK(f.send("GET", "/v1/tickets?state=closed").status == 400);
  CHECK(f.send("GET", "/v1/tickets?severity=P9").status == 422);
  CHECK(f.send("GET", "/v1/tickets?month=2026-13").status == 400);
  CHECK(f.send("GET", "/v1/tickets?sort=ref").status == 400);
}

TEST_CASE("api: GET /v1/sla/deadlines and /v1/sla/compliance") {
  WriteFixture f(support_policy(), "2026-07-15T09:00:00Z");
  const auto due =
      f.json("GET", "/v1/sla/deadlines?severity=P2&opened_at=2026-07-01T16:30:00Z", 200);
  CHECK(due["plan"] == "standard");
  CHECK(due["clocks"][0]["kind"] == "response");
  CHECK(due["clocks"][0]["due_at"] == "2026-07-02T07:30:00Z");
  const auto premium = f.json(
      "GET", "/v1/sla/deadlines?severity=P2&opened_at=2026-07-01T16:30:00Z&plan=premium", 200);
  CHECK(premium["clocks"][0]["due_at"] == "2026-07-01T17:30:00Z");
  CHECK(f.send("GET", "/v1/sla/deadlines?severity=P2").status == 400);
  CHECK(f.send("GET", "/v1/sla/deadlines?severity=P2&opened_at=2026-07-01T16:30:00").status == 400);
  CHECK(f.send("GET", "/v1/sla/deadlines?severity=P9&opened_at=2026-07-01T16:30:00Z").status ==
        422);

  const auto compliance = f.json("GET", "/v1/sla/compliance?month=2026-07", 200);
  CHECK(compliance["month"] == "2026-07");
  CHECK(compliance["reporting_zone"] == "Europe/London");
  CHECK(compliance["rows"].empty());
  const auto csv = f.send("GET", "/v1/sla/compliance?month=2026-07", "", {{"Accept", "text/csv"}});
  CHECK(csv.status == 200);
  CHECK(csv.body.rfind("month,reporting_zone,plan,severity,kind,", 0) == 0);
  CHECK(f.send("GET", "/v1/sla/compliance?month=July").status == 400);
}

TEST_CASE("api: the support endpoints answer 422 under a policy without [support]") {
  WriteFixture f;
  const auto opened = f.send("POST", "/v1/tickets", R"({"ref": "INC-1", "title": "t"})");
  CHECK(opened.status == 422);
  CHECK(nlohmann::json::parse(opened.body)["error"]["code"] == "support_not_configured");
  CHECK(f.send("GET", "/v1/sla/compliance").status == 422);
  CHECK(f.send("GET", "/v1/sla/deadlines?severity=P1&opened_at=2026-07-01T16:30:00Z").status ==
        422);
}
