#pragma once

#include <slate/domain/instant.hpp>

#include <algorithm>

namespace slate::domain {

// A half-open UTC interval [start, end). An interval whose end is not after
// its start is empty; two intervals that only touch do not overlap.
struct Interval {
  Instant start;
  Instant end;

  bool empty() const { return end <= start; }
  Seconds length() const { return empty() ? Seconds{0} : end - start; }
  bool contains(Instant t) const { return start <= t && t < end; }
  // True if `other` lies wholly inside this interval (an empty one always does).
  bool contains(const Interval& other) const {
    return other.empty() || (start <= other.start && other.end <= end);
  }
  bool overlaps(const Interval& other) const {
    return !empty() && !other.empty() && start < other.end && other.start < end;
  }
  // Return the common part of both intervals; empty if they do not overlap.
  Interval intersect(const Interval& other) const {
    return {std::max(start, other.start), std::min(end, other.end)};
  }

  friend bool operator==(const Interval&, const Interval&) = default;
};

} // namespace slate::domain
