#include <slate/domain/booking_rules.hpp>

#include <slate/domain/time_text.hpp>

#include <algorithm>

namespace slate::domain {
namespace {

constexpr auto k_search_margin = std::chrono::days{8};

// The zone a region's people read times in: that of its first window.
Zone zone_of(const Region& region) {
  return region.windows.empty() ? Zone::utc() : region.windows.front().rule.zone();
}

std::string region_label(const Region& region) {
  return region.id + " (" + zone_of(region).name() + ")";
}

void check_notice(const Booking& booking, const Region& region, const BookingContext& context,
                  Problems& problems) {
  const Seconds notice = context.policy.for_region(region.id).notice;
  const Seconds given = booking.span.start - booking.announced_at;
  if (given >= notice) {
    return;
  }
  const Instant earliest = booking.announced_at + notice;
  problems.push_back({Code::insufficient_notice, "start",
                      "maintenance in " + region_label(region) + " needs " + length_text(notice) +
                          " of notice under policy '" + context.policy.name + "': announced " +
                          utc_and_local(booking.announced_at, zone_of(region)) +
                          ", it would start " + utc_and_local(booking.span.start, zone_of(region)) +
                          ", " +
                          (given > Seconds{0} ? length_text(given) + " later"
                                              : "which is not after the announcement") +
                          "; the earliest start with enough notice is " +
                          utc_and_local(earliest, zone_of(region))});
}

void check_window(const Booking& booking, const Region& region, const BookingContext& context,
                  Problems& problems) {
  const auto& policy = context.policy.for_region(region.id);
  const Interval search{booking.span.start - k_search_margin, booking.span.end + k_search_margin};
  const auto occurrences = allowed_occurrences(region, policy, search);
  if (std::any_of(occurrences.begin(), occurrences.end(),
                  [&](const Occurrence& o) { return o.interval.contains(booking.span); })) {
    return;
  }
  std::string message = "maintenance " + utc_and_local(booking.span, zone_of(region)) +
                        " does not lie inside one maintenance window of " + region_label(region);
  const auto next = std::find_if(occurrences.begin(), occurrences.end(), [&](const Occurrence& o) {
    return o.interval.start > booking.span.start;
  });
  const auto containing =
      std::find_if(occurrences.begin(), occurrences.end(),
                   [&](const Occurrence& o) { return o.interval.contains(booking.span.start); });
  if (containing != occurrences.end()) {
    message += "; it starts in the window " + utc_and_local(containing->interval, zone_of(region)) +
               " but ends " + length_text(booking.span.end - containing->interval.end) +
               " after it";
  }
  if (next != occurrences.end()) {
    message += "; the next window starts " + utc_and_local(next->interval, zone_of(region));
  }
  const Seconds length = booking.span.end - booking.span.start;
  Seconds longest{0};
  for (const auto& window : region.windows) {
    if (policy.allows(window)) {
      longest = std::max(longest, window.rule.nominal_length());
    }
  }
  if (length > longest) {
    message += "; the work lasts " + length_text(length) + " but the longest window of " +
               region.id + " is " + length_text(longest);
  }
  problems.push_back({Code::outside_window, "start", message});
}

void check_blackouts(const Booking& booking, const Region& region, const BookingContext& context,
                     Problems& problems) {
  for (const auto& blackout : context.blackouts) {
    if (!blackout.covers(region.id) || !blackout.period.overlaps(booking.span)) {
      continue;
    }
    problems.push_back({Code::blackout_conflict, "start",
                        "maintenance " + utc_and_local(booking.span, zone_of(region)) + " in " +
                            region.id + " falls in blackout " + std::to_string(blackout.id) + " (" +
                            (blackout.global() ? "every region" : region.id) + ", '" +
                            blackout.reason + "') " +
                            utc_and_local(blackout.period, zone_of(region)) +
                            "; no scheduled maintenance may start before it ends at " +
                            utc_and_local(blackout.period.end, zone_of(region))});
  }
}

void check_overlap(const Booking& booking, const Region& region, const BookingContext& context,
                   Problems& problems) {
  if (context.policy.for_region(region.id).overlap_allowed) {
    return;
  }
  for (const auto& other : context.maintenances) {
    if (other.id == context.ignore_id || !other.open() || !other.span().overlaps(booking.span) ||
        std::find(other.regions.begin(), other.regions.end(), region.id) == other.regions.end()) {
      continue;
    }
    problems.push_back({Code::maintenance_overlap, "start",
                        "maintenance " + utc_and_local(booking.span, zone_of(region)) +
                            " overlaps maintenance " + std::to_string(other.id) + " ('" +
                            other.title + "', " + utc_and_local(other.span(), zone_of(region)) +
                            ") in " + region.id + ", and policy '" + context.policy.name +
                            "' does not allow overlapping maintenance there"});
  }
}

} // namespace

std::vector<const Region*> resolve_regions(const std::vector<std::string>& ids,
                                           const std::vector<Region>& regions) {
  std::vector<const Region*> resolved;
  resolved.reserve(ids.size());
  for (const auto& id : ids) {
    resolved.push_back(find_region(regions, id));
  }
  return resolved;
}

std::vector<Occurrence> allowed_occurrences(const Region& region, const RegionPolicy& policy,
                                            const Interval& range) {
  std::vector<Occurrence> all;
  for (const auto& window : region.windows) {
    if (!policy.allows(window)) {
      continue;
    }
    auto occurrences = window.rule.occurrences(range);
    all.insert(all.end(), occurrences.begin(), occurrences.end());
  }
  std::sort(all.begin(), all.end(), [](const Occurrence& a, const Occurrence& b) {
    return a.interval.start < b.interval.start;
  });
  return all;
}

std::vector<Interval> blocked_intervals(const Region& region, const BookingContext& context,
                                        const Interval& range) {
  std::vector<Interval> blocked;
  for (const auto& blackout : context.blackouts) {
    if (blackout.covers(region.id) && blackout.period.overlaps(range)) {
      blocked.push_back(blackout.period);
    }
  }
  if (!context.policy.for_region(region.id).overlap_allowed) {
    for (const auto& other : context.maintenances) {
      if (other.id != context.ignore_id && other.open() && other.span().overlaps(range) &&
          std::find(other.regions.begin(), other.regions.end(), region.id) != other.regions.end()) {
        blocked.push_back(other.span());
      }
    }
  }
  return blocked;
}

Problems check_booking(const Booking& booking, const BookingContext& context) {
  Problems problems;
  const auto resolved = resolve_regions(booking.regions, context.regions);
  for (std::size_t i = 0; i < resolved.size(); ++i) {
    if (resolved[i] == nullptr) {
      std::string known;
      for (const auto& region : context.regions) {
        known += (known.empty() ? "" : ", ") + region.id;
      }
      problems.push_back(
          {Code::unknown_region, "regions",
           "region '" + booking.regions[i] + "' is unknown; the regions are " + known});
    }
  }
  if (!problems.empty() || booking.kind == MaintenanceKind::emergency) {
    return problems;
  }
  for (const Region* region : resolved) {
    check_notice(booking, *region, context, problems);
    check_window(booking, *region, context, problems);
    check_blackouts(booking, *region, context, problems);
    check_overlap(booking, *region, context, problems);
  }
  return problems;
}

} // namespace slate::domain
