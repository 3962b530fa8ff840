#pragma once

#include <slate/api/handler.hpp>
#include <slate/formats/json_availability.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::api {

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
std::vector<std::string> reported_services(const app::Snapshot& snapshot);

// Return the report of every service and month of `request`, service by
// service, each month in order, computed from `snapshot` at `now` (open
// outages and running maintenance end at `now`).
std::vector<formats::ReportView> availability_reports(const app::Snapshot& snapshot,
                                                      const AvailabilityRequest& request,
                                                      domain::Instant now);

// Return the report of every reported service for the month under way at
// `now` in the policy's reporting zone: what GET /v1/availability gives.
std::vector<formats::ReportView> current_month_reports(const app::Snapshot& snapshot,
                                                       domain::Instant now);

// GET /v1/availability?service=S&region=R&month=YYYY-MM (or from=YYYY-MM&
// to=YYYY-MM; without either, the current month; without service, every
// service). One service and one month: the report object itself;
// otherwise {"reports": [...], "count"}. With `Accept: text/csv` (or
// format=csv): CSV, one row per report, or with rows=ledger one row per
// ledger entry.
class AvailabilityHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
