#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/window_rule.hpp>

#include <cstddef>
#include <vector>

namespace slate::domain {

// A run of consecutive occurrences of a window over which another statement
// of it (say, the same window written in IST) gives other instants: it
// starts `start_difference` and ends `end_difference` after the contract
// (negative: before). Days are the contract's local days.
struct FormDisagreement {
  LocalDate first_day;
  LocalDate last_day;
  std::size_t occurrences = 0;
  Seconds start_difference{0};
  Seconds end_difference{0};
  // The other statement has no occurrence within half a week of these.
  bool missing = false;
};

// Compare every occurrence of `contract` that starts in `range` with the
// nearest occurrence of `alternate`, and return the runs where they differ,
// in order. Consecutive occurrences with the same differences form one run.
std::vector<FormDisagreement> compare_forms(const WindowRule& contract, const WindowRule& alternate,
                                            const Interval& range);

// An occurrence that a DST gap or fold makes shorter or longer than the
// rule's nominal length; a `length` of zero means the gap swallowed it
// whole (its start moved past its end).
struct IrregularOccurrence {
  LocalDate day;
  Interval interval; // empty when swallowed
  Seconds length{0};
  Seconds nominal_length{0};
};

// Return the occurrences of `rule` on local days whose start falls in
// `range` that are not of the nominal length, in order.
std::vector<IrregularOccurrence> irregular_occurrences(const WindowRule& rule,
                                                       const Interval& range);

} // namespace slate::domain
