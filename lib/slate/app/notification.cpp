#include <slate/app/notification.hpp>

#include <algorithm>
#include <array>
#include <tuple>
#include <utility>

namespace slate::app {
namespace {

using domain::Instant;
using domain::Maintenance;
using domain::MaintenanceKind;
using domain::MaintenanceState;

constexpr std::array<std::pair<NotificationPhase, std::string_view>, 8> k_phases{{
    {NotificationPhase::announced, "announced"},
    {NotificationPhase::emergency, "emergency"},
    {NotificationPhase::reminder, "reminder"},
    {NotificationPhase::started, "started"},
    {NotificationPhase::extended, "extended"},
    {NotificationPhase::overrun, "overrun"},
    {NotificationPhase::completed, "completed"},
    {NotificationPhase::cancelled, "cancelled"},
}};

std::int64_t unix_seconds(Instant t) {
  return static_cast<std::int64_t>(t.time_since_epoch().count());
}

// Smallest first: the first offset that has passed is the latest reminder.
std::vector<domain::Seconds> ascending(std::vector<domain::Seconds> offsets) {
  std::sort(offsets.begin(), offsets.end());
  offsets.erase(std::unique(offsets.begin(), offsets.end()), offsets.end());
  return offsets;
}

bool has_reminders(const Maintenance& m) {
  return !m.imported && m.kind == MaintenanceKind::scheduled &&
         m.state == MaintenanceState::planned;
}

// A reminder at `due` is worth sending only between the announcement (which
// already told everything a reminder would) and the start.
bool reminder_fits(const Maintenance& m, Instant due) {
  return due > m.announced_at && due < m.booked.start;
}

void derive(const Maintenance& m, Instant now, const std::vector<domain::Seconds>& offsets,
            std::vector<DueNotification>& out) {
  const auto add = [&](NotificationPhase phase, std::int64_t variant, Instant due) {
    out.push_back({m.id, phase, variant, due});
  };
  add(m.kind == MaintenanceKind::emergency ? NotificationPhase::emergency
                                           : NotificationPhase::announced,
      0, m.announced_at);
  if (has_reminders(m) && now < m.booked.start) {
    for (const auto offset : offsets) {
      const Instant due = m.booked.start - offset;
      if (due <= now) {
        if (reminder_fits(m, due)) {
          add(NotificationPhase::reminder, offset.count(), due);
        }
        break;
      }
    }
  }
  if (m.started_at &&
      (m.state == MaintenanceState::in_progress || m.state == MaintenanceState::completed)) {
    add(NotificationPhase::started, 0, *m.started_at);
  }
  if (m.end > m.booked.end) {
    add(NotificationPhase::extended, unix_seconds(m.end), m.updated_at);
  }
  if (m.state == MaintenanceState::in_progress && m.end <= now) {
    add(NotificationPhase::overrun, unix_seconds(m.end), m.end);
  }
  if (m.state == MaintenanceState::completed) {
    add(NotificationPhase::completed, 0, m.finished_at.value_or(m.updated_at));
  }
  if (m.state == MaintenanceState::cancelled) {
    add(NotificationPhase::cancelled, 0, m.finished_at.value_or(m.updated_at));
  }
}

} // namespace

std::string_view to_string(NotificationPhase phase) {
  for (const auto& [value, name] : k_phases) {
    if (value == phase) {
      return name;
    }
  }
  return "unknown";
}

std::optional<NotificationPhase> parse_notification_phase(std::string_view text) {
  for (const auto& [value, name] : k_phases) {
    if (name == text) {
      return value;
    }
  }
  return std::nullopt;
}

std::string event_id(const DueNotification& notification) {
  std::string id = "maintenance/" + std::to_string(notification.maintenance_id) + "/" +
                   std::string(to_string(notification.phase));
  switch (notification.phase) {
  case NotificationPhase::reminder:
  case NotificationPhase::extended:
  case NotificationPhase::overrun:
    id += "/" + std::to_string(notification.variant);
    break;
  default:
    break;
  }
  return id;
}

std::string event_type(NotificationPhase phase) {
  return "maintenance." + std::string(to_string(phase));
}

std::vector<DueNotification> due_notifications(const Snapshot& snapshot, Instant now,
                                               const NotificationSettings& settings) {
  const auto offsets = ascending(settings.reminders);
  std::vector<DueNotification> all;
  for (const auto& m : snapshot.maintenances) {
    if (!m.imported) {
      derive(m, now, offsets, all);
    }
  }
  std::vector<DueNotification> due;
  for (auto& notification : all) {
    if (notification.due <= now && now - notification.due <= settings.catch_up) {
      due.push_back(notification);
    }
  }
  std::stable_sort(due.begin(), due.end(), [](const DueNotification& a, const DueNotification& b) {
    return std::tie(a.due, a.maintenance_id, a.phase) < std::tie(b.due, b.maintenance_id, b.phase);
  });
  return due;
}

std::optional<Instant> next_notification_time(const Snapshot& snapshot, Instant now,
                                              const NotificationSettings& settings) {
  std::optional<Instant> next;
  const auto consider = [&](Instant t) {
    if (t > now && (!next || t < *next)) {
      next = t;
    }
  };
  for (const auto& m : snapshot.maintenances) {
    if (has_reminders(m)) {
      for (const auto offset : settings.reminders) {
        const Instant due = m.booked.start - offset;
        if (reminder_fits(m, due)) {
          consider(due);
        }
      }
    }
    if (!m.imported && m.state == MaintenanceState::in_progress) {
      consider(m.end);
    }
  }
  return next;
}

} // namespace slate::app
