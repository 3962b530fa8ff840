#include <slate/app/status.hpp>

#include <slate/app/availability_reports.hpp>
#include <slate/app/message_facts.hpp>
#include <slate/app/support_alerts.hpp>
#include <slate/app/support_compliance_report.hpp>
#include <slate/app/window_schedule.hpp>
#include <slate/util/text.hpp>

#include <algorithm>
#include <tuple>

namespace slate::app {
namespace {

using domain::Instant;
using domain::MaintenanceState;
using formats::ComponentStatus;
using formats::MessagePhase;

// How far ahead a region's next window is looked for.
constexpr date::days k_window_horizon{400};
// How long figures that move with the clock (availability during an open
// outage or work under way) may be shown unchanged.
constexpr domain::Seconds k_moving_figures{60};

// A maintenance naming no service covers them all.
bool covers(const domain::Maintenance& m, const std::string& service) {
  return service.empty() || m.services.empty() || util::contains_ignoring_case(m.services, service);
}

const domain::Zone& region_zone(const domain::Region& region, const domain::Zone& fallback) {
  return region.windows.empty() ? fallback : region.windows.front().rule.zone();
}

formats::StatusMaintenance status_entry(const domain::Maintenance& m, const Snapshot& snapshot,
                                        const formats::MessageTemplates& templates) {
  const auto facts = message_facts(m, snapshot);
  const MessagePhase announced = m.kind == domain::MaintenanceKind::emergency
                                     ? MessagePhase::emergency
                                     : MessagePhase::announced;
  formats::StatusMaintenance entry{m, "", {}, domain::silences_of(snapshot.silences, m.id)};
  entry.updates.push_back({announced, m.announced_at, templates.render(announced, facts)});
  // Emergency work declared while under way was never announced ahead:
  // its declaration is its first and only news until it changes.
  if (m.started_at && *m.started_at > m.announced_at) {
    entry.updates.push_back(
        {MessagePhase::starting, *m.started_at, templates.render(MessagePhase::starting, facts)});
  }
  if (m.end > m.booked.end) {
    entry.updates.push_back(
        {MessagePhase::extended, m.updated_at, templates.render(MessagePhase::extended, facts)});
  }
  std::stable_sort(entry.updates.begin(), entry.updates.end(),
                   [](const auto& a, const auto& b) { return a.at > b.at; });
  entry.text = m.state == MaintenanceState::in_progress
                   ? templates.render(MessagePhase::in_progress, facts)
                   : entry.updates.back().text;
  return entry;
}

// Keeps the earliest instant after `now` that was offered.
class Expiry {
public:
  explicit Expiry(Instant now) : m_now(now) {}
  void offer(Instant t) {
    if (t > m_now && t < m_earliest) {
      m_earliest = t;
    }
  }
  Instant earliest() const { return m_earliest; }

private:
  Instant m_now;
  Instant m_earliest = Instant::max();
};

} // namespace

BuiltStatus build_status(const Snapshot& snapshot, Instant now, const StatusOptions& options) {
  const auto& rules = snapshot.policy.availability;
  formats::StatusModel model;
  Expiry expiry(now);
  bool moving = false;
  model.home_zone = snapshot.home_zone;
  model.reporting_zone = rules.reporting_zone.name();
  model.month = domain::month_of(now, rules.reporting_zone);
  model.target_ppm = rules.target_ppm;
  model.services = reported_services(snapshot);
  model.timeline = options.timeline;
  expiry.offer(domain::month_interval(model.month, rules.reporting_zone).end);

  // The latest change of what is shown (not the snapshot's date: a change
  // the documents do not show must leave their bytes, and so their ETag, as
  // they were).
  Instant updated{};
  const auto saw = [&](Instant t) {
    if (t <= now && t > updated) {
      updated = t;
    }
  };

  for (const auto& m : snapshot.maintenances) {
    saw(m.updated_at);
    const bool in_progress = m.state == MaintenanceState::in_progress;
    const bool upcoming = m.state == MaintenanceState::planned && m.span().end > now;
    if (!in_progress && !upcoming) {
      continue;
    }
    if (upcoming) {
      expiry.offer(m.span().end);
    }
    if (in_progress && m.disruptive) {
      moving = true;
    }
    model.maintenances.push_back(status_entry(m, snapshot, snapshot.templates));
  }
  std::stable_sort(model.maintenances.begin(), model.maintenances.end(),
                   [](const auto& a, const auto& b) {
                     return std::tie(a.maintenance.booked.start, a.maintenance.id) <
                            std::tie(b.maintenance.booked.start, b.maintenance.id);
                   });

  snapshot.outages.for_each([&](const domain::Outage& outage) {
    saw(outage.created_at);
    if (outage.end) {
      saw(*outage.end);
    }
    if (outage.open()) {
      model.open_outages.push_back(outage);
      moving = true;
    }
  });
  std::stable_sort(model.open_outages.begin(), model.open_outages.end(),
                   [](const auto& a, const auto& b) {
                     return std::tie(a.start, a.id) < std::tie(b.start, b.id);
                   });

  const std::vector<std::string> services =
      model.services.empty() ? std::vector<std::string>{""} : model.services;
  for (const auto& region : snapshot.regions) {
    formats::RegionStatus status;
    status.id = region.id;
    status.name = region.name;
    status.zone = region_zone(region, snapshot.home_zone);
    for (std::size_t i = 0; i < model.maintenances.size(); ++i) {
      const auto& m = model.maintenances[i].maintenance;
      if (util::contains_ignoring_case(m.regions, region.id)) {
        (m.state == MaintenanceState::in_progress ? status.in_progress : status.upcoming)
            .push_back(i);
      }
    }
    for (std::size_t i = 0; i < model.open_outages.size(); ++i) {
      if (util::contains_ignoring_case(model.open_outages[i].regions, region.id)) {
        status.outages.push_back(i);
      }
    }
    for (const auto& occurrence :
         windows_overlapping(region, domain::Interval{now, now + domain::Seconds{1}})) {
      if (occurrence.occurrence.interval.contains(now)) {
        status.current_window = formats::StatusWindow{
            occurrence.window->uid, occurrence.window->summary, occurrence.occurrence.interval};
        expiry.offer(occurrence.occurrence.interval.end);
        break;
      }
    }
    if (const auto next = next_window(region, now + domain::Seconds{1}, now + k_window_horizon)) {
      status.next_window = formats::StatusWindow{next->window->uid, next->window->summary,
                                                 next->occurrence.interval};
      expiry.offer(next->occurrence.interval.start);
    }
    if (options.timeline) {
      for (const auto& occurrence : windows_overlapping(region, *options.timeline)) {
        status.timeline.push_back(formats::StatusWindow{
            occurrence.window->uid, occurrence.window->summary, occurrence.occurrence.interval});
      }
    }

    // Availability of each service here this month.
    const AvailabilityRequest request{services, region.id, model.month, model.month};
    auto reports = availability_reports(snapshot, request, now);
    for (std::size_t s = 0; s < services.size(); ++s) {
      const auto& service = services[s];
      formats::ServiceStatus entry;
      entry.service = service;
      entry.month = std::move(reports.at(s).report);
      std::optional<Instant> active_since;
      std::optional<Instant> last_end;
      const auto active = [&](ComponentStatus candidate, Instant since) {
        if (formats::severity(candidate) > formats::severity(entry.status)) {
          entry.status = candidate;
        }
        if (!active_since || since > *active_since) {
          active_since = since;
        }
      };
      const auto ended = [&](Instant at) {
        if (at <= now && (!last_end || at > *last_end)) {
          last_end = at;
        }
      };
      for (const auto index : status.outages) {
        const auto& outage = model.open_outages[index];
        if (service.empty() || util::equal_ignoring_case(outage.service, service)) {
          active(outage.impact == domain::OutageImpact::major ? ComponentStatus::major_outage
                                                              : ComponentStatus::partial_outage,
                 outage.start);
        }
      }
      for (const auto index : status.in_progress) {
        const auto& m = model.maintenances[index].maintenance;
        if (m.disruptive && covers(m, service)) {
          active(ComponentStatus::under_maintenance, m.started_at.value_or(m.booked.start));
        }
      }
      for (const auto& outage : snapshot.outages.of_service(service)) {
        if (outage.end && util::contains_ignoring_case(outage.regions, region.id)) {
          ended(*outage.end);
        }
      }
      for (const auto& m : snapshot.maintenances) {
        if (m.finished_at && m.started_at && util::contains_ignoring_case(m.regions, region.id) &&
            covers(m, service)) {
          ended(*m.finished_at);
        }
      }
      entry.changed_at = active_since ? active_since : last_end;
      if (formats::severity(entry.status) > formats::severity(status.status)) {
        status.status = entry.status;
      }
      status.services.push_back(std::move(entry));
    }
    model.regions.push_back(std::move(status));
  }

  // The indicator: the worst component, and "critical" when one service
  // is down in every region.
  bool major = false;
  bool partial = false;
  bool maintenance = false;
  for (const auto& region : model.regions) {
    for (const auto& service : region.services) {
      major = major || service.status == ComponentStatus::major_outage;
      partial = partial || service.status == ComponentStatus::partial_outage;
      maintenance = maintenance || service.status == ComponentStatus::under_maintenance;
    }
  }
  bool critical = false;
  if (!model.regions.empty()) {
    for (std::size_t s = 0; s < services.size(); ++s) {
      critical = critical ||
                 std::all_of(model.regions.begin(), model.regions.end(),
                             [&](const formats::RegionStatus& region) {
                               return region.services.at(s).status == ComponentStatus::major_outage;
                             });
    }
  }
  model.indicator = critical      ? formats::Indicator::critical
                    : major       ? formats::Indicator::major
                    : partial     ? formats::Indicator::minor
                    : maintenance ? formats::Indicator::maintenance
                                  : formats::Indicator::none;

  if (options.history_months > 0) {
    const AvailabilityRequest request{services, std::nullopt,
                                      model.month - date::months{options.history_months - 1},
                                      model.month};
    auto reports = availability_reports(snapshot, request, now);
    const auto months = static_cast<std::size_t>(options.history_months);
    for (std::size_t s = 0; s < services.size(); ++s) {
      formats::AvailabilitySeries series{services[s], {}};
      for (std::size_t i = 0; i < months; ++i) {
        series.months.push_back(std::move(reports.at(s * months + i).report));
      }
      model.history.push_back(std::move(series));
    }
  }

  // This month's support compliance changes when a running clock warns or
  // breaches (a warning changes nothing shown: an early look, not a wrong
  // one) and when the month ends.
  if (snapshot.policy.support.enabled()) {
    const auto month = current_support_month(snapshot, now);
    if (auto report = support_compliance_report(snapshot, month, now)) {
      model.support = std::move(report).value();
    }
    if (const auto next = next_support_alert_time(snapshot, now)) {
      expiry.offer(*next);
    }
    expiry.offer(domain::month_interval(month, snapshot.policy.support.reporting_zone).end);
  }

  // Nothing known yet: the start of the day, so that the documents do not
  // change by the second.
  model.updated_at = updated != Instant{} ? updated : date::floor<date::days>(now);
  if (updated == Instant{}) {
    expiry.offer(model.updated_at + date::days{1});
  }
  if (moving) {
    expiry.offer(now + k_moving_figures);
  }
  return BuiltStatus{std::move(model), expiry.earliest()};
}

} // namespace slate::app
