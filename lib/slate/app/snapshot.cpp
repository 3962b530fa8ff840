#include <slate/app/snapshot.hpp>

#include <algorithm>

namespace slate::app {

const domain::Maintenance* Snapshot::find_maintenance(std::int64_t id) const {
  const auto found = std::lower_bound(
      maintenances.begin(), maintenances.end(), id,
      [](const domain::Maintenance& m, std::int64_t value) { return m.id < value; });
  return found != maintenances.end() && found->id == id ? &*found : nullptr;
}

const domain::Blackout* Snapshot::find_blackout(std::int64_t id) const {
  const auto found =
      std::lower_bound(blackouts.begin(), blackouts.end(), id,
                       [](const domain::Blackout& b, std::int64_t value) { return b.id < value; });
  return found != blackouts.end() && found->id == id ? &*found : nullptr;
}

} // namespace slate::app
