#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/zone.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::formats {

// How one zone's wall clock reads at both ends of an occurrence.
struct LocalSpan {
  std::string zone;
  domain::LocalReading start;
  domain::LocalReading end;
};

// One occurrence of a window as the API shows it.
struct OccurrenceView {
  std::string window_uid;
  std::string summary;
  domain::Interval interval;
  // In the window's own zone.
  LocalSpan local;
  // In the zone the client asked to see as well (`tz=`), if any.
  std::optional<LocalSpan> shown_in;
};

// A value the server chose for a parameter the client left out, e.g.
// {"to", "from + 30 days"}: responses say so instead of guessing silently.
struct DefaultApplied {
  std::string parameter;
  std::string value;
};

// The answer to "which windows of a region overlap [from, to)".
struct WindowListing {
  std::string region;
  domain::Interval range;
  std::vector<DefaultApplied> defaults;
  std::vector<OccurrenceView> windows;
};

// The answer to "which window of a region starts next".
struct NextWindow {
  std::string region;
  domain::Instant after;
  domain::Instant horizon;
  std::vector<DefaultApplied> defaults;
  std::optional<OccurrenceView> window;
  // Why `window` is empty; unused when there is one.
  std::string reason;
};

// Return {"region", "from", "to", "defaults_applied": {param: how},
// "count", "windows": [occurrence...]}. An occurrence is {"window" (uid),
// "summary", "start", "end" (UTC, "...Z"), "duration_seconds", "zone",
// "local_start", "local_end" (with their offsets, "...-05:00"),
// "start_abbreviation", "end_abbreviation"} plus, when a tz was asked for,
// "tz": {"zone", "local_start", "local_end", "start_abbreviation",
// "end_abbreviation"}.
std::string render_window_listing(const WindowListing& listing);

// Return {"region", "after", "horizon", "defaults_applied", "window":
// occurrence or null} with "reason" added when "window" is null.
std::string render_next_window(const NextWindow& next);

} // namespace slate::formats
