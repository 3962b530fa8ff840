#pragma once

#include <slate/domain/region.hpp>

#include <optional>
#include <vector>

namespace slate::app {

// One occurrence of one of a region's windows. `window` points into the
// region it came from, so it lives as long as the snapshot holding that.
struct WindowOccurrence {
  const domain::Window* window;
  domain::Occurrence occurrence;
};

// Return the occurrences of every contract window of `region` (alternate
// statements are not windows) that overlap `range`, ordered by start, then
// end, then window uid.
std::vector<WindowOccurrence> windows_overlapping(const domain::Region& region,
                                                  const domain::Interval& range);

// Return the first occurrence of any contract window of `region` that starts
// at or after `from` and before `horizon` (ties broken as above), or
// std::nullopt if there is none.
std::optional<WindowOccurrence> next_window(const domain::Region& region, domain::Instant from,
                                            domain::Instant horizon);

} // namespace slate::app
