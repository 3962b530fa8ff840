#include <slate/api/feed_handler.hpp>

#include <slate/api/router.hpp>
#include <slate/app/window_schedule.hpp>

#include <support/api_fixture.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>

using slate::api::find_field;
using slate::api::Response;
using slate::app::Snapshot;
using slate::domain::Instant;
using slate::domain::Maintenance;
using slate::domain::MaintenanceState;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

Maintenance maintenance(std::int64_t id, std::vector<std::string> regions,
                        std::vector<std::string> services, const std::string& start) {
  Maintenance m;
  m.id = id;
  m.title = "Maintenance " + std::to_string(id);
  m.message = "Message " + std::to_string(id);
  m.regions = std::move(regions);
  m.services = std::move(services);
  m.booked = {utc(start), utc(start) + 1h};
  m.end = m.booked.end;
  m.announced_at = utc("2026-02-01T00:00:00Z");
  m.updated_at = utc("2026-02-01T00:00:00Z");
  return m;
}

// A router over sample_regions() whose snapshot and clock a test may change.
struct Feeds {
  Feeds() {
    auto first = std::make_shared<Snapshot>();
    first->version = 1;
    first->home_zone = slate::test::zone("Asia/Kolkata");
    first->regions = slate::test::sample_regions();
    first->maintenances = {maintenance(1, {"US"}, {"api"}, "2026-03-09T05:00:00Z"),
                           maintenance(2, {"US", "EU"}, {}, "2026-03-16T05:00:00Z"),
                           maintenance(3, {"US"}, {"web"}, "2026-03-23T05:00:00Z"),
                           maintenance(4, {"EU"}, {"web"}, "2026-03-25T03:00:00Z"),
                           // Long over: left out of every feed.
                           maintenance(5, {"US"}, {}, "2025-06-02T05:00:00Z")};
    first->published_at = utc("2026-03-01T10:00:00Z");
    snapshot = first;
  }

  // Publish a copy of the snapshot changed by `change`.
  template <class Change> void publish(Change change, const std::string& at) {
    auto next = std::make_shared<Snapshot>(*snapshot);
    ++next->version;
    next->published_at = utc(at);
    change(*next);
    snapshot = next;
  }

  Response get(const std::string& target, slate::api::Fields headers = {},
               const std::string& method = "GET") const {
    auto made = slate::api::make_request(method, target, std::move(headers), "");
    REQUIRE(made);
    return router.handle(made.value());
  }

  std::shared_ptr<const Snapshot> snapshot;
  Instant now = utc("2026-03-03T12:00:00Z");
  slate::api::Router router =
      slate::api::make_api_router([this] { return snapshot; }, [this] { return now; });
};

std::string header(const Response& response, const std::string& name) {
  const auto value = find_field(response.headers, name);
  return value ? std::string(*value) : std::string("(none)");
}

std::size_t count(std::string_view text, const std::string& part) {
  std::size_t n = 0;
  for (auto at = text.find(part); at != std::string_view::npos; at = text.find(part, at + 1)) {
    ++n;
  }
  return n;
}

bool contains(std::string_view text, const std::string& part) {
  return text.find(part) != std::string_view::npos;
}

} // namespace

TEST_CASE("api::FeedHandler serves a region's windows and maintenance as text/calendar") {
  const Feeds feeds;
  const auto response = feeds.get("/calendars/US.ics");
  REQUIRE(response.status == 200);
  CHECK(header(response, "Content-Type") == "text/calendar; charset=utf-8");
  CHECK(header(response, "Cache-Control") == "public, max-age=300");
  CHECK(header(response, "ETag").front() == '"');
  CHECK(header(response, "Last-Modified") == "Tue, 03 Mar 2026 00:00:00 GMT"); // today
  CHECK(header(response, "Content-Disposition") == "(none)");
  CHECK(header(response, "Content-Encoding") == "(none)");
  const std::string_view body = response.text();
  CHECK(contains(body, "X-WR-CALNAME:United States maintenance\r\n"));
  CHECK(contains(body, "METHOD:PUBLISH\r\n"));

  // The occurrences of 35 days back to 800 days ahead, as /v1/windows has them.
  const Instant today = utc("2026-03-03T00:00:00Z");
  const auto windows =
      slate::app::windows_overlapping(*slate::domain::find_region(feeds.snapshot->regions, "US"),
                                      {today - 35 * 24h, today + 800 * 24h});
  CHECK(count(body, "CATEGORIES:Maintenance window") == windows.size());
  CHECK(contains(body, "UID:US-20260309-us-window\r\n"));
  CHECK(contains(body, "DTSTART;TZID=America/New_York:20260309T010000\r\n"));

  // US maintenance, whatever its services; not EU's, not what ended long ago.
  CHECK(contains(body, "UID:maintenance-1@slated"));
  CHECK(contains(body, "UID:maintenance-2@slated"));
  CHECK(contains(body, "UID:maintenance-3@slated"));
  CHECK_FALSE(contains(body, "UID:maintenance-4@slated"));
  CHECK_FALSE(contains(body, "UID:maintenance-5@slated"));

  // The region is matched ignoring case, to the same document.
  const auto lower = feeds.get("/calendars/us.ics");
  CHECK(lower.status == 200);
  CHECK(lower.text() == body);
  CHECK(header(lower, "ETag") == header(response, "ETag"));

  // HEAD: the GET response; the transport sends no body.
  CHECK(feeds.get("/calendars/US.ics", {}, "HEAD").status == 200);
}

