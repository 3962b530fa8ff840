#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/formats/json_availability.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::app {

// The reports one request asks for: each service, each month from `first`
// to `last` (inclusive) in the policy's reporting zone, optionally for one
// region only.
struct AvailabilityRequest {
  std::vector<std::string> services;
  std::optional<std::string> region; // as the calendars spell it
  date::year_month first;
  date::year_month last;
};

// Return the services a report on "every service" covers: those the policy
// lists, those with outages and those named by maintenance, in byte order.
std::vector<std::string> reported_services(const Snapshot& snapshot);

// Return the report of every service and month of `request`, service by
// service, each month in order, computed from `snapshot` at `now` (open
// outages and running maintenance end at `now`).
std::vector<formats::ReportView> availability_reports(const Snapshot& snapshot,
                                                      const AvailabilityRequest& request,
                                                      domain::Instant now);

// Return the report of every reported service for the month under way at
// `now` in the policy's reporting zone: what GET /v1/availability gives.
std::vector<formats::ReportView> current_month_reports(const Snapshot& snapshot,
                                                       domain::Instant now);

} // namespace slate::app
