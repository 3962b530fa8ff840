#include <slate/domain/slot_finder.hpp>

#include <slate/domain/interval_set.hpp>
#include <slate/domain/time_text.hpp>

#include <algorithm>

namespace slate::domain {
namespace {

// A free part of one window occurrence of each region considered so far.
// Parts are kept per occurrence, never merged, so that a slot found inside
// one lies inside one occurrence of every region even where two
// occurrences touch.
struct FreePart {
  Interval free;
  std::vector<SlotPart> parts;
};

std::vector<FreePart> free_parts(const Region& region, const BookingContext& context,
                                 const Interval& range) {
  const auto occurrences = allowed_occurrences(region, context.policy.for_region(region.id), range);
  IntervalSet blocked(blocked_intervals(region, context, range));
  std::vector<FreePart> parts;
  for (const auto& occurrence : occurrences) {
    const IntervalSet free = IntervalSet{occurrence.interval.intersect(range)}.subtract(blocked);
    for (const auto& interval : free.intervals()) {
      parts.push_back({interval, {SlotPart{&region, occurrence}}});
    }
  }
  return parts;
}

std::vector<FreePart> intersect(const std::vector<FreePart>& a, const std::vector<FreePart>& b) {
  std::vector<FreePart> both;
  for (const auto& left : a) {
    for (const auto& right : b) {
      const Interval common = left.free.intersect(right.free);
      if (common.empty()) {
        continue;
      }
      FreePart part{common, left.parts};
      part.parts.insert(part.parts.end(), right.parts.begin(), right.parts.end());
      both.push_back(std::move(part));
    }
  }
  std::sort(both.begin(), both.end(),
            [](const FreePart& x, const FreePart& y) { return x.free.start < y.free.start; });
  return both;
}

} // namespace

SlotAnswer find_slot(const SlotQuery& query, const BookingContext& context) {
  const auto regions = resolve_regions(query.regions, context.regions);
  if (regions.empty() || std::find(regions.begin(), regions.end(), nullptr) != regions.end()) {
    return {std::nullopt, "no such region"};
  }
  if (query.duration <= Seconds{0}) {
    return {std::nullopt, "the duration must be positive"};
  }
  Instant earliest = query.after;
  for (const Region* region : regions) {
    earliest = std::max(earliest, context.now + context.policy.for_region(region->id).notice);
  }
  if (query.after >= query.horizon) {
    return {std::nullopt,
            "'after' is not before the horizon " + date::format("%F %R UTC", query.horizon)};
  }
  if (earliest >= query.horizon) {
    return {std::nullopt, "the notice alone reaches past the horizon " +
                              date::format("%F %R UTC", query.horizon)};
  }
  // A slot starts before the horizon but may end after it.
  const Interval range{earliest, query.horizon + query.duration};

  std::vector<FreePart> candidates;
  for (std::size_t i = 0; i < regions.size(); ++i) {
    const Region& region = *regions[i];
    auto parts = free_parts(region, context, range);
    candidates = i == 0 ? std::move(parts) : intersect(candidates, parts);
  }
  for (const auto& candidate : candidates) {
    if (candidate.free.start < query.horizon && candidate.free.length() >= query.duration) {
      return {Slot{Interval{candidate.free.start, candidate.free.start + query.duration},
                   candidate.parts},
              ""};
    }
  }
  // Said only once nothing fits: on a fall-back day an occurrence is longer
  // than its window's usual length, so that length cannot rule a slot out.
  for (const Region* region : regions) {
    Seconds longest{0};
    for (const auto& window : region->windows) {
      if (context.policy.for_region(region->id).allows(window)) {
        longest = std::max(longest, window.rule.nominal_length());
      }
    }
    if (query.duration > longest) {
      return {std::nullopt, "the work lasts " + length_text(query.duration) +
                                " but the longest window of " + region->id + " usually lasts " +
                                length_text(longest) +
                                ", and no occurrence in the horizon is long enough"};
    }
  }
  std::string names;
  for (const Region* region : regions) {
    names += (names.empty() ? "" : ", ") + region->id;
  }
  return {std::nullopt, "no " + length_text(query.duration) + " slot in " +
                            (regions.size() > 1 ? "every one of " : "") + names + " starts from " +
                            date::format("%F %R UTC", earliest) +
                            " (the later of 'after' and the notice) to " +
                            date::format("%F %R UTC", query.horizon) +
                            ": every window occurrence in that time is too short once blackouts" +
                            std::string(regions.size() > 1 ? ", other regions' windows" : "") +
                            " and booked maintenance are left out"};
}

} // namespace slate::domain
