#pragma once

#include <slate/formats/status_model.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// What the page says about itself.
struct PageSettings {
  std::string title = "Maintenance and status";
  // The IANA tz database version the times come from, for the footer;
  // empty: not shown.
  std::string tz_database;
};

// Return `text` with &, <, >, " and ' replaced by character references, for
// HTML text and attribute values (double- or single-quoted).
std::string html_escape(std::string_view text);

// GET /: one HTML document for people, with no script and no external
// asset (styles and charts are inline, the charts SVG), readable on a
// phone (viewport meta, one column that widens on larger screens). Its
// sections, each an <h2>:
// - "Current status": the overall state, each region's status, the
//   maintenance under way with its message, and open outages;
// - "Upcoming maintenance": per region, on the region's clock and the home
//   zone's;
// - "Maintenance windows": the regions' windows side by side on one time
//   line (`model.timeline`, an SVG with a row per region), and each
//   region's next window in words;
// - "Availability": the last months of availability against the target,
//   one SVG bar chart per service (`model.history`), with the figures in a
//   table.
// Everything that comes from operators or files is escaped. Maintenance
// and outages have ids "maintenance-ID" and "outage-ID", which the
// Statuspage shortlinks point at.
std::string render_html_page(const StatusModel& model, const PageSettings& settings = {});

} // namespace slate::formats
