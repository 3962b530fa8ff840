// Recording and resolving outages (app/outages).
#include "app_outage_fixture.hpp"

#include <doctest/doctest.h>

using namespace slate::test::outages;
using slate::app::OutageBook;
using slate::domain::Code;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::domain::Policy;
using slate::formats::ImportRequest;
using slate::formats::ResolveRequest;
using slate::test::sample_regions;
using slate::test::writes::Fixture;
using namespace slate::app;
using namespace std::chrono_literals;

TEST_SUITE_BEGIN("app");

TEST_CASE("app::record_outage stores, audits and publishes it") {
  Fixture f;
  const auto created =
      record_outage(*f.writer, outage("voice", {"us", "EU"}, "2026-10-10T11:00:00Z"), by("oncall"));
  REQUIRE(created.ok());
  const Outage& o = created->value;
  CHECK_FALSE(created->replayed);
  CHECK(o.id > 0);
  CHECK(o.regions == std::vector<std::string>{"US", "EU"}); // as the calendars spell them
  CHECK(o.start == utc("2026-10-10T11:00:00Z"));
  CHECK(o.open());
  CHECK(o.impact == OutageImpact::major);  // the default
  CHECK(o.cause == OutageCause::internal); // the default: it counts
  CHECK(o.created_by == "oncall");
  CHECK(o.created_at == utc("2026-10-10T12:00:00Z"));
  CHECK_FALSE(o.imported);

  REQUIRE(f.published.size() == 2);
  CHECK(f.published.back()->version == 2);
  REQUIRE(f.published.back()->find_outage(o.id) != nullptr);
  CHECK(*f.published.back()->find_outage(o.id) == o);
  CHECK(f.published.front()->outages.empty()); // the old snapshot is untouched

  const auto log = f.database->audit_log(1);
  REQUIRE(log.size() == 1);
  CHECK(log[0].action == "outage.create");
  CHECK(log[0].subject == "outage/" + std::to_string(o.id));
  const auto after = nlohmann::json::parse(log[0].after);
  CHECK(after["service"] == "voice");
  CHECK(after["exclusion"].is_null());
}

TEST_CASE("app::record_outage: no start means now") {
  Fixture f;
  const auto created = record_outage(*f.writer, outage("api", {"IN"}, std::nullopt), by("a"));
  REQUIRE(created.ok());
  CHECK(created->value.start == utc("2026-10-10T12:00:00Z"));
}

TEST_CASE("app::record_outage refuses what cannot be, and changes nothing") {
  Policy policy;
  policy.availability.services = {"api", "voice"};
  Fixture f(policy);
  struct Row {
    const char* name;
    OutageRequest request;
    std::string expected; // field:code, ...
  };
  const Row rows[] = {
      {"unknown regions", outage("api", {"US", "XX", "YY"}, "2026-10-10T11:00:00Z"),
       "regions:unknown_region, regions:unknown_region"},
      {"a service the policy does not list", outage("web", {"US"}, "2026-10-10T11:00:00Z"),
       "service:unknown_service"},
      {"a start after now", outage("api", {"US"}, "2026-10-10T12:00:01Z"), "start:time_in_future"},
      {"an end after now", outage("api", {"US"}, "2026-10-10T11:00:00Z", "2026-10-11T00:00:00Z"),
       "end:time_in_future"},
      {"an end without a start", outage("api", {"US"}, std::nullopt, "2026-10-10T11:00:00Z"),
       "end:invalid_field"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    const auto created = record_outage(*f.writer, row.request, by("a"));
    REQUIRE_FALSE(created.ok());
    CHECK(fields(created.problems()) == row.expected);
  }
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_outages().empty());
  CHECK(f.database->audit_log(10).empty());

  const auto refused = record_outage(*f.writer, outage("web", {"US"}, std::nullopt), by("a"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].message == "service 'web' is not one that policy 'uniphore' lists: "
                                         "api, voice");
}

TEST_CASE("app::record_outage with an Idempotency-Key replays the first") {
  Fixture f;
  const auto request = outage("api", {"US"}, "2026-10-10T11:00:00Z");
  const auto first = record_outage(*f.writer, request, by("a", "2026-10-10T12:00:00Z", "k", "f1"));
  REQUIRE(first.ok());
  const auto again = record_outage(*f.writer, request, by("a", "2026-10-10T12:01:00Z", "k", "f1"));
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->value == first->value);
  CHECK(f.database->load_outages().size() == 1);
  const auto other = record_outage(*f.writer, request, by("a", "2026-10-10T12:01:00Z", "k", "f2"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.problems()[0].code == Code::idempotency_key_reused);
}

TEST_CASE("app::resolve_outage ends it once, with a later cause") {
  Fixture f;
  const auto created = record_outage(*f.writer, outage("api", {"US"}, "2026-10-10T11:00:00Z"),
                                     by("oncall", "2026-10-10T11:05:00Z"));
  REQUIRE(created.ok());
  const auto id = created->value.id;

  SUBCASE("at now, by default") {
    const auto resolved =
        resolve_outage(*f.writer, id, ResolveRequest{}, by("oncall", "2026-10-10T11:40:00Z"));
    REQUIRE(resolved.ok());
    CHECK(resolved->end == utc("2026-10-10T11:40:00Z"));
    CHECK(resolved->cause == OutageCause::internal);
  }
  SUBCASE("at a given end, with the cause found meanwhile") {
    ResolveRequest request;
    request.end = utc("2026-10-10T11:30:00Z");
    request.cause = OutageCause::third_party;
    request.description = "Upstream DNS provider";
    const auto resolved =
        resolve_outage(*f.writer, id, request, by("lead", "2026-10-10T13:00:00Z"));
    REQUIRE(resolved.ok());
    CHECK(resolved->end == utc("2026-10-10T11:30:00Z"));
    CHECK(resolved->cause == OutageCause::third_party);
    CHECK(resolved->description == "Upstream DNS provider");
    CHECK(resolved->created_by == "oncall"); // who recorded it stays
    const auto log = f.database->audit_log(1);
    CHECK(log[0].action == "outage.resolve");
    CHECK(log[0].actor == "lead");
    CHECK(nlohmann::json::parse(log[0].before)["end"].is_null());
    CHECK(nlohmann::json::parse(log[0].after)["exclusion"] ==
          "(ii)(a) third-party hosting, communications or internet provider");
  }
  SUBCASE("not twice, not before its start, not in the future, not a missing one") {
    REQUIRE(resolve_outage(*f.writer, id, ResolveRequest{}, by("a", "2026-10-10T12:00:00Z")).ok());
    const auto twice = resolve_outage(*f.writer, id, ResolveRequest{}, by("a"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.problems()[0].code == Code::invalid_transition);
    CHECK(twice.problems()[0].message ==
          "cannot resolve outage 1: it was resolved already, ending 2026-10-10 12:00:00 UTC");
  }
  SUBCASE("refusals") {
    ResolveRequest early;
    early.end = utc("2026-10-10T11:00:00Z"); // = start: an empty outage
    CHECK(fields(resolve_outage(*f.writer, id, early, by("a")).problems()) == "end:invalid_field");
    ResolveRequest later;
    later.end = utc("2026-10-10T13:00:00Z");
    CHECK(
        fields(resolve_outage(*f.writer, id, later, by("a", "2026-10-10T12:00:00Z")).problems()) ==
        "end:time_in_future");
    CHECK(fields(resolve_outage(*f.writer, id + 1, ResolveRequest{}, by("a")).problems()) ==
          "id:not_found");
    CHECK(f.database->load_outages().at(0).open());
  }
}

TEST_SUITE_END();
