#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/interval.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// Scheduled maintenance lies inside an allowed window with enough notice and
// is excluded from downtime; emergency maintenance may happen at any time and
// counts as unscheduled downtime.
enum class MaintenanceKind { scheduled, emergency };

// planned -> in_progress -> completed; planned or in_progress -> cancelled.
enum class MaintenanceState { planned, in_progress, completed, cancelled };

std::string_view to_string(MaintenanceKind kind);
std::string_view to_string(MaintenanceState state);
std::optional<MaintenanceKind> parse_maintenance_kind(std::string_view text);
std::optional<MaintenanceState> parse_maintenance_state(std::string_view text);

struct Maintenance {
  std::int64_t id = 0; // assigned by the store; 0 until then
  MaintenanceKind kind = MaintenanceKind::scheduled;
  MaintenanceState state = MaintenanceState::planned;
  std::string title;
  std::string message; // for customers
  std::vector<std::string> regions;
  std::vector<std::string> services;
  Interval booked;      // as accepted: [start, end)
  Instant end;          // current end: booked.end, or later after an extension
  Instant announced_at; // when slated accepted it: the notice counts from here
  std::optional<Instant> started_at;
  std::optional<Instant> finished_at; // when completed or cancelled
  Instant updated_at;
  int sequence = 0;       // raised on every change (iCalendar SEQUENCE)
  std::string created_by; // token name
  // A maintenance that takes nothing down (e.g. a rolling upgrade) is
  // shown and announced but covers no downtime.
  bool disruptive = true;
  bool imported = false; // came from history import, not booked live

  // The interval the maintenance occupies now: from its start to its current end.
  Interval span() const { return Interval{booked.start, end}; }
  bool open() const {
    return state == MaintenanceState::planned || state == MaintenanceState::in_progress;
  }

  friend bool operator==(const Maintenance&, const Maintenance&) = default;
};

} // namespace slate::domain
