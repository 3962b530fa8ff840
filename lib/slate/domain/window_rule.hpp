#pragma once

#include <slate/domain/occurrence.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/weekday_set.hpp>
#include <slate/domain/zone.hpp>

#include <optional>
#include <vector>

namespace slate::domain {

// A recurring wall-clock interval: on each of `days`, from `local_start` to
// `local_end` (times of day) in `zone`. An end at or before the start
// crosses midnight into the next day. The rule may be limited to local dates
// from `first_day` to `last_day`, both inclusive.
class WindowRule {
public:
  struct Spec {
    Zone zone = Zone::utc();
    WeekdaySet days;
    Seconds local_start{0}; // since local midnight, in [0, 24h)
    Seconds local_end{0};   // since local midnight, in [0, 24h)
    std::optional<LocalDate> first_day;
    std::optional<LocalDate> last_day;
  };

  // Return the rule, or every problem with `spec` (no days, times outside a
  // day, last day before first day).
  static Result<WindowRule> make(Spec spec);

  const Zone& zone() const { return m_spec.zone; }
  const WeekdaySet& days() const { return m_spec.days; }
  Seconds local_start() const { return m_spec.local_start; }
  Seconds local_end() const { return m_spec.local_end; }
  const std::optional<LocalDate>& first_day() const { return m_spec.first_day; }
  const std::optional<LocalDate>& last_day() const { return m_spec.last_day; }
  bool crosses_midnight() const { return m_spec.local_end <= m_spec.local_start; }

  // Return the length of an occurrence on a day without a DST change.
  Seconds nominal_length() const;

  // Return the occurrence of this rule on local date `day`, or std::nullopt
  // if the rule has none that day.
  std::optional<Occurrence> occurrence_on(LocalDate day) const;

  // Return every occurrence that overlaps `range`, in order of start.
  std::vector<Occurrence> occurrences(const Interval& range) const;

  // Return the first occurrence that starts at or after `from` and before
  // `horizon`, or std::nullopt if there is none.
  std::optional<Occurrence> next_starting(Instant from, Instant horizon) const;

private:
  explicit WindowRule(Spec spec) : m_spec(std::move(spec)) {}
  Spec m_spec;
};

} // namespace slate::domain
