#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/domain/instant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::app {

// What a notification tells subscribers about one maintenance.
enum class NotificationPhase {
  announced, // a scheduled maintenance was booked
  emergency, // an emergency maintenance was declared
  reminder,  // a scheduled start is near (at each reminder offset)
  started,   // it is in progress
  extended,  // its end moved later
  overrun,   // it is still in progress after its end
  completed,
  cancelled,
};

std::string_view to_string(NotificationPhase phase);
std::optional<NotificationPhase> parse_notification_phase(std::string_view text);

// One notification that is due. (maintenance_id, phase, variant) names it:
// the same triple is the same notification, however often it is derived.
struct DueNotification {
  std::int64_t maintenance_id = 0;
  NotificationPhase phase = NotificationPhase::announced;
  // For a reminder, its offset before the start in seconds; for extended and
  // overrun, the end (Unix seconds) it is about, so that a second extension
  // is a second notification; otherwise 0.
  std::int64_t variant = 0;
  // When it became due.
  domain::Instant due;

  friend bool operator==(const DueNotification&, const DueNotification&) = default;
};

// Return the id receivers use to drop a repeat, e.g. "maintenance/12/announced",
// "maintenance/12/reminder/86400", "maintenance/12/extended/1893484800".
std::string event_id(const DueNotification& notification);

// Return the event type of `phase` as webhooks name it, e.g. "maintenance.reminder".
std::string event_type(NotificationPhase phase);

// Which notifications are derived, and how far back.
struct NotificationSettings {
  // Offsets before a scheduled start at which a reminder is due, any order.
  std::vector<domain::Seconds> reminders{std::chrono::days{7}, std::chrono::hours{24},
                                         std::chrono::hours{1}};
  // A notification due longer ago than this is not sent any more: after a
  // long stop, subscribers would otherwise be told stale news (and a
  // database from before notifications existed would announce its past).
  domain::Seconds catch_up = std::chrono::days{3};
};

// Return every notification due at `now` for the maintenance of `snapshot`,
// derived from their state alone (so a crash between a change and its
// notification is repaired by deriving again), by maintenance and time. Of
// the reminders of one maintenance only the latest that has passed is due,
// and only while it is planned, after its announcement and before its
// start: after a stop that missed the 7-day reminder and the 24-hour one, the
// 24-hour one is sent, not both. Imported maintenances have none.
std::vector<DueNotification> due_notifications(const Snapshot& snapshot, domain::Instant now,
                                               const NotificationSettings& settings);

// Return the earliest instant after `now` at which due_notifications may
// return a notification that it does not return at `now` only because of
// time (a reminder, an overrun), or std::nullopt if there is none.
std::optional<domain::Instant> next_notification_time(const Snapshot& snapshot, domain::Instant now,
                                                      const NotificationSettings& settings);

} // namespace slate::app
