#pragma once

#include <slate/formats/json_text.hpp>
#include <slate/formats/status_model.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// The page the Statuspage documents describe.
struct StatuspagePage {
  std::string name = "slated";
  // Where the page for people is ("http://host:port"); no trailing '/'.
  // Shortlinks point into it ("URL/#maintenance-12").
  std::string url;
};

// Return a Statuspage-shaped id for `key` ("page/NAME", "component/US/api",
// "maintenance/12", "outage/3"...): 12 characters of [0-9a-z], the same for
// the same key in every run, so that clients can follow an object.
std::string statuspage_id(std::string_view key);

// The documents of Atlassian Statuspage's public API v2, with its field
// names, key order and enumerations (docs/reference/statuspage-v2.md),
// so that widgets and aggregators written for Statuspage read them
// unchanged:
// - components are region x service: one group component per region
//   ("group": true, "components": [ids]) holding one component per service;
//   when no service is known, each region is one plain component;
// - scheduled maintenances are the maintenance announced and not over:
//   "scheduled" while planned, "in_progress" while under way (slated has no
//   verifying phase); their incident_updates carry the messages rendered
//   from the templates, newest first;
// - incidents are open outages, "identified";
// - timestamps are on the home zone's clock with its offset and
//   milliseconds ("2026-01-14T08:00:00.000+05:30"); page.time_zone is the
//   home zone.
// The status indicator is none, minor, major, critical, or maintenance
// ("Service Under Maintenance") when only maintenance is under way, as
// Statuspage itself reports it.

// GET /api/v2/summary.json: {page, components, incidents,
// scheduled_maintenances, status}.
std::string render_statuspage_summary(const StatusModel& model, const StatuspagePage& page);
// GET /api/v2/status.json: {page, status}.
std::string render_statuspage_status(const StatusModel& model, const StatuspagePage& page);
// GET /api/v2/components.json: {page, components}.
std::string render_statuspage_components(const StatusModel& model, const StatuspagePage& page);
// GET /api/v2/scheduled-maintenances/upcoming.json: {page,
// scheduled_maintenances} of those still "scheduled".
std::string render_statuspage_upcoming(const StatusModel& model, const StatuspagePage& page);
// GET /api/v2/scheduled-maintenances/active.json: {page,
// scheduled_maintenances} of those "in_progress".
std::string render_statuspage_active(const StatusModel& model, const StatuspagePage& page);
// GET /api/v2/incidents/unresolved.json: {page, incidents}.
std::string render_statuspage_unresolved(const StatusModel& model, const StatuspagePage& page);

} // namespace slate::formats
