#include <slate/app/maintenance_view.hpp>

#include <slate/domain/booking_rules.hpp>
#include <slate/domain/interval_set.hpp>

namespace slate::app {

formats::MaintenanceView view_of(const domain::Maintenance& maintenance, const Snapshot& snapshot) {
  formats::MaintenanceView view{
      maintenance, {}, domain::Seconds{0}, domain::silences_of(snapshot.silences, maintenance.id)};
  for (const auto& id : maintenance.regions) {
    const auto* region = domain::find_region(snapshot.regions, id);
    if (region == nullptr || region->windows.empty()) {
      continue; // a region removed from the calendars since: shown without a clock
    }
    view.clocks.push_back({region->id, region->windows.front().rule.zone()});
    if (maintenance.kind != domain::MaintenanceKind::scheduled) {
      continue;
    }
    const auto span = maintenance.span();
    const auto occurrences =
        domain::allowed_occurrences(*region, snapshot.policy.for_region(region->id), span);
    domain::IntervalSet inside;
    for (const auto& occurrence : occurrences) {
      inside.add(occurrence.interval);
    }
    const auto outside = domain::IntervalSet{span}.subtract(inside).length();
    view.overrun = std::max(view.overrun, outside);
  }
  return view;
}

std::string maintenance_text(const domain::Maintenance& maintenance, const Snapshot& snapshot) {
  return formats::to_json_text(formats::maintenance_json(view_of(maintenance, snapshot)));
}

} // namespace slate::app
