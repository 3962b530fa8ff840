#include <slate/api/next_window_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/occurrence_view.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/window_schedule.hpp>
#include <slate/domain/slot_finder.hpp>
#include <slate/formats/iso_duration.hpp>
#include <slate/formats/json_slot.hpp>
#include <slate/formats/rfc3339.hpp>

#include <algorithm>

namespace slate::api {

namespace {

// The slot finder: the earliest `duration` in one window occurrence of each
// region that respects the notice, blackouts and booked maintenance.
Response slot_response(const Parameters& parameters, const Context& context) {
  domain::Problems problems;
  std::vector<std::string> ids;
  const auto single = parameters.find("region");
  const auto several = parameters.find("regions");
  if (single != parameters.end() && several != parameters.end()) {
    problems.push_back({domain::Code::parameter_conflict, "regions",
                        "give either region=R or regions=R1,R2, not both"});
  } else if (single != parameters.end()) {
    ids.push_back(single->second);
  } else if (several != parameters.end()) {
    std::string_view text = several->second;
    while (!text.empty()) {
      const auto comma = std::min(text.find(','), text.size());
      ids.emplace_back(text.substr(0, comma));
      text.remove_prefix(std::min(comma + 1, text.size()));
    }
  }
  if (ids.empty() && problems.empty()) {
    problems.push_back({domain::Code::region_missing, "region", "give region=R or regions=R1,R2"});
  }
  std::vector<std::string> canonical;
  for (const auto& id : ids) {
    const auto* region = domain::find_region(context.snapshot->regions, id);
    if (region == nullptr) {
      std::string known;
      for (const auto& r : context.snapshot->regions) {
        known += (known.empty() ? "" : ", ") + r.id;
      }
      problems.push_back(
          {domain::Code::region_unknown, "regions",
           "region '" + id.substr(0, 40) + "' is unknown; the regions are " + known});
    } else {
      canonical.push_back(region->id);
    }
  }
  formats::SlotListing listing;
  listing.duration = std::chrono::hours{1};
  if (const auto text = parameters.find("duration"); text != parameters.end()) {
    const auto duration = formats::parse_iso_duration(text->second, "duration");
    if (collect(duration, problems)) {
      listing.duration = *duration;
    }
  }
  const auto after = instant_parameter(parameters, "after");
  collect(after, problems);
  if (!problems.empty()) {
    return error_response(problems);
  }
  listing.regions = canonical;
  listing.after = after.value().value_or(context.now);
  if (!after.value()) {
    listing.defaults.push_back({"after", "now"});
  }
  listing.horizon = listing.after + NextWindowHandler::k_horizon;
  listing.earliest_start = listing.after;
  for (const auto& id : canonical) {
    listing.earliest_start = std::max(listing.earliest_start,
                                      context.now + context.snapshot->policy.for_region(id).notice);
  }
  const domain::BookingContext booking{context.now,
                                       context.snapshot->policy,
                                       context.snapshot->regions,
                                       context.snapshot->blackouts,
                                       context.snapshot->maintenances,
                                       0};
  const auto answer = domain::find_slot(
      domain::SlotQuery{canonical, listing.duration, listing.after, listing.horizon}, booking);
  listing.answer = &answer;
  return json_response(200, formats::render_slot_listing(listing));
}

} // namespace

Response NextWindowHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/windows/next",
                                    {"region", "regions", "duration", "after", "tz"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  if (parameters->count("duration") != 0 || parameters->count("regions") != 0) {
    return slot_response(*parameters, context);
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
