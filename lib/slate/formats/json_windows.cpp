#include <slate/formats/json_windows.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {
namespace {

Json defaults_json(const std::vector<DefaultApplied>& defaults) {
  Json out = Json::object();
  for (const auto& applied : defaults) {
    out[applied.parameter] = applied.value;
  }
  return out;
}

Json span_json(const LocalSpan& span, const domain::Interval& interval) {
  return {{"zone", span.zone},
          {"local_start", format_rfc3339(interval.start, span.start.offset)},
          {"local_end", format_rfc3339(interval.end, span.end.offset)},
          {"start_abbreviation", span.start.abbreviation},
          {"end_abbreviation", span.end.abbreviation}};
}

Json occurrence_json(const OccurrenceView& view) {
  Json out = {{"window", view.window_uid},
              {"summary", view.summary},
              {"start", format_rfc3339_utc(view.interval.start)},
              {"end", format_rfc3339_utc(view.interval.end)},
              {"duration_seconds", view.interval.length().count()}};
  out.update(span_json(view.local, view.interval));
  if (view.shown_in) {
    out["tz"] = span_json(*view.shown_in, view.interval);
  }
  return out;
}

} // namespace

std::string render_window_listing(const WindowListing& listing) {
  Json windows = Json::array();
  for (const auto& view : listing.windows) {
    windows.push_back(occurrence_json(view));
  }
  return to_json_text({{"region", listing.region},
                       {"from", format_rfc3339_utc(listing.range.start)},
                       {"to", format_rfc3339_utc(listing.range.end)},
                       {"defaults_applied", defaults_json(listing.defaults)},
                       {"count", listing.windows.size()},
                       {"windows", std::move(windows)}});
}

std::string render_next_window(const NextWindow& next) {
  Json out = {{"region", next.region},
              {"after", format_rfc3339_utc(next.after)},
              {"horizon", format_rfc3339_utc(next.horizon)},
              {"defaults_applied", defaults_json(next.defaults)},
              {"window", next.window ? occurrence_json(*next.window) : Json(nullptr)}};
  if (!next.window) {
    out["reason"] = next.reason;
  }
  return to_json_text(out);
}

} // namespace slate::formats
