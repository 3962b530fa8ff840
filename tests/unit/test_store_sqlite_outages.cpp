// The store's outages, the maintenance flags of schema 2, and the
// all-or-nothing history import.
#include <slate/store/store.hpp>

#include <support/store_backends.hpp>
#include <support/store_steps.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <stdexcept>
#include <string>

using slate::app::History;
using slate::app::import_resource;
using slate::app::parse_import_resource;
using slate::domain::Maintenance;
using slate::domain::MaintenanceKind;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::domain::OutageCause;
using slate::domain::OutageImpact;
using slate::store::AuditEntry;
using slate::store::IdempotencyRecord;
using slate::store::StoreError;
using slate::test::utc;

namespace {

Outage resolved_outage() {
  Outage o;
  o.service = "voice";
  o.regions = {"US", "EU"};
  o.start = utc("2026-10-03T10:00:00Z");
  o.end = utc("2026-10-03T10:45:00Z");
  o.impact = OutageImpact::partial;
  o.cause = OutageCause::third_party;
  o.description = "Carrier trunk down — ünïcode too";
  o.created_at = utc("2026-10-03T10:05:00Z");
  o.created_by = "oncall";
  return o;
}

Outage open_outage() {
  Outage o;
  o.service = "api";
  o.regions = {"IN"};
  o.start = utc("2026-10-04T00:00:00Z");
  o.created_at = o.start;
  o.created_by = "oncall";
  return o;
}

Maintenance past_maintenance(const std::string& title) {
  Maintenance m;
  m.kind = MaintenanceKind::scheduled;
  m.state = MaintenanceState::completed;
  m.title = title;
  m.regions = {"US"};
  m.booked = {utc("2025-11-03T06:00:00Z"), utc("2025-11-03T07:00:00Z")};
  m.end = utc("2025-11-03T07:20:00Z");
  m.announced_at = utc("2025-10-20T00:00:00Z");
  m.started_at = utc("2025-11-03T06:00:00Z");
  m.finished_at = utc("2025-11-03T07:20:00Z");
  m.updated_at = utc("2026-03-01T00:00:00Z");
  m.created_by = "importer";
  m.imported = true;
  return m;
}

AuditEntry audit(const std::string& action) {
  AuditEntry a;
  a.at = utc("2026-10-05T00:00:00Z");
  a.actor = "oncall";
  a.action = action;
  return a;
}

std::string render_outage(const Outage& o) {
  return R"({"id":)" + std::to_string(o.id) + R"(,"service":")" + o.service + R"("})";
}

std::string render_maintenance(const Maintenance& m) {
  return R"({"id":)" + std::to_string(m.id) + "}";
}

template <class Backend> std::vector<std::int64_t> all_counts(Backend& backend) {
  std::vector<std::int64_t> counts;
  for (const char* table : {"maintenances", "maintenance_regions", "maintenance_services",
                            "outages", "outage_regions", "audit_log", "idempotency"}) {
    counts.push_back(backend.count_rows(table));
  }
  return counts;
}

} // namespace

TEST_SUITE_BEGIN("store");

TEST_CASE_TEMPLATE("store::Store round-trips outages, open and resolved, in id order", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  CHECK(db->load_outages().empty());
  const auto first =
      db->insert_outage(resolved_outage(), audit("outage.create"), render_outage, std::nullopt);
  const auto second =
      db->insert_outage(open_outage(), audit("outage.create"), render_outage, std::nullopt);
  CHECK(first.id > 0);
  CHECK(second.id > first.id);

  const auto loaded = db->load_outages();
  REQUIRE(loaded.size() == 2);
  CHECK(loaded[0] == first);
  CHECK(loaded[1] == second);
  CHECK(loaded[0].regions == std::vector<std::string>{"US", "EU"}); // order kept
  CHECK_FALSE(loaded[1].end.has_value());

  const auto log = db->audit_log(10);
  REQUIRE(log.size() == 2);
  CHECK(log[0].subject == "outage/" + std::to_string(second.id));
  CHECK(log[0].after == R"({"id":)" + std::to_string(second.id) + R"(,"service":"api"})");
}

TEST_CASE_TEMPLATE("store::Store::update_outage resolves it and replaces its regions", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  auto stored =
      db->insert_outage(open_outage(), audit("outage.create"), render_outage, std::nullopt);
  stored.end = utc("2026-10-04T01:30:00Z");
  stored.cause = OutageCause::customer;
  stored.regions = {"IN", "AU"};
  db->update_outage(stored, audit("outage.resolve"));
  const auto loaded = db->load_outages();
  REQUIRE(loaded.size() == 1);
  CHECK(loaded[0] == stored);
  CHECK(db->audit_log(1)[0].action == "outage.resolve");

  auto missing = stored;
  missing.id += 100;
  CHECK_THROWS_AS(db->update_outage(missing, audit("outage.resolve")), StoreError);
}

TEST_CASE_TEMPLATE("store::Store: an outage's idempotency record names it", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  const auto stored =
      db->insert_outage(open_outage(), audit("outage.create"), render_outage,
                        IdempotencyRecord{"k1", "oncall", "f", "", utc("2026-10-04T00:00:00Z")});
  const auto record = db->find_idempotency("k1", "oncall");
  REQUIRE(record.has_value());
  CHECK(record->resource == "outage/" + std::to_string(stored.id));
}

