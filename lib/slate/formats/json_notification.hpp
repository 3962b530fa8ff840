#pragma once

#include <slate/domain/instant.hpp>
#include <slate/formats/json_maintenance.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace slate::formats {

// What a webhook tells a subscriber about one maintenance.
struct NotificationDocument {
  std::string event_id;   // the same on every retry; receivers drop repeats by it
  std::string event_type; // e.g. "maintenance.reminder"
  std::string phase;      // e.g. "reminder"
  // For a reminder: how long before the start it is due.
  std::optional<domain::Seconds> reminder_offset;
  domain::Instant due_at;     // when it became due
  domain::Instant created_at; // when slated queued it
  std::string message;        // one sentence for people
  MaintenanceView maintenance;
};

// Return the JSON webhook body: {"event_id", "event", "phase",
// "reminder_offset_seconds" (null unless a reminder), "due_at",
// "created_at", "message", "maintenance": maintenance_json}.
std::string render_notification_json(const NotificationDocument& document);

// Return a body that Slack's (and Mattermost's) incoming webhooks accept:
// {"text": message, "blocks": [a section with the message, a context line
// with the event id]}.
std::string render_notification_slack(const NotificationDocument& document);

} // namespace slate::formats
