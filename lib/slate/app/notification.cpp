#include <slate/app/notification.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/domain/time_text.hpp>

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

// "Tue 08 Jan 01:00-01:30 EST", or both ends in full when the day or the
// abbreviation changes between them.
std::string local_range(const domain::Interval& span, const domain::Zone& zone) {
  const auto start = zone.to_local(span.start);
  const auto end = zone.to_local(span.end);
  const bool same_day = date::floor<date::days>(start.local) == date::floor<date::days>(end.local);
  if (same_day && start.abbreviation == end.abbreviation) {
    return date::format("%a %d %b %R", start.local) + "-" + date::format("%R", end.local) + " " +
           end.abbreviation;
  }
  return date::format("%a %d %b %R ", start.local) + start.abbreviation + " - " +
         date::format("%a %d %b %R ", end.local) + end.abbreviation;
}

std::string utc_range(const domain::Interval& span) {
  const bool same_day = date::floor<date::days>(span.start) == date::floor<date::days>(span.end);
  return date::format("%F %R", span.start) + "-" +
         date::format(same_day ? "%R" : "%F %R", span.end) + " UTC";
}

std::string times(const Maintenance& m, const Snapshot& snapshot) {
  const auto view = view_of(m, snapshot);
  const auto span = m.span();
  std::string text = utc_range(span) + " (";
  std::string_view separator;
  for (const auto& clock : view.clocks) {
    text += std::string(separator) + clock.region + ": " + local_range(span, clock.zone);
    separator = "; ";
  }
  text += std::string(separator) + snapshot.home_zone.name() + ": " +
          local_range(span, snapshot.home_zone) + ")";
  return text;
}

std::string regions_text(const Maintenance& m) {
  std::string text;
  for (const auto& region : m.regions) {
    text += (text.empty() ? "" : ", ") + region;
  }
  return text;
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

std::string notification_message(const DueNotification& notification, const Maintenance& m,
                                 const Snapshot& snapshot) {
  const std::string kind =
      m.kind == MaintenanceKind::emergency ? "Emergency maintenance" : "Scheduled maintenance";
  const std::string what =
      " '" + m.title + "' (" + std::to_string(m.id) + ") in " + regions_text(m);
  const std::string when = times(m, snapshot);
  switch (notification.phase) {
  case NotificationPhase::announced:
    return kind + what + " is announced for " + when + ".";
  case NotificationPhase::emergency:
    return kind + what + " is declared for " + when + ".";
  case NotificationPhase::reminder:
    return "Reminder: " + kind + what + " starts in " +
           domain::length_text(domain::Seconds{notification.variant}) + ", " + when + ".";
  case NotificationPhase::started:
    return kind + what + " has started: " + when + ".";
  case NotificationPhase::extended:
    return kind + what + " is extended, now " + when + ".";
  case NotificationPhase::overrun:
    return kind + what + " is overrunning: it was due to end, " + when +
           ", and is still in progress.";
  case NotificationPhase::completed:
    return kind + what + " is completed: " + when + ".";
  case NotificationPhase::cancelled:
    return kind + what + " is cancelled; it was planned for " + when + ".";
  }
  return kind + what + ": " + when + ".";
}

} // namespace slate::app
