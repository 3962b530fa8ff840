#pragma once

#include <slate/domain/slot_finder.hpp>
#include <slate/formats/json_windows.hpp>

#include <string>
#include <vector>

namespace slate::formats {

// The answer to "when is the earliest slot I may still use?".
struct SlotListing {
  std::vector<std::string> regions;
  domain::Seconds duration{0};
  domain::Instant after;
  domain::Instant earliest_start; // after, or later if the notice says so
  domain::Instant horizon;
  std::vector<DefaultApplied> defaults;
  const domain::SlotAnswer* answer = nullptr;
};

// {"regions", "duration" (ISO 8601), "duration_seconds", "after",
// "earliest_start", "horizon", "defaults_applied", "slot": {"start", "end",
// "regions": [{"region", "zone", "local_start", "local_end",
// "start_abbreviation", "end_abbreviation", "window": {"start", "end"}}]}
// or null with "reason"}.
std::string render_slot_listing(const SlotListing& listing);

} // namespace slate::formats
