#include <slate/api/windows_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/occurrence_view.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/window_schedule.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::api {

Response WindowsHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/windows", {"region", "from", "to", "tz"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  // Check every parameter before answering, so that one response lists
  // everything the client has to fix.
  domain::Problems problems;
  const auto region = region_parameter(*parameters, *context.snapshot);
  const auto from = instant_parameter(*parameters, "from");
  const auto to = instant_parameter(*parameters, "to");
  const auto tz = zone_parameter(*parameters, "tz");
  collect(region, problems);
  const bool from_ok = collect(from, problems);
  const bool to_ok = collect(to, problems);
  collect(tz, problems);

  formats::WindowListing listing;
  if (from_ok && to_ok) {
    domain::Instant start = context.now;
    if (from.value()) {
      start = *from.value();
    } else {
      listing.defaults.push_back({"from", "now"});
    }
    domain::Instant end = start + k_default_span;
    if (to.value()) {
      end = *to.value();
    } else {
      listing.defaults.push_back({"to", "from + 30 days"});
    }
    const std::string from_text = formats::format_rfc3339_utc(start) +
                                  (from.value() ? "" : " (now, as 'from' was not given)");
    if (end < start) {
      problems.push_back(
          {domain::Code::range_reversed, "to",
           "'to' (" + formats::format_rfc3339_utc(end) + ") is before 'from' (" + from_text + ")"});
    } else if (end - start > k_max_span) {
      problems.push_back({domain::Code::range_too_long, "to",
                          "the range from " + from_text + " to " +
                              formats::format_rfc3339_utc(end) +
                              " is longer than 10 years (3653 days); ask for a shorter one"});
    }
    listing.range = {start, end};
  }
  if (!problems.empty()) {
    return error_response(problems);
  }

  listing.region = region.value()->id;
  for (const auto& occurrence : app::windows_overlapping(*region.value(), listing.range)) {
    listing.windows.push_back(to_view(occurrence, tz.value()));
  }
  return json_response(200, formats::render_window_listing(listing));
}

} // namespace slate::api
