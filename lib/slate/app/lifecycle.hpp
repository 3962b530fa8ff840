#pragma once

#include <slate/app/notification.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/domain/instant.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace slate::app {

// How the daemon moves maintenance through its phases on its own.
struct LifecycleSettings {
  // Start a planned maintenance at its start and complete one in progress at
  // its end, unless an operator did first. Off: operators do both, and a
  // maintenance still in progress after its end is flagged as overrunning.
  bool auto_transitions = true;
  NotificationSettings notifications;
};

// A change of state the clock asks for.
enum class LifecycleAction { start, complete };

std::string_view to_string(LifecycleAction action);

struct DueTransition {
  std::int64_t maintenance_id = 0;
  LifecycleAction action = LifecycleAction::start;
  domain::Instant due; // the booked start, or the current end

  friend bool operator==(const DueTransition&, const DueTransition&) = default;
};

// Return the transitions due at `now` in `snapshot`, by time: start for a
// planned maintenance whose start has come, complete for one in progress
// whose end has come. Derived from state alone, so a transition that was
// made is never due again, and one missed while the daemon was stopped is
// due at once. A planned maintenance whose whole span passed is only
// started here; it is due to complete once started. Empty when
// `settings.auto_transitions` is off; imported maintenances have none.
std::vector<DueTransition> due_transitions(const Snapshot& snapshot, domain::Instant now,
                                           const LifecycleSettings& settings);

// Return the earliest instant after `now` at which a transition or a
// notification becomes due without anything else changing, or
// std::nullopt if nothing will.
std::optional<domain::Instant> next_lifecycle_time(const Snapshot& snapshot, domain::Instant now,
                                                   const LifecycleSettings& settings);

} // namespace slate::app
