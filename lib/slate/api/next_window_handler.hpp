#pragma once

#include <slate/api/handler.hpp>
#include <slate/domain/instant.hpp>

namespace slate::api {

// GET /v1/windows/next?region=R&duration=PT1H30M[&after=T] (or
// regions=EU,UK for work that must hit several regions at once): the slot
// finder. The earliest start at or after `after` and past every region's
// notice where the work fits inside one allowed window occurrence of each
// region, clear of blackouts and booked maintenance; or null with the
// reason. See formats::render_slot_listing.
//
// Without `duration` and `regions`:
// GET /v1/windows/next?region=R[&after=T][&tz=Z]: the first occurrence of
// any of the region's windows that starts at or after `after` (default now)
// and within a year of it. When there is none the answer is still 200, with
// "window": null and a "reason": asking is not an error, and no window is an
// answer (see formats::render_next_window for the document).
class NextWindowHandler final : public Handler {
public:
  // How far ahead of `after` to look; a leap year's length, so that a window
  // held once a year is always found.
  static constexpr date::days k_horizon{366};

  // Return 200 with the next occurrence or null, or 400 naming the field at
  // fault: unknown or missing region, unparseable time, a zone that is
  // unknown or an abbreviation, an unknown or repeated parameter.
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
