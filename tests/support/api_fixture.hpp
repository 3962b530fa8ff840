#pragma once

#include <slate/api/router.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/domain/region.hpp>

#include <support/time_literals.hpp>

#include <nlohmann/json.hpp>

#include <stdexcept>
#include <string>
#include <vector>

namespace slate::test {

// Return the zone `name`; throws on a typo in a test.
inline domain::Zone zone(const std::string& name) {
  auto located = domain::Zone::locate(name);
  if (!located) {
    throw std::invalid_argument("bad zone in test: " + name);
  }
  return located.value();
}

// Return a window rule; times are "HH:MM" wall-clock, `days` a list of weekdays.
inline domain::WindowRule rule(const std::string& zone_name, std::vector<date::weekday> days,
                               const std::string& start, const std::string& end,
                               std::optional<domain::LocalDate> last_day = std::nullopt) {
  domain::WeekdaySet set;
  for (const auto day : days) {
    set.add(day);
  }
  const auto since_midnight = [](const std::string& hh_mm) {
    return local("1970-01-01T" + hh_mm + ":00").time_since_epoch();
  };
  auto made = domain::WindowRule::make(
      {zone(zone_name), set, since_midnight(start), since_midnight(end), std::nullopt, last_day});
  if (!made) {
    throw std::invalid_argument("bad rule in test");
  }
  return made.value();
}

// The regions of docs/domain.md, built in code, plus DC with two windows and OLD,
// whose only window ended in 2020.
inline std::vector<domain::Region> sample_regions() {
  using date::Monday;
  using date::Sunday;
  using date::Tuesday;
  using date::Wednesday;
  std::vector<domain::Region> regions;
  regions.push_back({"IN",
                     "India",
                     {{"in-window",
                       "India maintenance window",
                       rule("Asia/Kolkata", {Monday}, "23:30", "01:30"),
                       {},
                       "in.ics:1"}},
                     "in.ics"});
  regions.push_back(
      {"AU",
       "Australia",
       {{"au-window",
         "Australia maintenance window",
         rule("Australia/Sydney", {Tuesday}, "00:30", "02:30"),
         {{"as written in IST", rule("Asia/Kolkata", {Monday}, "20:00", "22:30"), "au.ics:9"}},
         "au.ics:1"}},
       "au.ics"});
  regions.push_back({"US",
                     "United States",
                     {{"us-window",
                       "US maintenance window",
                       rule("America/New_York", {Monday}, "01:00", "03:00"),
                       {},
                       "us.ics:1"}},
                     "us.ics"});
  regions.push_back({"EU",
                     "Europe",
                     {{"eu-window",
                       "EU maintenance window",
                       rule("Europe/London", {Wednesday}, "02:30", "04:30"),
                       {},
                       "eu.ics:1"}},
                     "eu.ics"});
  regions.push_back({"DC",
                     "Data centre",
                     {{"dc-sunday",
                       "DC Sunday window",
                       rule("Asia/Kolkata", {Sunday}, "09:00", "13:00"),
                       {},
                       "dc.ics:1"},
                      {"dc-wednesday",
                       "DC Wednesday window",
                       rule("Asia/Kolkata", {Wednesday}, "21:00", "01:00"),
                       {},
                       "dc.ics:9"}},
                     "dc.ics"});
  regions.push_back({"OLD",
                     "Retired",
                     {{"old-window",
                       "Retired window",
                       rule("Europe/London", {Monday}, "01:00", "02:00", day("2020-01-06")),
                       {},
                       "old.ics:1"}},
                     "old.ics"});
  return regions;
}

// A router over sample_regions() whose clock reads `now`.
struct ApiFixture {
  explicit ApiFixture(const std::string& now = "2026-03-03T12:00:00Z")
      : snapshot([] {
          // Member by member, so that a member added to Snapshot needs no change here.
          auto made = std::make_shared<app::Snapshot>();
          made->version = 7;
          made->home_zone = zone("Asia/Kolkata");
          made->regions = sample_regions();
          return made;
        }()),
        router(api::make_api_router([this] { return snapshot; },
                                    [clock = utc(now)] { return clock; })) {}

  // Return the response to `method` on `target`.
  api::Response request(const std::string& target, const std::string& method = "GET") const {
    auto made = api::make_request(method, target, {}, "");
    if (!made) {
      throw std::invalid_argument("bad target in test: " + target);
    }
    return router.handle(made.value());
  }

  // Return the response body of GET `target` as JSON.
  nlohmann::json get_json(const std::string& target) const {
    return nlohmann::json::parse(request(target).body);
  }

  app::SnapshotPtr snapshot;
  api::Router router;
};

} // namespace slate::test
