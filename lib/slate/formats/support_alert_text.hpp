#pragma once

#include <slate/domain/support_clock.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// What a webhook tells a subscriber about a support clock's warning or
// breach.
struct SupportAlertDocument {
  domain::SupportAlert alert;
  std::string title;          // the ticket's title
  int warn_at_percent = 0;    // the policy's share, for the warning's text
  domain::Instant created_at; // when slated queued it
};

// Return the alert's event type: "support.warning" or "support.breach".
std::string support_alert_event(domain::AlertKind kind);

// Return the message people read, rendered from the shipped template
// etc/templates/support_<warning|breach>.mustache (embedded at build time):
// variables ticket, title, kind, severity, plan, target, percent, due_at
// (UTC) and due_local (on the clock's calendar, with its offset).
std::string support_alert_message(const SupportAlertDocument& document);

// Return the text of the built-in template for `kind`.
std::string_view support_alert_template(domain::AlertKind kind);

// Return the JSON webhook body: {"event_id", "event", "ticket", "title",
// "kind", "severity", "plan", "target", "due_at", "due_local", "at"
// (when the warning or breach happened), "created_at", "message"}.
std::string render_support_alert_json(const SupportAlertDocument& document);

// Return a body Slack's (and Mattermost's) incoming webhooks accept:
// {"text": message}.
std::string render_support_alert_slack(const SupportAlertDocument& document);

} // namespace slate::formats
