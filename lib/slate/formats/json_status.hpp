#pragma once

#include <slate/formats/json_text.hpp>
#include <slate/formats/status_model.hpp>

#include <string>

namespace slate::formats {

// GET /v1/status:
// {"indicator", "description", "updated_at", "home_zone", "month",
//  "reporting_zone", "target_percent", "services": [name...],
//  "regions": [{"id", "name", "zone", "status",
//    "maintenance_in_progress": [maintenance...], "current_window": window
//    or null, "next_window": window or null, "upcoming_maintenance":
//    [maintenance...], "open_outages": [outage...],
//    "services": [{"service" (null when no service is known: the region as
//      a whole), "status", "availability": {"month", "availability_percent",
//      "target_percent", "met", "down_seconds", "excluded_seconds",
//      "counted_seconds", "error_budget_seconds",
//      "error_budget_remaining_seconds"}}]}]}
// A maintenance is {"id", "kind", "state", "title", "message", "services",
// "start", "end" (UTC), "local_start", "local_end" (the region's clock, with
// offset), "when" (for people, region and home zone: "Wed 14 Jan
// 02:30–04:30 GMT (08:00–10:00 IST)"), "text" (the message of its phase,
// from the templates)}. A window is {"uid", "summary", "start", "end",
// "local_start", "local_end", "when"}. An outage is {"id", "service",
// "regions", "start", "local_start", "when", "impact", "cause",
// "description"}. Statuses and the indicator use Statuspage's names.
Json status_json(const StatusModel& model);

// status_json as text.
std::string render_status(const StatusModel& model);

} // namespace slate::formats
