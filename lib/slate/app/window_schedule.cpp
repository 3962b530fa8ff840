#include <slate/app/window_schedule.hpp>

#include <algorithm>
#include <tuple>

namespace slate::app {
namespace {

bool earlier(const WindowOccurrence& a, const WindowOccurrence& b) {
  return std::tie(a.occurrence.interval.start, a.occurrence.interval.end, a.window->uid) <
         std::tie(b.occurrence.interval.start, b.occurrence.interval.end, b.window->uid);
}

} // namespace

std::vector<WindowOccurrence> windows_overlapping(const domain::Region& region,
                                                  const domain::Interval& range) {
  std::vector<WindowOccurrence> out;
  for (const auto& window : region.windows) {
    for (const auto& occurrence : window.rule.occurrences(range)) {
      out.push_back({&window, occurrence});
    }
  }
  std::stable_sort(out.begin(), out.end(), earlier);
  return out;
}

std::optional<WindowOccurrence> next_window(const domain::Region& region, domain::Instant from,
                                            domain::Instant horizon) {
  std::optional<WindowOccurrence> best;
  for (const auto& window : region.windows) {
    auto occurrence = window.rule.next_starting(from, horizon);
    if (!occurrence) {
      continue;
    }
    const WindowOccurrence candidate{&window, *occurrence};
    if (!best || earlier(candidate, *best)) {
      best = candidate;
    }
  }
  return best;
}

} // namespace slate::app
