#pragma once

#include <slate/domain/availability.hpp>
#include <slate/domain/interval.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/maintenance_silence.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/support_compliance.hpp>
#include <slate/domain/zone.hpp>
#include <slate/formats/message_text.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// A component's state, with Statuspage's names (degraded_performance is in
// the enumeration but slated records nothing that maps to it).
enum class ComponentStatus {
  operational,
  degraded_performance,
  partial_outage,
  major_outage,
  under_maintenance,
};

// The overall state, with Statuspage's names: none, minor (a partial
// outage), major (a major outage), critical (a major outage of a service in
// every region), maintenance (work under way and nothing worse).
enum class Indicator { none, minor, major, critical, maintenance };

std::string_view to_string(ComponentStatus status);
std::string_view to_string(Indicator indicator);
// "All Systems Operational", "Minor Service Outage", "Partial System
// Outage", "Major Service Outage", "Service Under Maintenance".
std::string_view description(Indicator indicator);
// How bad a status is, for taking the worst of several: operational 0,
// under_maintenance 1, degraded_performance 2, partial_outage 3, major_outage 4.
int severity(ComponentStatus status);

// One occurrence of a region's window.
struct StatusWindow {
  std::string uid;
  std::string summary;
  domain::Interval interval;
};

// A maintenance that is announced and not over, with what customers were
// told at each phase so far.
struct StatusMaintenance {
  domain::Maintenance maintenance;
  // The message of its current phase: in_progress while it is under way,
  // else announced (or emergency).
  std::string text;
  struct Update {
    MessagePhase phase;
    domain::Instant at;
    std::string text;
  };
  std::vector<Update> updates; // newest first
  // Its Alertmanager silences (none without Alertmanager).
  std::vector<domain::MaintenanceSilence> silences;
};

// One service of one region: a Statuspage component.
struct ServiceStatus {
  std::string service; // empty: no service is known, the region is the component
  ComponentStatus status = ComponentStatus::operational;
  // When its status last changed as far as slated knows: the start of
  // what makes it not operational, else the end of the last thing that did.
  std::optional<domain::Instant> changed_at;
  // This month's availability of the service in the region.
  std::optional<domain::AvailabilityReport> month;
};

struct RegionStatus {
  std::string id;
  std::string name;
  domain::Zone zone = domain::Zone::utc();               // the zone of its first window
  ComponentStatus status = ComponentStatus::operational; // the worst of its services
  std::vector<std::size_t> in_progress;                  // indexes into StatusModel::maintenances
  std::vector<std::size_t> upcoming;                     // indexes into StatusModel::maintenances
  std::vector<std::size_t> outages;                      // indexes into StatusModel::open_outages
  std::optional<StatusWindow> current_window;            // one open now
  std::optional<StatusWindow> next_window;               // the next to start
  std::vector<StatusWindow> timeline;                    // windows within StatusModel::timeline
  std::vector<ServiceStatus> services; // one per StatusModel::services, or one unnamed
};

// A service's availability over several months, all regions together.
struct AvailabilitySeries {
  std::string service;                            // empty: every service together (none is known)
  std::vector<domain::AvailabilityReport> months; // oldest first
};

// What the status documents and the page show, computed from one snapshot
// at one instant. Renderers read it and nothing else, so that the JSON, the
// Statuspage documents and the page always agree.
// What a slated knows of its database, for its readers: whether it answers,
// and how long the snapshot it answers from may have missed changes (a
// replica whose PostgreSQL went away answers from its last snapshot). With
// SQLite, and while PostgreSQL answers, reachable with 0 s.
struct DatabaseState {
  bool reachable = true;
  std::int64_t stale_seconds = 0;
};

struct StatusModel {
  domain::Zone home_zone = domain::Zone::utc();
  std::string reporting_zone; // the policy's, where months begin
  // The latest change of anything shown (a booking, a start, an outage...);
  // the start of the current day (UTC) when nothing has changed yet.
  domain::Instant updated_at;
  Indicator indicator = Indicator::none;
  date::year_month month; // the current month in the reporting zone
  std::int64_t target_ppm = 0;
  std::vector<std::string> services;           // in byte order; empty: regions are the components
  std::vector<StatusMaintenance> maintenances; // in progress and upcoming, by start
  std::vector<domain::Outage> open_outages;    // by start
  std::vector<RegionStatus> regions;           // as the calendars list them
  std::optional<domain::Interval> timeline;    // the page's time line, when asked for
  std::vector<AvailabilitySeries> history;     // when asked for
  // This month's support compliance (in the support policy's reporting
  // zone), only when the policy has a [support] part.
  std::optional<domain::ComplianceReport> support;
  // Filled by the API from the daemon's view, not from the snapshot.
  DatabaseState database;
};

} // namespace slate::formats
