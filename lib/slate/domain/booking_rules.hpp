#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/policy.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/region.hpp>

#include <cstdint>
#include <string>
#include <vector>

namespace slate::domain {

// Everything the rules look at besides the request itself.
struct BookingContext {
  Instant now;
  const Policy& policy;
  const std::vector<Region>& regions;
  const std::vector<Blackout>& blackouts;
  const std::vector<Maintenance>& maintenances;
  // A maintenance to leave out of the overlap check (the one being changed).
  std::int64_t ignore_id = 0;
};

// A maintenance as proposed: its kind, regions (ids as the client wrote
// them, any case) and the interval it would occupy.
struct Booking {
  MaintenanceKind kind = MaintenanceKind::scheduled;
  std::vector<std::string> regions;
  Interval span;
  // When the notice counts from; normally `now`.
  Instant announced_at;
};

// Return every rule `booking` breaks, each naming the rule's code, the
// field, the times in UTC and the region's local time, and what would be
// allowed. Emergency maintenance is only checked for its regions.
Problems check_booking(const Booking& booking, const BookingContext& context);

// Return the regions of `booking`, in its order, or nullptr for each unknown.
std::vector<const Region*> resolve_regions(const std::vector<std::string>& ids,
                                           const std::vector<Region>& regions);

// Return the occurrences of the windows of `region` that `policy` allows,
// overlapping `range`, in order of start.
std::vector<Occurrence> allowed_occurrences(const Region& region, const RegionPolicy& policy,
                                            const Interval& range);

// Return the intervals `region` may not be booked in, overlapping `range`:
// its blackouts and, unless the policy allows overlap, its open maintenance
// (except `ignore_id`).
std::vector<Interval> blocked_intervals(const Region& region, const BookingContext& context,
                                        const Interval& range);

} // namespace slate::domain
