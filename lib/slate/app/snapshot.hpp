#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/policy.hpp>
#include <slate/domain/region.hpp>
#include <slate/domain/zone.hpp>

#include <cstdint>
#include <memory>
#include <vector>

namespace slate::app {

// Everything a reader needs, immutable once published. Readers hold a
// shared_ptr to one snapshot; a reload or a write publishes a new one with
// a higher `version`, which is also the ETag of what is rendered from it.
struct Snapshot {
  std::uint64_t version = 0;
  domain::Zone home_zone = domain::Zone::utc();
  std::vector<domain::Region> regions;
  domain::Policy policy;
  std::vector<domain::Maintenance> maintenances; // by id
  std::vector<domain::Blackout> blackouts;       // by id

  const domain::Maintenance* find_maintenance(std::int64_t id) const;
  const domain::Blackout* find_blackout(std::int64_t id) const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

} // namespace slate::app
