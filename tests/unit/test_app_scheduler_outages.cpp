// The scheduler's outage use cases and the history import: checked against
// the snapshot, committed in one transaction with their audit entries, then
// published.
#include <slate/app/scheduler.hpp>

#include <slate/domain/booking_rules.hpp>

#include <support/api_fixture.hpp>
#include <support/temp_dir.hpp>
#include <support/time_literals.hpp>

#include <nlohmann/json.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

using slate::app::OutageBook;
using slate::app::Scheduler;
using slate::app::SnapshotPtr;
using slate::app::WriteContext;
using slate::domain::Interval;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::domain::Policy;
using slate::domain::Problems;
using slate::formats::ImportedMaintenance;
using slate::formats::ImportRequest;
using slate::formats::OutageRequest;
using slate::formats::ResolveRequest;
using slate::store::Database;
using slate::store::open_sqlite_database;
using slate::test::sample_regions;
using slate::test::TempDir;
using slate::test::utc;
using slate::test::zone;
namespace code = slate::app::problem_code;
using namespace std::chrono_literals;

namespace {

struct Fixture {
  explicit Fixture(Policy policy = Policy{}) : m_policy(std::move(policy)) { start(); }

  void start() {
    scheduler = std::make_unique<Scheduler>(
        *database, [this](SnapshotPtr snapshot) { published.push_back(std::move(snapshot)); });
    scheduler->start(sample_regions(), m_policy, zone("Asia/Kolkata"),
                     slate::formats::MessageTemplates::defaults());
  }

  void restart() {
    scheduler.reset();
    database.reset();
    database = open_sqlite_database(path);
    published.clear();
    start();
  }

  Policy m_policy;
  TempDir dir;
  std::filesystem::path path = dir.path() / "slated.db";
  std::unique_ptr<Database> database = open_sqlite_database(path);
  std::vector<SnapshotPtr> published;
  std::unique_ptr<Scheduler> scheduler;
};

WriteContext by(const std::string& actor, const char* now = "2026-10-10T12:00:00Z",
                std::optional<std::string> key = std::nullopt,
                const std::string& fingerprint = "") {
  return WriteContext{actor, utc(now), std::move(key), fingerprint};
}

OutageRequest outage(const std::string& service, std::vector<std::string> regions,
                     std::optional<const char*> start, std::optional<const char*> end = {}) {
  OutageRequest request;
  request.service = service;
  request.regions = std::move(regions);
  if (start) {
    request.start = utc(*start);
  }
  if (end) {
    request.end = utc(*end);
  }
  return request;
}

ImportedMaintenance past(const char* start, const char* end, const char* actual_start,
                         const char* actual_end) {
  ImportedMaintenance item;
  item.title = "Database upgrade";
  item.regions = {"us"};
  item.services = {"api"};
  item.span = Interval{utc(start), utc(end)};
  item.announced_at = utc(start) - std::chrono::days{10};
  item.actual_start = utc(actual_start);
  item.actual_end = utc(actual_end);
  return item;
}

std::string fields(const Problems& problems) {
  std::string out;
  for (const auto& problem : problems) {
    out += (out.empty() ? "" : ", ") + problem.field + ":" + problem.code;
  }
  return out;
}

} // namespace

TEST_SUITE_BEGIN("app");

TEST_CASE("app::Scheduler::create_outage stores, audits and publishes it") {
  Fixture f;
  const auto created = f.scheduler->create_outage(
      outage("voice", {"us", "EU"}, "2026-10-10T11:00:00Z"), by("oncall"));
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

TEST_CASE("app::Scheduler::create_outage: no start means now") {
  Fixture f;
  const auto created = f.scheduler->create_outage(outage("api", {"IN"}, std::nullopt), by("a"));
  REQUIRE(created.ok());
  CHECK(created->value.start == utc("2026-10-10T12:00:00Z"));
}

TEST_CASE("app::Scheduler::create_outage refuses what cannot be, and changes nothing") {
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
    const auto created = f.scheduler->create_outage(row.request, by("a"));
    REQUIRE_FALSE(created.ok());
    CHECK(fields(created.problems()) == row.expected);
  }
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_outages().empty());
  CHECK(f.database->audit_log(10).empty());

  const auto refused = f.scheduler->create_outage(outage("web", {"US"}, std::nullopt), by("a"));
  REQUIRE_FALSE(refused.ok());
  CHECK(refused.problems()[0].message == "service 'web' is not one that policy 'uniphore' lists: "
                                         "api, voice");
}

