#include <slate/api/feed_handler.hpp>

#include <slate/api/conditional.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/calendar_feed.hpp>
#include <slate/util/text.hpp>

namespace slate::api {
namespace {

constexpr std::string_view k_content_type = "text/calendar; charset=utf-8";

} // namespace

FeedHandler::FeedHandler(Scope scope, std::shared_ptr<RenderCache> cache, FeedSettings settings)
    : m_scope(scope), m_cache(std::move(cache)), m_settings(std::move(settings)) {}

Response FeedHandler::handle(const Request& request, const Context& context) const {
  const app::Snapshot& snapshot = *context.snapshot;
  const char* resource = m_scope == Scope::all ? "/calendars/all.ics" : "/calendars/{region}.ics";
  auto parameters = read_parameters(request.query, resource, {"services"});
  if (!parameters) {
    return error_response(parameters.problems());
  }

  app::FeedQuery query;
  if (m_scope == Scope::region) {
    const std::string& id = context.path_parameters.at(0);
    query.region = domain::find_region(snapshot.regions, id);
    if (query.region == nullptr) {
      std::vector<std::string> ids;
      for (const auto& region : snapshot.regions) {
        ids.push_back(region.id);
      }
      return error_response(domain::Problem{
          domain::Code::not_found, "region",
          "no calendar for region " + util::quoted(id) + "; the feeds are /calendars/all.ics and " +
              (ids.empty() ? std::string("none for regions, as none are loaded")
                           : "/calendars/{" + util::joined(ids, ",") + "}.ics")});
    }
  }
  if (const auto services = parameters->find("services"); services != parameters->end()) {
    auto read = app::feed_services(services->second, snapshot.policy);
    if (!read) {
      return error_response(read.problems());
    }
    query.services = std::move(read).value();
  }

  // One cache entry per variant; the region is spelt as the snapshot spells
  // it, so that /calendars/us.ics and /calendars/US.ics share it.
  std::string key = "/calendars/";
  key += query.region != nullptr ? query.region->id : "all";
  key += ".ics";
  if (!query.services.empty()) {
    key += "?services=" + util::joined(query.services, ",");
  }

  // The horizon is counted from the start of today (UTC), so a feed changes
  // at most once a day between snapshots.
  const domain::Instant today = date::floor<date::days>(context.now);
  const auto document = m_cache->get(key, snapshot, context.now, [&] {
    const domain::Interval horizon{today - m_settings.past, today + m_settings.future};
    // DTSTAMP: when the content was published; the day only while the
    // publisher does not say, so that a day that adds or drops no event
    // renders the same bytes (same ETag: clients get their 304).
    const domain::Instant stamp =
        snapshot.published_at != domain::Instant{} ? snapshot.published_at : today;
    return Rendering{formats::render_calendar_feed(app::calendar_feed(
                         snapshot, query, horizon, stamp, m_settings.refresh_interval)),
                     today + date::days{1}, today};
  });
  return conditional_response(request, document, k_content_type, m_settings.cache_control,
                              context.now);
}

} // namespace slate::api
