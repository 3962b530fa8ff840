#include <slate/app/availability_reports.hpp>

#include <algorithm>
#include <set>

namespace slate::app {
namespace {

// Whether `a` covers `b` in time, touching included: a conservative test,
// so that the domain sees everything that could matter to the period.
bool near(domain::Instant a_start, domain::Instant a_end, const domain::Interval& period) {
  return a_start <= period.end && period.start <= a_end;
}

// The maintenance that could take something down in `period`: its booked
// span, its extension and its actual start and finish, running ones until
// `now`. The domain decides what of it counts.
std::vector<domain::Maintenance> maintenance_near(const std::vector<domain::Maintenance>& all,
                                                  const domain::Interval& period,
                                                  domain::Instant now) {
  std::vector<domain::Maintenance> out;
  for (const auto& m : all) {
    domain::Instant start = std::min(m.booked.start, m.started_at.value_or(m.booked.start));
    domain::Instant end = std::max(m.end, m.finished_at.value_or(m.end));
    if (m.open()) {
      end = std::max(end, now);
    }
    if (near(start, end, period)) {
      out.push_back(m);
    }
  }
  return out;
}

std::vector<domain::Outage> outages_near(std::span<const domain::Outage> all,
                                         const domain::Interval& period, domain::Instant now) {
  std::vector<domain::Outage> out;
  for (const auto& outage : all) {
    const auto span = outage.span(now);
    if (near(span.start, span.end, period)) {
      out.push_back(outage);
    }
  }
  return out;
}

int months_between(date::year_month first, date::year_month last) {
  return static_cast<int>((last - first).count());
}

} // namespace

std::vector<std::string> reported_services(const Snapshot& snapshot) {
  std::set<std::string> names(snapshot.policy.availability.services.begin(),
                              snapshot.policy.availability.services.end());
  for (auto& service : snapshot.outages.services()) {
    names.insert(std::move(service));
  }
  for (const auto& maintenance : snapshot.maintenances) {
    names.insert(maintenance.services.begin(), maintenance.services.end());
  }
  return {names.begin(), names.end()};
}

std::vector<formats::ReportView> availability_reports(const Snapshot& snapshot,
                                                      const AvailabilityRequest& request,
                                                      domain::Instant now) {
  const auto& rules = snapshot.policy.availability;
  const std::string zone = rules.reporting_zone.name();
  const std::string formula = formats::formula_name(rules.formula);
  std::vector<formats::ReportView> views;
  const int months = months_between(request.first, request.last) + 1;
  views.reserve(request.services.size() * static_cast<std::size_t>(std::max(months, 0)));
  // Months outer: the maintenance near a month is shared by every service.
  std::vector<std::vector<formats::ReportView>> by_month;
  for (auto month = request.first; month <= request.last; month += date::months{1}) {
    const auto period = domain::month_interval(month, rules.reporting_zone);
    const auto maintenances = maintenance_near(snapshot.maintenances, period, now);
    std::vector<formats::ReportView> reports;
    reports.reserve(request.services.size());
    for (const auto& service : request.services) {
      // Only what touches the month: the domain looks at every outage it is
      // given, and a service may have years of them.
      const auto outages = outages_near(snapshot.outages.of_service(service), period, now);
      const domain::AvailabilityInputs inputs{snapshot.policy, snapshot.regions, outages,
                                              maintenances, now};
      reports.push_back(
          {domain::compute_availability({service, request.region, month}, inputs), zone, formula});
    }
    by_month.push_back(std::move(reports));
  }
  for (std::size_t s = 0; s < request.services.size(); ++s) {
    for (auto& reports : by_month) {
      views.push_back(std::move(reports[s]));
    }
  }
  return views;
}

std::vector<formats::ReportView> current_month_reports(const Snapshot& snapshot,
                                                       domain::Instant now) {
  const auto month = domain::month_of(now, snapshot.policy.availability.reporting_zone);
  return availability_reports(snapshot, {reported_services(snapshot), std::nullopt, month, month},
                              now);
}

} // namespace slate::app
