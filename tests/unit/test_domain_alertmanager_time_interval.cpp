#include <slate/domain/alertmanager_time_interval.hpp>

#include <common/calendar_directory.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <map>
#include <stdexcept>
#include <string>
#include <vector>

using slate::domain::alertmanager_time_intervals;
using slate::domain::Instant;
using slate::domain::Interval;
using slate::domain::LocalDate;
using slate::domain::NumberRange;
using slate::domain::Region;
using slate::domain::Seconds;
using slate::domain::TimeInterval;
using slate::domain::TimeIntervalEntry;
using slate::domain::WeekdaySet;
using slate::domain::Window;
using slate::domain::WindowRule;
using slate::domain::Zone;
using slate::test::day;
using slate::test::iso;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

const std::vector<Region>& shipped_regions() {
  static const std::vector<Region> regions = [] {
    auto loaded = slate::daemon::load_calendar_directory(SLATE_SOURCE_DIR "/calendars");
    if (!loaded) {
      throw std::runtime_error("the shipped calendars do not load: " +
                               loaded.problems().front().message);
    }
    return loaded.value();
  }();
  return regions;
}

std::string clock(int minutes) {
  const auto two = [](int n) { return std::string(n < 10 ? "0" : "") + std::to_string(n); };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

std::string range(const NumberRange& r) {
  return r.first == r.last ? std::to_string(r.first)
                           : std::to_string(r.first) + ":" + std::to_string(r.last);
}

// "Mon 23:30-24:00 Asia/Kolkata [years 2027 months 3 days 5:31]"
std::string describe(const TimeIntervalEntry& entry) {
  std::string out = entry.weekdays.to_string() + " " + clock(entry.start_minute) + "-" +
                    clock(entry.end_minute) + " " + entry.location;
  std::string dates;
  if (entry.years) {
    dates += "years " + range(*entry.years);
  }
  if (entry.months) {
    dates += (dates.empty() ? "" : " ") + std::string("months ") + range(*entry.months);
  }
  if (entry.days_of_month) {
    dates += (dates.empty() ? "" : " ") + std::string("days ") + range(*entry.days_of_month);
  }
  return dates.empty() ? out : out + " [" + dates + "]";
}

std::vector<std::string> describe(const TimeInterval& interval) {
  std::vector<std::string> out;
  for (const auto& entry : interval.entries) {
    out.push_back(describe(entry));
  }
  return out;
}

WeekdaySet days(std::initializer_list<date::weekday> list) {
  WeekdaySet set;
  for (auto d : list) {
    set.add(d);
  }
  return set;
}

// One region "R" with one window.
std::vector<Region> region_with(const char* zone, WeekdaySet weekdays, Seconds start, Seconds end,
                                std::optional<LocalDate> first = std::nullopt,
                                std::optional<LocalDate> last = std::nullopt) {
  auto located = Zone::locate(zone);
  REQUIRE(located.ok());
  auto rule = WindowRule::make({located.value(), weekdays, start, end, first, last});
  REQUIRE(rule.ok());
  Region region;
  region.id = "R";
  region.windows.push_back(Window{"w@test", "w", rule.value(), {}, "r.ics:9"});
  return {region};
}

std::vector<std::string> entries_of(const std::vector<Region>& regions, Instant now) {
  const auto intervals = alertmanager_time_intervals(regions, now);
  REQUIRE(intervals.ok());
  REQUIRE(intervals->size() == 1);
  return describe(intervals->front());
}

const Instant k_now = utc("2026-12-02T12:00:00Z");

// Whether Alertmanager holds `entry` at `t`: its wall clock in the entry's
// location is on one of the weekdays, inside the minutes and the dates.
// Written from Alertmanager's documentation, apart from the code under test.
bool holds(const TimeIntervalEntry& entry, Instant t) {
  static std::map<std::string, Zone> zones;
  if (zones.count(entry.location) == 0) {
    const auto located = Zone::locate(entry.location);
    REQUIRE(located.ok());
    zones.emplace(entry.location, located.value());
  }
  const auto local = zones.at(entry.location).to_local(t).local;
  const auto local_day = date::floor<date::days>(local);
  const date::year_month_day ymd{local_day};
  const auto minute =
      static_cast<int>(std::chrono::duration_cast<std::chrono::minutes>(local - local_day).count());
  const auto in = [](const std::optional<NumberRange>& r, int value) {
    return !r || (r->first <= value && value <= r->last);
  };
  return entry.weekdays.contains(date::weekday{local_day}) && entry.start_minute <= minute &&
         minute < entry.end_minute && in(entry.years, static_cast<int>(ymd.year())) &&
         in(entry.months, static_cast<int>(static_cast<unsigned>(ymd.month()))) &&
         in(entry.days_of_month, static_cast<int>(static_cast<unsigned>(ymd.day())));
}

} // namespace

