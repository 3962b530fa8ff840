#pragma once

#include <slate/domain/interval.hpp>

namespace slate::domain {

// One concrete instance of a window rule.
struct Occurrence {
  // The exact UTC instants, after docs/domain.md's gap and fold rules.
  Interval interval;
  // The local date the occurrence starts on by its rule (its "day").
  LocalDate day;
  // The wall-clock start and end the rule names for that day, before any gap
  // adjustment: what a calendar file's DTSTART/DTEND say.
  LocalTime nominal_local_start;
  LocalTime nominal_local_end;

  friend bool operator==(const Occurrence&, const Occurrence&) = default;
};

} // namespace slate::domain
