#include <slate/api/occurrence_view.hpp>

namespace slate::api {
namespace {

formats::LocalSpan span(const domain::Zone& zone, const domain::Interval& interval) {
  return {zone.name(), zone.to_local(interval.start), zone.to_local(interval.end)};
}

} // namespace

formats::OccurrenceView to_view(const app::WindowOccurrence& occurrence,
                                const std::optional<domain::Zone>& shown_in) {
  const domain::Interval& interval = occurrence.occurrence.interval;
  formats::OccurrenceView view{occurrence.window->uid, occurrence.window->summary, interval,
                               span(occurrence.window->rule.zone(), interval), std::nullopt};
  if (shown_in) {
    view.shown_in = span(*shown_in, interval);
  }
  return view;
}

} // namespace slate::api