TEST_CASE_TEMPLATE("store::Store keeps a maintenance's disruptive and imported flags", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  auto m = past_maintenance("Rolling restart");
  m.disruptive = false;
  auto stored =
      db->insert_maintenance(m, audit("maintenance.create"), render_maintenance, std::nullopt);
  CHECK(db->load_maintenances().at(0) == stored);
  CHECK_FALSE(db->load_maintenances().at(0).disruptive);
  CHECK(db->load_maintenances().at(0).imported);

  stored.disruptive = true;
  stored.imported = false;
  db->update_maintenance(stored, audit("maintenance.update"));
  CHECK(db->load_maintenances().at(0).disruptive);
  CHECK_FALSE(db->load_maintenances().at(0).imported);
}

TEST_CASE_TEMPLATE("store::Store: the schema refuses an outage that ends before it starts", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  auto bad = resolved_outage();
  bad.end = bad.start;
  CHECK_THROWS_AS(db->insert_outage(bad, audit("outage.create"), render_outage, std::nullopt),
                  StoreError);
  CHECK(db->load_outages().empty());
  CHECK(db->audit_log(10).empty());
}

TEST_CASE_TEMPLATE("store::Store: an import stores everything with one audit entry each", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  // Something before, so that the ids do not start at 1.
  db->insert_outage(open_outage(), audit("outage.create"), render_outage, std::nullopt);

  History history;
  history.maintenances = {past_maintenance("One"), past_maintenance("Two")};
  auto imported = resolved_outage();
  imported.imported = true;
  history.outages = {imported, imported, imported};
  const auto stored =
      db->import_history(history, audit("import"), render_maintenance, render_outage,
                         IdempotencyRecord{"imp", "oncall", "f", "", utc("2026-10-05T00:00:00Z")});
  REQUIRE(stored.maintenances.size() == 2);
  REQUIRE(stored.outages.size() == 3);
  CHECK(stored.maintenances[1].id == stored.maintenances[0].id + 1);
  CHECK(stored.outages[0].id == 2);
  CHECK(stored.outages[2].id == 4);
  CHECK(db->load_maintenances() == stored.maintenances);
  const auto outages = db->load_outages();
  REQUIRE(outages.size() == 4);
  CHECK(outages[3] == stored.outages[2]);
  CHECK(outages[3].imported);

  const auto log = db->audit_log(100);
  REQUIRE(log.size() == 6); // one create, five imports
  for (std::size_t i = 0; i < 5; ++i) {
    CHECK(log[i].action == "import");
    CHECK(log[i].actor == "oncall");
  }
  CHECK(log[0].subject == "outage/4");
  CHECK(log[4].subject == "maintenance/" + std::to_string(stored.maintenances[0].id));
  CHECK(log[4].after == render_maintenance(stored.maintenances[0]));

  const auto record = db->find_idempotency("imp", "oncall");
  REQUIRE(record.has_value());
  CHECK(record->resource == "import/1/2/2/3");
  CHECK(record->resource == import_resource(stored));
}

TEST_CASE_TEMPLATE("store::Store: an import is all or nothing", Backend, SLATE_STORE_BACKENDS) {
  Backend backend;
  auto db = backend.steps();
  db->insert_outage(open_outage(), audit("outage.create"), render_outage,
                    IdempotencyRecord{"used", "oncall", "f", "", utc("2026-10-04T00:00:00Z")});
  const auto counts = all_counts(backend);

  History history;
  history.maintenances = {past_maintenance("One")};
  history.outages = {resolved_outage(), resolved_outage()};
  SUBCASE("the last outage breaks a CHECK constraint") {
    history.outages[1].end = history.outages[1].start - std::chrono::hours{1};
    CHECK_THROWS_AS(db->import_history(history, audit("import"), render_maintenance, render_outage,
                                       std::nullopt),
                    StoreError);
  }
  SUBCASE("the idempotency key was used, found only at the very end") {
    CHECK_THROWS_AS(db->import_history(
                        history, audit("import"), render_maintenance, render_outage,
                        IdempotencyRecord{"used", "oncall", "g", "", utc("2026-10-05T00:00:00Z")}),
                    StoreError);
  }
  SUBCASE("rendering an outage fails") {
    CHECK_THROWS_AS(db->import_history(
                        history, audit("import"), render_maintenance,
                        [](const Outage&) -> std::string { throw std::runtime_error("no"); },
                        std::nullopt),
                    StoreError);
  }
  CHECK(all_counts(backend) == counts);
  CHECK(db->load_maintenances().empty());
  CHECK(db->load_outages().size() == 1);
}

TEST_CASE("app::import_resource and parse_import_resource") {
  History history;
  CHECK(import_resource(history) == "import/0/0/0/0");
  const auto parsed = parse_import_resource("import/12/3/0/0");
  REQUIRE(parsed.has_value());
  CHECK(parsed->first_maintenance == 12);
  CHECK(parsed->maintenances == 3);
  CHECK(parsed->first_outage == 0);
  CHECK(parsed->outages == 0);
  for (const char* bad : {"outage/12", "import/1/2/3", "import/1/2/3/4/5", "import/a/2/3/4",
                          "import/1/2/3/-4", "import/1/2/3/4x", "import//2/3/4"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_import_resource(bad).has_value());
  }
}

TEST_CASE_TEMPLATE("store::Store: outages survive reopening the database", Backend,
                   SLATE_STORE_BACKENDS) {
  Backend backend;
  Outage stored;
  {
    auto db = backend.steps();
    stored =
        db->insert_outage(resolved_outage(), audit("outage.create"), render_outage, std::nullopt);
  }
  auto db = backend.steps();
  REQUIRE(db->load_outages().size() == 1);
  CHECK(db->load_outages()[0] == stored);
}

TEST_SUITE_END();
