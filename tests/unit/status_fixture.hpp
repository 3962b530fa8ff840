#pragma once

// Snapshots with work under way, planned and outages open, for the status
// tests of app/status and api/status_handler.

#include <slate/api/router.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

namespace slate::test::status {

using slate::domain::Interval;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::domain::Outage;
using slate::test::ApiFixture;
using slate::test::utc;

inline constexpr const char* k_now = "2026-03-03T12:00:00Z"; // a Tuesday

inline Maintenance maintenance(std::int64_t id, std::vector<std::string> regions, const char* start,
                               const char* end, MaintenanceState state) {
  Maintenance m;
  m.id = id;
  m.title = "Work " + std::to_string(id);
  m.regions = std::move(regions);
  m.booked = Interval{utc(start), utc(end)};
  m.end = m.booked.end;
  m.state = state;
  m.announced_at = utc("2026-02-20T00:00:00Z");
  m.updated_at = m.announced_at;
  if (state == MaintenanceState::in_progress) {
    m.started_at = m.booked.start;
    m.updated_at = m.booked.start;
  }
  return m;
}

inline Outage outage(std::int64_t id, const std::string& service, std::vector<std::string> regions,
                     const char* start) {
  Outage o;
  o.id = id;
  o.service = service;
  o.regions = std::move(regions);
  o.start = utc(start);
  o.created_at = o.start;
  return o;
}

// The fixture's snapshot with `change` applied.
inline slate::app::SnapshotPtr changed(const ApiFixture& api,
                                       const std::function<void(slate::app::Snapshot&)>& change) {
  auto copy = std::make_shared<slate::app::Snapshot>(*api.snapshot);
  change(*copy);
  ++copy->version;
  return copy;
}

inline const slate::formats::RegionStatus& region(const slate::formats::StatusModel& model,
                                                  const std::string& id) {
  for (const auto& r : model.regions) {
    if (r.id == id) {
      return r;
    }
  }
  throw std::invalid_argument("no region " + id);
}

inline slate::api::Response get(const ApiFixture& api, const std::string& target,
                                slate::api::Fields headers = {}) {
  auto request = slate::api::make_request("GET", target, std::move(headers), "");
  REQUIRE(request);
  return api.router.handle(request.value());
}

} // namespace slate::test::status
