#pragma once

#include <slate/domain/booking_rules.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

struct SlotQuery {
  std::vector<std::string> regions; // ids; the work must hit all at once
  Seconds duration{0};
  Instant after;   // earliest start the operator wants
  Instant horizon; // no slot starts at or after this
};

// Where a slot lies for one region: the window occurrence that holds it.
struct SlotPart {
  const Region* region = nullptr;
  Occurrence occurrence;
};

struct Slot {
  Interval span;
  std::vector<SlotPart> parts; // one per region, in the query's order
};

// The earliest slot, or why there is none.
struct SlotAnswer {
  std::optional<Slot> slot;
  std::string reason; // set when there is no slot
};

// Return the earliest `duration`-long interval starting at or after both
// `after` and the end of every region's notice (counted from context.now),
// that lies inside one allowed window occurrence of each region and clear
// of their blackouts and (unless overlap is allowed) their open maintenance.
// Unknown regions are the caller's to refuse; they give no slot.
SlotAnswer find_slot(const SlotQuery& query, const BookingContext& context);

} // namespace slate::domain
