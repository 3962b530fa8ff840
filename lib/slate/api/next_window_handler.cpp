#include <slate/api/next_window_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/occurrence_view.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/window_schedule.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::api {

Response NextWindowHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/windows/next", {"region", "after", "tz"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  domain::Problems problems;
  const auto region = region_parameter(*parameters, *context.snapshot);
  const auto after = instant_parameter(*parameters, "after");
  const auto tz = zone_parameter(*parameters, "tz");
  collect(region, problems);
  collect(after, problems);
  collect(tz, problems);
  if (!problems.empty()) {
    return error_response(problems);
  }

  formats::NextWindow next;
  next.region = region.value()->id;
  next.after = context.now;
  if (after.value()) {
    next.after = *after.value();
  } else {
    next.defaults.push_back({"after", "now"});
  }
  next.horizon = next.after + k_horizon;
  if (const auto found = app::next_window(*region.value(), next.after, next.horizon)) {
    next.window = to_view(*found, tz.value());
  } else {
    next.reason = "no window of region " + next.region + " starts from " +
                  formats::format_rfc3339_utc(next.after) + " to " +
                  formats::format_rfc3339_utc(next.horizon) + " (366 days)";
  }
  return json_response(200, formats::render_next_window(next));
}

} // namespace slate::api
