#include <slate/app/lifecycle.hpp>

#include <algorithm>
#include <tuple>

namespace slate::app {

using domain::Instant;
using domain::MaintenanceState;

std::string_view to_string(LifecycleAction action) {
  return action == LifecycleAction::start ? "start" : "complete";
}

std::vector<DueTransition> due_transitions(const Snapshot& snapshot, Instant now,
                                           const LifecycleSettings& settings) {
  std::vector<DueTransition> due;
  if (!settings.auto_transitions) {
    return due;
  }
  for (const auto& m : snapshot.maintenances) {
    if (m.imported) {
      continue;
    }
    if (m.state == MaintenanceState::planned && m.booked.start <= now) {
      due.push_back({m.id, LifecycleAction::start, m.booked.start});
    } else if (m.state == MaintenanceState::in_progress && m.end <= now) {
      due.push_back({m.id, LifecycleAction::complete, m.end});
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const DueTransition& a, const DueTransition& b) {
    return std::tie(a.due, a.maintenance_id) < std::tie(b.due, b.maintenance_id);
  });
  return due;
}

std::optional<Instant> next_lifecycle_time(const Snapshot& snapshot, Instant now,
                                           const LifecycleSettings& settings) {
  auto next = next_notification_time(snapshot, now, settings.notifications);
  const auto consider = [&](Instant t) {
    if (t > now && (!next || t < *next)) {
      next = t;
    }
  };
  if (settings.auto_transitions) {
    for (const auto& m : snapshot.maintenances) {
      if (m.imported) {
        continue;
      }
      if (m.state == MaintenanceState::planned) {
        consider(m.booked.start);
      } else if (m.state == MaintenanceState::in_progress) {
        consider(m.end);
      }
    }
  }
  return next;
}

} // namespace slate::app