TEST_CASE("app::Scheduler::create_outage with an Idempotency-Key replays the first") {
  Fixture f;
  const auto request = outage("api", {"US"}, "2026-10-10T11:00:00Z");
  const auto first =
      f.scheduler->create_outage(request, by("a", "2026-10-10T12:00:00Z", "k", "f1"));
  REQUIRE(first.ok());
  const auto again =
      f.scheduler->create_outage(request, by("a", "2026-10-10T12:01:00Z", "k", "f1"));
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->value == first->value);
  CHECK(f.database->load_outages().size() == 1);
  const auto other =
      f.scheduler->create_outage(request, by("a", "2026-10-10T12:01:00Z", "k", "f2"));
  REQUIRE_FALSE(other.ok());
  CHECK(other.problems()[0].code == code::idempotency_reused);
}

TEST_CASE("app::Scheduler::resolve_outage ends it once, with a later cause") {
  Fixture f;
  const auto created = f.scheduler->create_outage(outage("api", {"US"}, "2026-10-10T11:00:00Z"),
                                                  by("oncall", "2026-10-10T11:05:00Z"));
  REQUIRE(created.ok());
  const auto id = created->value.id;

  SUBCASE("at now, by default") {
    const auto resolved =
        f.scheduler->resolve_outage(id, ResolveRequest{}, by("oncall", "2026-10-10T11:40:00Z"));
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
        f.scheduler->resolve_outage(id, request, by("lead", "2026-10-10T13:00:00Z"));
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
    REQUIRE(
        f.scheduler->resolve_outage(id, ResolveRequest{}, by("a", "2026-10-10T12:00:00Z")).ok());
    const auto twice = f.scheduler->resolve_outage(id, ResolveRequest{}, by("a"));
    REQUIRE_FALSE(twice.ok());
    CHECK(twice.problems()[0].code == code::invalid_transition);
    CHECK(twice.problems()[0].message ==
          "cannot resolve outage 1: it was resolved already, ending 2026-10-10 12:00:00 UTC");
  }
  SUBCASE("refusals") {
    ResolveRequest early;
    early.end = utc("2026-10-10T11:00:00Z"); // = start: an empty outage
    CHECK(fields(f.scheduler->resolve_outage(id, early, by("a")).problems()) ==
          "end:invalid_field");
    ResolveRequest later;
    later.end = utc("2026-10-10T13:00:00Z");
    CHECK(fields(
              f.scheduler->resolve_outage(id, later, by("a", "2026-10-10T12:00:00Z")).problems()) ==
          "end:time_in_future");
    CHECK(fields(f.scheduler->resolve_outage(id + 1, ResolveRequest{}, by("a")).problems()) ==
          "id:not_found");
    CHECK(f.database->load_outages().at(0).open());
  }
}

