#include <slate/domain/maintenance.hpp>

namespace slate::domain {

std::string_view to_string(MaintenanceKind kind) {
  return kind == MaintenanceKind::scheduled ? "scheduled" : "emergency";
}

std::string_view to_string(MaintenanceState state) {
  switch (state) {
  case MaintenanceState::planned:
    return "planned";
  case MaintenanceState::in_progress:
    return "in_progress";
  case MaintenanceState::completed:
    return "completed";
  case MaintenanceState::cancelled:
    return "cancelled";
  }
  return "planned";
}

std::optional<MaintenanceKind> parse_maintenance_kind(std::string_view text) {
  for (auto kind : {MaintenanceKind::scheduled, MaintenanceKind::emergency}) {
    if (to_string(kind) == text) {
      return kind;
    }
  }
  return std::nullopt;
}

std::optional<MaintenanceState> parse_maintenance_state(std::string_view text) {
  for (auto state : {MaintenanceState::planned, MaintenanceState::in_progress,
                     MaintenanceState::completed, MaintenanceState::cancelled}) {
    if (to_string(state) == text) {
      return state;
    }
  }
  return std::nullopt;
}

} // namespace slate::domain
