#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/render_cache.hpp>

#include <chrono>
#include <memory>
#include <string>

namespace slate::api {

// How the calendar feeds are made and may be cached.
struct FeedSettings {
  // The window occurrences a feed lists: those that overlap the days from
  // `past` before today (UTC) to `future` after it. Maintenance is listed
  // from `past` before today on, however far ahead it lies.
  date::days past{35};
  date::days future{800};
  // What the feed asks clients to wait between fetches (REFRESH-INTERVAL).
  std::chrono::seconds refresh_interval = std::chrono::hours{1};
  // Cache-Control of every feed response: shared caches (nginx, a CDN) may
  // keep a feed five minutes, so that a cancellation reaches subscribers
  // soon; clients revalidate with ETag or Last-Modified after that.
  std::string cache_control = "public, max-age=300";
};

// GET /calendars/{region}.ics and GET /calendars/all.ics[?services=a,b]:
// the iCalendar feed (formats::render_calendar_feed) of one region's, or
// every region's, window occurrences and maintenance. With `services`,
// only maintenance that names one of them, or names no service (it covers
// them all), is listed; windows always are.
//
// Responses are text/calendar; charset=utf-8, never an attachment,
// compressed only for a client whose Accept-Encoding asks (conditional.hpp),
// with ETag, Last-Modified, Cache-Control and Vary, and 304 for a matching
// If-None-Match or If-Modified-Since. Each variant is rendered once per
// snapshot and day, in `cache`.
class FeedHandler final : public Handler {
public:
  enum class Scope { region, all };

  FeedHandler(Scope scope, std::shared_ptr<RenderCache> cache, FeedSettings settings = {});

  // Return 200 or 304 with the feed; 404 for an unknown region; 400 for a
  // query parameter other than `services`, or a services list that is
  // empty, malformed or names a service the policy does not list.
  Response handle(const Request& request, const Context& context) const override;

private:
  Scope m_scope;
  std::shared_ptr<RenderCache> m_cache;
  FeedSettings m_settings;
};

} // namespace slate::api
