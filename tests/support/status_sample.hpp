#pragma once

#include <slate/formats/status_model.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

namespace slate::test {

// A report for `service` in `region` for January 2026 with `counted`
// seconds of downtime counted against a 99.95 % target.
inline domain::AvailabilityReport january_report(const std::string& service,
                                                 std::optional<std::string> region,
                                                 domain::Seconds counted) {
  domain::AvailabilityReport report;
  report.query = {service, std::move(region), date::year{2026} / date::January};
  report.period = {utc("2026-01-01T00:00:00Z"), utc("2026-02-01T00:00:00Z")};
  report.total = report.period.end - report.period.start;
  report.down = counted;
  report.counted = counted;
  report.denominator = report.total.count();
  report.numerator = (report.total - counted).count();
  report.target_ppm = 999500;
  report.met = report.numerator * 1'000'000 >= report.target_ppm * report.denominator;
  report.error_budget = domain::Seconds{(1'000'000 - 999500) * report.total.count() / 1'000'000};
  report.error_budget_remaining = report.error_budget - counted;
  return report;
}

// The status at 2026-01-12T12:00:00Z (a Monday): maintenance 12 under way
// in EU, maintenance 13 planned in US, a major outage of "api" in US.
inline formats::StatusModel sample_status() {
  using formats::ComponentStatus;
  formats::StatusModel model;
  model.home_zone = zone("Asia/Kolkata");
  model.reporting_zone = "UTC";
  model.updated_at = utc("2026-01-12T11:05:00Z");
  model.indicator = formats::Indicator::major;
  model.month = date::year{2026} / date::January;
  model.target_ppm = 999500;
  model.services = {"api", "web"};

  domain::Maintenance upgrade;
  upgrade.id = 12;
  upgrade.title = "Database upgrade";
  upgrade.message = "Sign-ins are paused.";
  upgrade.state = domain::MaintenanceState::in_progress;
  upgrade.regions = {"EU"};
  upgrade.booked = {utc("2026-01-12T10:00:00Z"), utc("2026-01-12T14:00:00Z")};
  upgrade.end = upgrade.booked.end;
  upgrade.announced_at = utc("2026-01-01T09:00:00Z");
  upgrade.started_at = utc("2026-01-12T10:00:00Z");
  upgrade.updated_at = utc("2026-01-12T10:00:00Z");
  model.maintenances.push_back(
      {upgrade,
       "Database upgrade is in progress.",
       {{formats::MessagePhase::starting, utc("2026-01-12T10:00:00Z"), "It has started."},
        {formats::MessagePhase::announced, utc("2026-01-01T09:00:00Z"), "It is announced."}},
       {}});

  domain::Maintenance network;
  network.id = 13;
  network.title = "Network <switch> & \"fibre\"";
  network.regions = {"US"};
  network.services = {"web"};
  network.booked = {utc("2026-01-19T06:00:00Z"), utc("2026-01-19T08:00:00Z")};
  network.end = network.booked.end;
  network.announced_at = utc("2026-01-02T00:00:00Z");
  network.updated_at = network.announced_at;
  network.disruptive = false;
  model.maintenances.push_back(
      {network,
       "Network work is announced.",
       {{formats::MessagePhase::announced, utc("2026-01-02T00:00:00Z"), "It is announced."}},
       {}});

  domain::Outage outage;
  outage.id = 3;
  outage.service = "api";
  outage.regions = {"US"};
  outage.start = utc("2026-01-12T11:00:00Z");
  outage.created_at = utc("2026-01-12T11:05:00Z");
  outage.description = "API errors <500>";
  model.open_outages.push_back(outage);

  formats::RegionStatus us;
  us.id = "US";
  us.name = "United States";
  us.zone = zone("America/New_York");
  us.status = ComponentStatus::major_outage;
  us.upcoming = {1};
  us.outages = {0};
  us.next_window =
      formats::StatusWindow{"window-us-mon@slated",
                            "US maintenance window",
                            {utc("2026-01-19T06:00:00Z"), utc("2026-01-19T08:00:00Z")}};
  us.timeline = {*us.next_window};
  us.services = {{"api", ComponentStatus::major_outage, utc("2026-01-12T11:00:00Z"),
                  january_report("api", "US", std::chrono::hours{1})},
                 {"web", ComponentStatus::operational, std::nullopt,
                  january_report("web", "US", domain::Seconds{0})}};

  formats::RegionStatus eu;
  eu.id = "EU";
  eu.name = "Europe";
  eu.zone = zone("Europe/London");
  eu.status = ComponentStatus::under_maintenance;
  eu.in_progress = {0};
  eu.current_window =
      formats::StatusWindow{"window-eu-extra@slated",
                            "EU extra window",
                            {utc("2026-01-12T09:00:00Z"), utc("2026-01-12T15:00:00Z")}};
  eu.next_window =
      formats::StatusWindow{"window-eu-wed@slated",
                            "EU maintenance window",
                            {utc("2026-01-14T02:30:00Z"), utc("2026-01-14T04:30:00Z")}};
  eu.timeline = {*eu.current_window, *eu.next_window};
  eu.services = {{"api", ComponentStatus::under_maintenance, utc("2026-01-12T10:00:00Z"),
                  january_report("api", "EU", domain::Seconds{0})},
                 {"web", ComponentStatus::under_maintenance, utc("2026-01-12T10:00:00Z"),
                  january_report("web", "EU", domain::Seconds{0})}};
  model.regions = {us, eu};
  model.timeline = domain::Interval{utc("2026-01-12T12:00:00Z"), utc("2026-01-20T12:00:00Z")};
  return model;
}

} // namespace slate::test