TEST_CASE("domain::alertmanager_time_intervals of the shipped calendars") {
  const auto intervals = alertmanager_time_intervals(shipped_regions(), k_now);
  REQUIRE(intervals.ok());
  REQUIRE(intervals->size() == 6);
  struct Row {
    const char* name;
    std::vector<std::string> entries;
  };
  // DOMAIN.md's shipped windows; those that cross midnight are split.
  const Row rows[] = {
      {"slated-window-AU", {"Tue 00:30-02:30 Australia/Sydney"}},
      {"slated-window-DC",
       {"Wed 21:00-24:00 Asia/Kolkata", "Thu 00:00-01:00 Asia/Kolkata",
        "Sun 09:00-13:00 Asia/Kolkata"}},
      {"slated-window-EU", {"Wed 02:30-04:30 Europe/London"}},
      {"slated-window-IN", {"Mon 23:30-24:00 Asia/Kolkata", "Tue 00:00-01:30 Asia/Kolkata"}},
      {"slated-window-UK", {"Wed 02:30-04:30 Europe/London"}},
      {"slated-window-US", {"Mon 01:00-03:00 America/New_York"}},
  };
  for (std::size_t i = 0; i < std::size(rows); ++i) {
    CAPTURE(rows[i].name);
    CHECK(intervals->at(i).name == rows[i].name);
    CHECK(describe(intervals->at(i)) == rows[i].entries);
  }
}

TEST_CASE("domain::alertmanager_time_intervals splits at midnight onto the next weekdays") {
  // Fri and Sun 22:00-02:00: Sat and Mon after midnight.
  CHECK(entries_of(region_with("UTC", days({date::Friday, date::Sunday}), 22h, 2h), k_now) ==
        std::vector<std::string>{"Fri,Sun 22:00-24:00 UTC", "Mon,Sat 00:00-02:00 UTC"});
  // Saturday's night runs into Sunday.
  CHECK(entries_of(region_with("UTC", days({date::Saturday}), 23h, 1h), k_now) ==
        std::vector<std::string>{"Sat 23:00-24:00 UTC", "Sun 00:00-01:00 UTC"});
  // Ending at midnight is no crossing: nothing after it.
  CHECK(entries_of(region_with("UTC", days({date::Monday}), 22h, 0h), k_now) ==
        std::vector<std::string>{"Mon 22:00-24:00 UTC"});
  // Start = end is a whole day, from the start to the same time next day.
  CHECK(entries_of(region_with("UTC", days({date::Monday}), 6h, 6h), k_now) ==
        std::vector<std::string>{"Mon 06:00-24:00 UTC", "Tue 00:00-06:00 UTC"});
  CHECK(entries_of(region_with("UTC", days({date::Monday}), 0h, 0h), k_now) ==
        std::vector<std::string>{"Mon 00:00-24:00 UTC"});
}