TEST_CASE("app::Scheduler::import_history stores past maintenance and outages, marked imported") {
  Fixture f;
  ImportRequest request;
  // Booked 06:00-07:00Z (Mon 2025-11-03 01:00-02:00 EST), ran 06:10-07:20Z.
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  auto cancelled = past("2025-11-10T06:00:00Z", "2025-11-10T07:00:00Z", "2025-11-10T06:00:00Z",
                        "2025-11-10T06:00:01Z");
  cancelled.state = MaintenanceState::cancelled;
  cancelled.actual_start.reset();
  cancelled.actual_end.reset();
  cancelled.kind = MaintenanceKind::emergency;
  cancelled.disruptive = false;
  request.maintenances.push_back(cancelled);
  auto old = outage("voice", {"EU"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z");
  old.cause = OutageCause::force_majeure;
  request.outages.push_back(old);

  const auto imported = f.scheduler->import_history(request, by("importer"));
  REQUIRE(imported.ok());
  const auto& history = imported->value;
  REQUIRE(history.maintenances.size() == 2);
  REQUIRE(history.outages.size() == 1);
  const auto& m = history.maintenances[0];
  CHECK(m.imported);
  CHECK(m.state == MaintenanceState::completed);
  CHECK(m.regions == std::vector<std::string>{"US"});
  CHECK(m.booked == Interval{utc("2025-11-03T06:00:00Z"), utc("2025-11-03T07:00:00Z")});
  CHECK(m.end == utc("2025-11-03T07:20:00Z")); // it overran: extended to its actual end
  CHECK(m.announced_at == utc("2025-10-24T06:00:00Z"));
  CHECK(m.started_at == utc("2025-11-03T06:10:00Z"));
  CHECK(m.finished_at == utc("2025-11-03T07:20:00Z"));
  CHECK(m.created_by == "importer");
  const auto& c = history.maintenances[1];
  CHECK(c.state == MaintenanceState::cancelled);
  CHECK(c.kind == MaintenanceKind::emergency);
  CHECK_FALSE(c.started_at.has_value());
  CHECK_FALSE(c.finished_at.has_value());
  CHECK(c.end == c.booked.end);
  CHECK_FALSE(c.disruptive);
  CHECK(history.outages[0].imported);
  CHECK(history.outages[0].cause == OutageCause::force_majeure);

  const auto& snapshot = *f.published.back();
  CHECK(snapshot.version == 2);
  CHECK(snapshot.maintenances.size() == 2);
  CHECK(snapshot.outages.size() == 1);
  const auto log = f.database->audit_log(10);
  REQUIRE(log.size() == 3);
  for (const auto& entry : log) {
    CHECK(entry.action == "import");
    CHECK(entry.actor == "importer");
  }

  // Imported maintenance is not open: it blocks no live booking of its window.
  f.restart();
  CHECK(f.published.back()->maintenances.size() == 2);
  CHECK(f.published.back()->outages.size() == 1);
  CHECK(f.published.back()->maintenances[0] == m);
}

TEST_CASE("app::Scheduler::import_history refuses every bad item by index, storing nothing") {
  Fixture f;
  ImportRequest request;
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  auto unknown = request.maintenances[0];
  unknown.regions = {"US", "Mars"};
  request.maintenances.push_back(unknown);
  auto future = request.maintenances[0];
  future.actual_end = utc("2026-12-01T00:00:00Z");
  request.maintenances.push_back(future);
  request.outages.push_back(outage("api", {"IN"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z"));
  request.outages.push_back(outage("api", {"XX"}, "2026-11-05T10:00:00Z"));

  const auto imported = f.scheduler->import_history(request, by("importer"));
  REQUIRE_FALSE(imported.ok());
  CHECK(fields(imported.problems()) ==
        "maintenances[1].regions:unknown_region, maintenances[2].actual_end:time_in_future, "
        "outages[1].regions:unknown_region, outages[1].start:time_in_future");
  CHECK(f.published.size() == 1);
  CHECK(f.database->load_maintenances().empty());
  CHECK(f.database->load_outages().empty());
  CHECK(f.database->audit_log(10).empty());
}

TEST_CASE("app::Scheduler::import_history with an Idempotency-Key imports once") {
  Fixture f;
  ImportRequest request;
  request.maintenances.push_back(past("2025-11-03T06:00:00Z", "2025-11-03T07:00:00Z",
                                      "2025-11-03T06:10:00Z", "2025-11-03T07:20:00Z"));
  request.outages.push_back(outage("api", {"IN"}, "2025-11-05T10:00:00Z", "2025-11-05T10:30:00Z"));
  request.outages.push_back(outage("api", {"IN"}, "2025-11-06T10:00:00Z", "2025-11-06T10:30:00Z"));
  const auto first =
      f.scheduler->import_history(request, by("i", "2026-10-10T12:00:00Z", "k", "x"));
  REQUIRE(first.ok());
  const auto again =
      f.scheduler->import_history(request, by("i", "2026-10-10T12:05:00Z", "k", "x"));
  REQUIRE(again.ok());
  CHECK(again->replayed);
  CHECK(again->value.maintenances == first->value.maintenances);
  CHECK(again->value.outages == first->value.outages);
  CHECK(f.database->load_outages().size() == 2);
  const auto reused = f.scheduler->create_outage(outage("api", {"IN"}, std::nullopt),
                                                 by("i", "2026-10-10T12:05:00Z", "k", "x"));
  REQUIRE_FALSE(reused.ok());
  CHECK(reused.problems()[0].code == code::idempotency_reused);
}

TEST_CASE("app::OutageBook groups by service and shares what a change leaves alone") {
  Outage a;
  a.id = 3;
  a.service = "api";
  Outage b = a;
  b.id = 1;
  Outage c = a;
  c.id = 2;
  c.service = "voice";
  const OutageBook book({a, b, c});
  CHECK(book.size() == 3);
  CHECK(book.services() == std::vector<std::string>{"api", "voice"});
  REQUIRE(book.of_service("api").size() == 2);
  CHECK(book.of_service("api")[0].id == 1); // by id
  CHECK(book.of_service("api")[1].id == 3);
  CHECK(book.of_service("web").empty());
  CHECK(book.find(2)->service == "voice");
  CHECK(book.find(4) == nullptr);

  Outage resolved = c;
  resolved.end = utc("2026-01-01T00:00:00Z");
  Outage d = c;
  d.id = 9;
  const OutageBook next = book.with({resolved, d});
  CHECK(next.size() == 4);
  CHECK(next.find(2)->end.has_value());
  CHECK_FALSE(book.find(2)->end.has_value()); // the old book is unchanged
  // The untouched service's list is the same object in both books.
  CHECK(next.of_service("api").data() == book.of_service("api").data());
  CHECK(next.of_service("voice").data() != book.of_service("voice").data());
  std::vector<std::int64_t> ids;
  next.for_each([&](const Outage& o) { ids.push_back(o.id); });
  CHECK(ids == std::vector<std::int64_t>{1, 3, 2, 9});
}

TEST_SUITE_END();
