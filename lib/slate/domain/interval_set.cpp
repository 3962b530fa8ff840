#include <slate/domain/interval_set.hpp>

#include <algorithm>

namespace slate::domain {

IntervalSet::IntervalSet(std::initializer_list<Interval> intervals) {
  for (const auto& interval : intervals) {
    add(interval);
  }
}

IntervalSet::IntervalSet(const std::vector<Interval>& intervals) {
  std::vector<Interval> sorted;
  sorted.reserve(intervals.size());
  std::copy_if(intervals.begin(), intervals.end(), std::back_inserter(sorted),
               [](const Interval& i) { return !i.empty(); });
  std::sort(sorted.begin(), sorted.end(),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  // Sorting first makes building from n intervals O(n log n) instead of the
  // O(n^2) of n inserts, which matters for a month of a million outages.
  for (const auto& interval : sorted) {
    if (!m_intervals.empty() && interval.start <= m_intervals.back().end) {
      m_intervals.back().end = std::max(m_intervals.back().end, interval.end);
    } else {
      m_intervals.push_back(interval);
    }
  }
}

void IntervalSet::add(const Interval& interval) {
  if (interval.empty()) {
    return;
  }
  // First interval that ends at or after the new start: it touches or follows.
  auto first = std::lower_bound(
      m_intervals.begin(), m_intervals.end(), interval.start,
      [](const Interval& existing, Instant start) { return existing.end < start; });
  // First interval that starts after the new end: it neither touches nor overlaps.
  auto last =
      std::upper_bound(first, m_intervals.end(), interval.end,
                       [](Instant end, const Interval& existing) { return end < existing.start; });
  Interval merged = interval;
  if (first != last) {
    merged.start = std::min(merged.start, first->start);
    merged.end = std::max(merged.end, std::prev(last)->end);
  }
  auto position = m_intervals.erase(first, last);
  m_intervals.insert(position, merged);
}

IntervalSet IntervalSet::unite(const IntervalSet& other) const {
  std::vector<Interval> all = m_intervals;
  all.insert(all.end(), other.m_intervals.begin(), other.m_intervals.end());
  return IntervalSet(all);
}

IntervalSet IntervalSet::intersect(const IntervalSet& other) const {
  IntervalSet result;
  auto a = m_intervals.begin();
  auto b = other.m_intervals.begin();
  while (a != m_intervals.end() && b != other.m_intervals.end()) {
    Interval common = a->intersect(*b);
    if (!common.empty()) {
      result.m_intervals.push_back(common);
    }
    if (a->end < b->end) {
      ++a;
    } else {
      ++b;
    }
  }
  return result;
}

IntervalSet IntervalSet::subtract(const IntervalSet& other) const {
  IntervalSet result;
  auto b = other.m_intervals.begin();
  for (Interval rest : m_intervals) {
    while (b != other.m_intervals.end() && b->end <= rest.start) {
      ++b;
    }
    auto cut = b;
    while (cut != other.m_intervals.end() && cut->start < rest.end) {
      if (cut->start > rest.start) {
        result.m_intervals.push_back({rest.start, cut->start});
      }
      rest.start = std::max(rest.start, cut->end);
      if (cut->end > rest.end) {
        break;
      }
      ++cut;
    }
    if (!rest.empty()) {
      result.m_intervals.push_back(rest);
    }
  }
  return result;
}

IntervalSet IntervalSet::clip(const Interval& range) const {
  return intersect(IntervalSet{range});
}

Seconds IntervalSet::length() const {
  Seconds total{0};
  for (const auto& interval : m_intervals) {
    total += interval.length();
  }
  return total;
}

bool IntervalSet::contains(Instant t) const {
  auto it = std::upper_bound(m_intervals.begin(), m_intervals.end(), t,
                             [](Instant v, const Interval& i) { return v < i.start; });
  return it != m_intervals.begin() && std::prev(it)->contains(t);
}

bool IntervalSet::contains(const Interval& interval) const {
  if (interval.empty()) {
    return true;
  }
  auto it = std::upper_bound(m_intervals.begin(), m_intervals.end(), interval.start,
                             [](Instant v, const Interval& i) { return v < i.start; });
  return it != m_intervals.begin() && std::prev(it)->contains(interval);
}

bool IntervalSet::overlaps(const Interval& interval) const {
  if (interval.empty()) {
    return false;
  }
  auto it = std::lower_bound(m_intervals.begin(), m_intervals.end(), interval.start,
                             [](const Interval& i, Instant v) { return i.end <= v; });
  return it != m_intervals.end() && it->overlaps(interval);
}

} // namespace slate::domain
