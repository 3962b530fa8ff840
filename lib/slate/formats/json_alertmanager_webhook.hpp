#pragma once

#include <slate/domain/alert.hpp>
#include <slate/domain/problem.hpp>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slate::formats {

// An alert of a notification that could not be read, and why.
struct RejectedAlert {
  std::size_t index = 0;   // in the notification's "alerts"
  std::string fingerprint; // "" if it had none
  domain::Problems problems;
};

// An Alertmanager webhook notification (payload version 4).
struct AlertmanagerNotification {
  std::string version; // "4"
  std::string group_key;
  std::string status; // "firing" or "resolved"
  std::string receiver;
  domain::Labels group_labels;
  domain::Labels common_labels;
  domain::Labels common_annotations;
  std::string external_url;
  std::int64_t truncated_alerts = 0; // alerts left out by the receiver's max_alerts
  std::vector<domain::Alert> alerts;
  // Alerts that could not be read; the others are still good.
  std::vector<RejectedAlert> rejected;
};

// The longest label or annotation value read; longer ones reject the alert
// (slated matches label values with std::regex, whose recursion grows with
// the text).
inline constexpr std::size_t k_max_label_value = 4096;

// Return the notification in `body`, or the problems that make it no
// version 4 payload at all: not a JSON object ("malformed_json"), a
// version other than "4" ("version_unsupported"), no "alerts" list, or a
// top-level member of the wrong type ("invalid_field", "missing_field").
// The daemon answers 400 only then.
//
// Each alert needs "status" ("firing" or "resolved"), "labels" (strings),
// "startsAt" (RFC 3339, fractions cut to the second) and "fingerprint";
// "annotations", "endsAt" and "generatorURL" may be absent. The endsAt
// Alertmanager sends for a firing alert, Go's zero time
// "0001-01-01T00:00:00Z", reads as no end. An alert that breaks these
// rules goes to `rejected` with its problems, named after it
// ("alerts[2].startsAt"); unknown members are ignored.
domain::Result<AlertmanagerNotification> parse_alertmanager_notification(std::string_view body);

} // namespace slate::formats
