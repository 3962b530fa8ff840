#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/matcher.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace slate::domain {

enum class AlertStatus { firing, resolved };

std::string_view to_string(AlertStatus status);

// One alert as Alertmanager's webhook notification carries it.
struct Alert {
  AlertStatus status = AlertStatus::firing;
  Labels labels;
  Labels annotations;
  Instant starts_at;
  // When a resolved alert ended. None for Go's zero time
  // (0001-01-01T00:00:00Z), which Alertmanager sends while an alert fires;
  // a firing alert's endsAt, if another sender gives one, ends nothing.
  std::optional<Instant> ends_at;
  std::string generator_url;
  // Alertmanager's hash of the labels: the same alert in every repeat.
  std::string fingerprint;

  friend bool operator==(const Alert&, const Alert&) = default;
};

} // namespace slate::domain
