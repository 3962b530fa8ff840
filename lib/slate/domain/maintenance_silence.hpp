#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/silence_plan.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// Where slated's record of one silence of a maintenance stands.
enum class SilenceStatus {
  queued,              // a change is in the outbox, not yet acknowledged
  pending,             // Alertmanager holds it, not started yet
  active,              // Alertmanager holds it and it silences
  expired,             // expired (by slated, or it reached its end)
  expired_by_operator, // an operator expired it early: recorded, not undone
  failed,              // slated gave up (its end passed while Alertmanager was unreachable)
};

std::string_view to_string(SilenceStatus status);
std::optional<SilenceStatus> parse_silence_status(std::string_view text);

// One silence slated keeps for a maintenance (see silence_plan.hpp): the
// whole desired state last queued, and what Alertmanager last said of it.
struct MaintenanceSilence {
  std::string tag; // names it: unique per maintenance, region and service
  std::int64_t maintenance_id = 0;
  DesiredSilence desired;
  std::string silence_id;   // Alertmanager's id; "" until one answered
  std::string alertmanager; // the URL that answered last; "" until one did
  SilenceStatus status = SilenceStatus::queued;
  Instant updated_at;

  friend bool operator==(const MaintenanceSilence&, const MaintenanceSilence&) = default;
};

// Return the silences of maintenance `id` among `silences`, in their order.
std::vector<MaintenanceSilence> silences_of(const std::vector<MaintenanceSilence>& silences,
                                            std::int64_t id);

} // namespace slate::domain
