#pragma once

#include <slate/domain/interval.hpp>

#include <initializer_list>
#include <vector>

namespace slate::domain {

// A set of instants kept as sorted, disjoint, non-touching, non-empty
// half-open intervals. Adding [1,2) and [2,3) gives [1,3).
class IntervalSet {
public:
  IntervalSet() = default;
  IntervalSet(std::initializer_list<Interval> intervals);
  explicit IntervalSet(const std::vector<Interval>& intervals);

  // Add `interval` (ignored if empty), merging with what it overlaps or touches.
  void add(const Interval& interval);

  IntervalSet unite(const IntervalSet& other) const;
  IntervalSet intersect(const IntervalSet& other) const;
  IntervalSet subtract(const IntervalSet& other) const;
  // Return the part of this set inside `range`.
  IntervalSet clip(const Interval& range) const;

  // Return the total length of the set, in seconds.
  Seconds length() const;
  bool empty() const { return m_intervals.empty(); }
  bool contains(Instant t) const;
  // True if `interval` lies wholly inside one interval of the set.
  bool contains(const Interval& interval) const;
  bool overlaps(const Interval& interval) const;

  const std::vector<Interval>& intervals() const { return m_intervals; }

  friend bool operator==(const IntervalSet&, const IntervalSet&) = default;

private:
  std::vector<Interval> m_intervals;
};

} // namespace slate::domain
