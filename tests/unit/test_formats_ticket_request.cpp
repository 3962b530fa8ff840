#include <slate/formats/ticket_request.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::TicketEventType;
using slate::formats::parse_ticket_event_request;
using slate::formats::parse_ticket_request;
using slate::test::utc;

namespace {

std::string codes(const slate::domain::Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : " ") + problem.code + "@" + problem.field;
  }
  return out;
}

} // namespace

TEST_CASE("formats::parse_ticket_request reads POST /v1/tickets") {
  const auto full = parse_ticket_request(
      R"({"ref": "INC-1042", "title": "Calls drop", "severity": "P2", "plan": "premium",
          "opened_at": "2026-04-14T10:00:00+01:00"})");
  REQUIRE(full.ok());
  CHECK(full->ref == "INC-1042");
  CHECK(full->title == "Calls drop");
  CHECK(full->severity == "P2");
  CHECK(full->plan == "premium");
  CHECK(full->opened_at == utc("2026-04-14T09:00:00Z"));
  const auto minimal = parse_ticket_request(R"({"ref": "INC-1", "title": "x"})");
  REQUIRE(minimal.ok());
  CHECK_FALSE(minimal->severity.has_value());
  CHECK_FALSE(minimal->plan.has_value());
  CHECK_FALSE(minimal->opened_at.has_value());

  struct Row {
    const char* body;
    const char* expected;
  };
  const Row rows[] = {
      {"[]", "malformed_json@body"},
      {"{", "malformed_json@body"},
      {R"({"title": "x"})", "missing_field@ref"},
      {R"({"ref": "INC-1"})", "missing_field@title"},
      {R"({"ref": 7, "title": "x"})", "invalid_field@ref"},
      {R"({"ref": "INC-1", "title": "x", "priority": "P1"})", "unknown_field@priority"},
      // A local time without an offset is refused: which zone would it be?
      {R"({"ref": "INC-1", "title": "x", "opened_at": "2026-04-14T10:00:00"})",
       "time_invalid@opened_at"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.body);
    const auto request = parse_ticket_request(row.body);
    REQUIRE_FALSE(request.ok());
    CHECK(codes(request.problems()) == row.expected);
  }
}

TEST_CASE("formats::parse_ticket_event_request reads POST /v1/tickets/{ref}/events") {
  const auto change = parse_ticket_event_request(
      R"({"type": "severity_changed", "at": "2026-04-14T09:30:00Z", "severity": "P1",
          "note": "customer escalated"})");
  REQUIRE(change.ok());
  CHECK(change->type == TicketEventType::severity_changed);
  CHECK(change->at == utc("2026-04-14T09:30:00Z"));
  CHECK(change->severity == "P1");
  CHECK(change->note == "customer escalated");
  const auto now = parse_ticket_event_request(R"({"type": "responded"})");
  REQUIRE(now.ok());
  CHECK_FALSE(now->at.has_value());

  const auto unknown = parse_ticket_event_request(R"({"type": "escalated"})");
  REQUIRE_FALSE(unknown.ok());
  CHECK(codes(unknown.problems()) == "event_type_unknown@type");
  CHECK(unknown.problems().front().message.find("responded, updated, paused") != std::string::npos);
  CHECK(codes(parse_ticket_event_request(R"({"at": "2026-04-14T09:30:00Z"})").problems()) ==
        "missing_field@type");
  CHECK(codes(parse_ticket_event_request(R"({"type": "updated", "note": ")" +
                                         std::string(1001, 'x') + R"("})")
                  .problems()) == "invalid_field@note");
}