TEST_CASE("api::FeedHandler serves every region in all.ics, filtered by services") {
  const Feeds feeds;
  const auto all = feeds.get("/calendars/all.ics");
  REQUIRE(all.status == 200);
  CHECK(contains(all.text(), "X-WR-CALNAME:All regions maintenance\r\n"));
  for (const char* region : {"IN", "AU", "US", "EU", "DC"}) {
    CAPTURE(region);
    CHECK(contains(all.text(), std::string("UID:") + region + "-2026"));
  }
  CHECK(count(all.text(), "UID:maintenance-") == 4);
  for (const char* zone :
       {"Asia/Kolkata", "Australia/Sydney", "America/New_York", "Europe/London"}) {
    CAPTURE(zone);
    CHECK(count(all.text(), std::string("TZID:") + zone + "\r\n") == 1);
  }

  const auto api = feeds.get("/calendars/all.ics?services=api");
  REQUIRE(api.status == 200);
  CHECK(contains(api.text(), "X-WR-CALNAME:All regions maintenance (api)\r\n"));
  CHECK(contains(api.text(), "UID:maintenance-1@slated"));
  CHECK(contains(api.text(), "UID:maintenance-2@slated")); // names no service: covers all
  CHECK_FALSE(contains(api.text(), "UID:maintenance-3@slated"));
  CHECK_FALSE(contains(api.text(), "UID:maintenance-4@slated"));
  CHECK(count(api.text(), "CATEGORIES:Maintenance window") ==
        count(all.text(), "CATEGORIES:Maintenance window"));

  const auto us_web = feeds.get("/calendars/US.ics?services=web,%20web");
  REQUIRE(us_web.status == 200);
  CHECK_FALSE(contains(us_web.text(), "UID:maintenance-1@slated"));
  CHECK(contains(us_web.text(), "UID:maintenance-3@slated"));
  CHECK_FALSE(contains(us_web.text(), "UID:maintenance-4@slated"));
}

TEST_CASE("api::FeedHandler refuses what it cannot answer") {
  const Feeds feeds;
  struct Row {
    const char* target;
    int status;
    const char* code;
  };
  const Row rows[] = {
      {"/calendars/XX.ics", 404, "not_found"},
      {"/calendars/.ics", 404, "not_found"},
      {"/calendars/US", 404, "not_found"},
      {"/calendars/US.ics/more", 404, "not_found"},
      {"/calendars/US.ics?region=US", 400, "parameter_unknown"},
      {"/calendars/all.ics?services=api&services=web", 400, "parameter_repeated"},
      {"/calendars/all.ics?services=", 400, "services_invalid"},
      {"/calendars/all.ics?services=,,", 400, "services_invalid"},
      {"/calendars/all.ics?services=a%2Fb", 400, "services_invalid"},
  };
  for (const auto& row : rows) {
    CAPTURE(row.target);
    const auto response = feeds.get(row.target);
    CHECK(response.status == row.status);
    CHECK(header(response, "Content-Type") == "application/json");
    CHECK(contains(response.text(), std::string("\"code\":\"") + row.code + "\""));
  }
  const auto unknown = feeds.get("/calendars/XX.ics");
  CHECK(contains(unknown.text(), "/calendars/{IN,AU,US,EU,DC,OLD}.ics"));
  const auto post = feeds.get("/calendars/US.ics", {}, "POST");
  CHECK(post.status == 405);
  CHECK(header(post, "Allow") == "GET, HEAD");
}