TEST_CASE("domain::alertmanager_time_intervals writes first and last days as dates") {
  struct Row {
    const char* what;
    const char* first; // "" for none
    const char* last;  // "" for none
    std::vector<std::string> entries;
  };
  // now is 2026-12-02 in UTC.
  const Row rows[] = {
      {"no bounds", "", "", {"Mon 01:00-03:00 UTC"}},
      {"first day passed", "2024-01-01", "", {"Mon 01:00-03:00 UTC"}},
      {"first day is today", "2026-12-02", "", {"Mon 01:00-03:00 UTC"}},
      {"first day tomorrow",
       "2026-12-03",
       "",
       {"Mon 01:00-03:00 UTC [years 2026 months 12 days 3:31]",
        "Mon 01:00-03:00 UTC [years 2027:9999]"}},
      {"first day on the 1st of a month",
       "2027-03-01",
       "",
       {"Mon 01:00-03:00 UTC [years 2027 months 3:12]", "Mon 01:00-03:00 UTC [years 2028:9999]"}},
      {"first day on the 1st of a year",
       "2027-01-01",
       "",
       {"Mon 01:00-03:00 UTC [years 2027:9999]"}},
      {"within one month",
       "2027-03-05",
       "2027-03-20",
       {"Mon 01:00-03:00 UTC [years 2027 months 3 days 5:20]"}},
      {"over years",
       "2027-03-05",
       "2029-06-15",
       {"Mon 01:00-03:00 UTC [years 2027 months 3 days 5:31]",
        "Mon 01:00-03:00 UTC [years 2027 months 4:12]", "Mon 01:00-03:00 UTC [years 2028]",
        "Mon 01:00-03:00 UTC [years 2029 months 1:5]",
        "Mon 01:00-03:00 UTC [years 2029 months 6 days 1:15]"}},
      // The last day counts from today when the first has passed.
      {"last day only",
       "2024-01-01",
       "2027-02-28",
       {"Mon 01:00-03:00 UTC [years 2026 months 12 days 2:31]",
        "Mon 01:00-03:00 UTC [years 2027 months 1:2]"}},
      {"leap day",
       "2028-02-01",
       "2028-02-29",
       {"Mon 01:00-03:00 UTC [years 2028 months 2 days 1:29]"}},
      {"last day passed", "2024-01-01", "2026-12-01", {}},
      {"last day today",
       "2024-01-01",
       "2026-12-02",
       {"Mon 01:00-03:00 UTC [years 2026 months 12 days 2]"}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    const auto first =
        std::string(row.first).empty() ? std::nullopt : std::optional<LocalDate>(day(row.first));
    const auto last =
        std::string(row.last).empty() ? std::nullopt : std::optional<LocalDate>(day(row.last));
    CHECK(entries_of(region_with("UTC", days({date::Monday}), 1h, 3h, first, last), k_now) ==
          row.entries);
  }
}

TEST_CASE("domain::alertmanager_time_intervals: after midnight, the dates move a day too") {
  // Sun 23:00-01:00 from Sun 2027-01-31 to Sun 2027-02-28: the Monday parts
  // are 2027-02-01 to 2027-03-01.
  CHECK(entries_of(
            region_with("UTC", days({date::Sunday}), 23h, 1h, day("2027-01-31"), day("2027-02-28")),
            k_now) == std::vector<std::string>{"Sun 23:00-24:00 UTC [years 2027 months 1 days 31]",
                                               "Sun 23:00-24:00 UTC [years 2027 months 2]",
                                               "Mon 00:00-01:00 UTC [years 2027 months 2]",
                                               "Mon 00:00-01:00 UTC [years 2027 months 3 days 1]"});
}

TEST_CASE("domain::alertmanager_time_intervals: today is the window's own") {
  // 2026-12-02T20:00Z is already 2026-12-03 in Kolkata (+05:30): a first day
  // of 2026-12-03 has come there.
  CHECK(entries_of(region_with("Asia/Kolkata", days({date::Monday}), 1h, 3h, day("2026-12-03")),
                   utc("2026-12-02T20:00:00Z")) ==
        std::vector<std::string>{"Mon 01:00-03:00 Asia/Kolkata"});
  CHECK(entries_of(region_with("Asia/Kolkata", days({date::Monday}), 1h, 3h, day("2026-12-03")),
                   utc("2026-12-02T18:00:00Z")) ==
        std::vector<std::string>{"Mon 01:00-03:00 Asia/Kolkata [years 2026 months 12 days 3:31]",
                                 "Mon 01:00-03:00 Asia/Kolkata [years 2027:9999]"});
}

TEST_CASE("domain::alertmanager_time_intervals refuses times with seconds") {
  const auto intervals =
      alertmanager_time_intervals(region_with("UTC", days({date::Monday}), 1h + 30s, 3h), k_now);
  REQUIRE_FALSE(intervals.ok());
  CHECK(intervals.problems().front().code == "window_not_whole_minutes");
  CHECK(intervals.problems().front().message ==
        "r.ics:9: window w@test of region R starts or ends at a time with seconds; "
        "Alertmanager's time intervals have whole minutes");
}

TEST_CASE("domain::alertmanager_time_intervals: a region without windows never holds") {
  Region empty;
  empty.id = "X";
  const auto intervals = alertmanager_time_intervals({empty}, k_now);
  REQUIRE(intervals.ok());
  REQUIRE(intervals->size() == 1);
  CHECK(intervals->front().name == "slated-window-X");
  CHECK(intervals->front().entries.empty());
}

TEST_CASE("domain::alertmanager_time_intervals hold exactly when the shipped windows do") {
  // Every 15 minutes over two years (the shipped windows start and end on
  // the half hour), Alertmanager's reading of the intervals must give the
  // instants of slated's occurrences. No shipped window has a start or end
  // in a DST gap or fold (the clocks change on Sundays at night; AU's
  // Tuesday and US's Monday windows stay clear of it), so they agree on
  // every day.
  const Interval range{utc("2026-01-01T00:00:00Z"), utc("2028-01-01T00:00:00Z")};
  const auto intervals = alertmanager_time_intervals(shipped_regions(), range.start);
  REQUIRE(intervals.ok());
  for (std::size_t r = 0; r < shipped_regions().size(); ++r) {
    const auto& region = shipped_regions()[r];
    CAPTURE(region.id);
    std::vector<Interval> occurrences;
    for (const auto& window : region.windows) {
      for (const auto& occurrence : window.rule.occurrences(range)) {
        occurrences.push_back(occurrence.interval);
      }
    }
    int inside = 0;
    int differences = 0;
    for (Instant t = range.start; t < range.end; t += 15min) {
      bool in_window = false;
      for (const auto& occurrence : occurrences) {
        in_window = in_window || occurrence.contains(t);
      }
      bool in_interval = false;
      for (const auto& entry : intervals->at(r).entries) {
        in_interval = in_interval || holds(entry, t);
      }
      inside += in_window ? 1 : 0;
      if (in_window != in_interval && differences++ < 5) {
        CAPTURE(iso(t));
        CHECK(in_window == in_interval);
      }
    }
    CHECK(differences == 0);
    // Two years of weekly windows of 2 to 4 hours: over 100 occurrences of
    // 8 to 16 quarter hours each.
    CHECK(inside > 800);
  }
}

TEST_CASE("domain::alertmanager_time_intervals: in a DST gap Alertmanager starts earlier") {
  // Sun 02:30-04:00 in Sydney; on 2026-10-04 the clock jumps 02:00 -> 03:00
  // (16:00Z). slated moves the start forward by the gap: 02:30 + 1 h = 03:30
  // AEDT = 16:30Z. Alertmanager reads 03:00 AEDT (16:00Z) as past 02:30 and
  // holds from the jump.
  const auto regions = region_with("Australia/Sydney", days({date::Sunday}), 2h + 30min, 4h);
  const auto occurrence = regions.front().windows.front().rule.occurrence_on(day("2026-10-04"));
  REQUIRE(occurrence.has_value());
  CHECK(iso(occurrence->interval.start) == "2026-10-03T16:30:00Z");
  const auto intervals = alertmanager_time_intervals(regions, k_now);
  REQUIRE(intervals.ok());
  const auto& entry = intervals->front().entries.front();
  CHECK_FALSE(holds(entry, utc("2026-10-03T15:59:00Z")));
  CHECK(holds(entry, utc("2026-10-03T16:00:00Z")));
  CHECK(holds(entry, utc("2026-10-03T16:29:00Z")));
  // 04:00 AEDT = 17:00Z: both end there.
  CHECK(iso(occurrence->interval.end) == "2026-10-03T17:00:00Z");
  CHECK(holds(entry, utc("2026-10-03T16:59:00Z")));
  CHECK_FALSE(holds(entry, utc("2026-10-03T17:00:00Z")));
}