TEST_CASE("api::FeedHandler refuses services the policy does not list") {
  Feeds feeds;
  feeds.publish(
      [](Snapshot& s) {
        s.policy.availability.services = {"api", "web"};
      },
      "2026-03-02T00:00:00Z");
  CHECK(feeds.get("/calendars/all.ics?services=API").status == 200);
  const auto unknown = feeds.get("/calendars/all.ics?services=api,db");
  CHECK(unknown.status == 400);
  CHECK(contains(unknown.text(), "services_unknown"));
  CHECK(contains(unknown.text(), "api, web"));
}

TEST_CASE("api::FeedHandler answers 304 for a current copy and 200 after any change") {
  Feeds feeds;
  const auto first = feeds.get("/calendars/US.ics");
  const std::string tag = header(first, "ETag");
  const std::string date = header(first, "Last-Modified");

  const auto same = feeds.get("/calendars/US.ics", {{"If-None-Match", tag}});
  CHECK(same.status == 304);
  CHECK(same.text().empty());
  CHECK(header(same, "ETag") == tag);
  CHECK(feeds.get("/calendars/US.ics", {{"If-Modified-Since", date}}).status == 304);

  // Any new snapshot dates the window events again (DTSTAMP), so even a
  // change elsewhere gives a new tag.
  feeds.publish([](Snapshot& s) { s.maintenances[3].title = "EU only"; }, "2026-03-03T09:00:00Z");
  const auto republished = feeds.get("/calendars/US.ics", {{"If-None-Match", tag}});
  CHECK(republished.status == 200);
  CHECK(header(republished, "Last-Modified") == "Tue, 03 Mar 2026 09:00:00 GMT");

  // Cancelled: the event stays, cancelled, with a higher sequence.
  feeds.publish(
      [](Snapshot& s) {
        s.maintenances[0].state = MaintenanceState::cancelled;
        s.maintenances[0].sequence = 1;
        s.maintenances[0].updated_at = utc("2026-03-03T10:00:00Z");
      },
      "2026-03-03T10:00:00Z");
  const auto cancelled = feeds.get("/calendars/US.ics", {{"If-None-Match", tag}});
  REQUIRE(cancelled.status == 200);
  CHECK(header(cancelled, "ETag") != tag);
  CHECK(header(cancelled, "Last-Modified") == "Tue, 03 Mar 2026 10:00:00 GMT");
  CHECK(contains(cancelled.text(), "STATUS:CANCELLED"));
  CHECK(feeds.get("/calendars/US.ics", {{"If-Modified-Since", date}}).status == 200);

  // Deleted (as a history import may): the date moves forward again.
  feeds.publish([](Snapshot& s) { s.maintenances.erase(s.maintenances.begin()); },
                "2026-03-03T11:00:00Z");
  const auto deleted =
      feeds.get("/calendars/US.ics", {{"If-Modified-Since", header(cancelled, "Last-Modified")}});
  REQUIRE(deleted.status == 200);
  CHECK(header(deleted, "Last-Modified") == "Tue, 03 Mar 2026 11:00:00 GMT");
  CHECK_FALSE(contains(deleted.text(), "UID:maintenance-1@slated"));
}

TEST_CASE("api::FeedHandler moves its horizon, and its date, with the day") {
  Feeds feeds;
  const auto tuesday = feeds.get("/calendars/US.ics");
  const std::string tag = header(tuesday, "ETag");
  CHECK(feeds.get("/calendars/US.ics", {{"If-None-Match", tag}}).status == 304);

  // Wednesday: rendered again, but no US occurrence enters or leaves the
  // horizon, so the bytes, the tag and the date stay.
  feeds.now = utc("2026-03-04T00:00:00Z");
  const auto wednesday = feeds.get("/calendars/US.ics");
  CHECK(header(wednesday, "ETag") == tag);
  CHECK(header(wednesday, "Last-Modified") == "Tue, 03 Mar 2026 00:00:00 GMT");

  // A week later, Monday 2 February has left the 35 days kept.
  CHECK(contains(tuesday.text(), "UID:US-20260202-us-window"));
  feeds.now = utc("2026-03-10T08:00:00Z");
  const auto later = feeds.get("/calendars/US.ics", {{"If-None-Match", tag}});
  REQUIRE(later.status == 200);
  CHECK_FALSE(contains(later.text(), "UID:US-20260202-us-window"));
  CHECK(header(later, "Last-Modified") == "Tue, 10 Mar 2026 00:00:00 GMT");
}
