#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/problem.hpp>
#include <slate/domain/zone.hpp>

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace slate::domain {

// One range of business hours on a day of the week, measured on the wall
// clock from the local midnight that begins the day: [start, end). An end
// past 24 h runs into the next day, so "22:00-02:00" under Monday is
// {22 h, 26 h}: Monday 22:00 to Tuesday 02:00 local time.
struct HoursRange {
  Seconds start{0}; // in [0, 24 h)
  Seconds end{0};   // in (start, start + 24 h]

  friend bool operator==(const HoursRange&, const HoursRange&) = default;
};

// The business hours of each day of the week; index i is date::weekday{i}
// (0 = Sunday), as WeekdaySet numbers them.
using WeeklyHours = std::array<std::vector<HoursRange>, 7>;

// A named time a business calendar is closed, as a holiday file gives it.
// An all-day holiday is the local date in the calendar's own zone (midnight
// to midnight there, never a UTC day), so a holiday file serves calendars in
// any zone and is never a day early.
struct Holiday {
  std::string name;   // "Good Friday"
  std::string source; // the file it came from, "england-and-wales.ics"
  LocalTime start;    // wall-clock start, inclusive
  LocalTime end;      // wall-clock end, exclusive
  // The zone `start` and `end` are read in; none: the calendar's own zone
  // (all-day events and floating times).
  std::optional<Zone> zone;
};

// One stretch of time as a business calendar sees it.
struct CalendarStretch {
  Interval interval;
  bool counts = false; // true for business hours
  // "business hours", "outside business hours" or, for business hours a
  // holiday closes, "holiday: Good Friday (england-and-wales.ics)" (several
  // holidays on the same time are named together and count once).
  std::string reason;

  friend bool operator==(const CalendarStretch&, const CalendarStretch&) = default;
};

// The reasons CalendarStretch uses for open and closed hours.
inline constexpr const char* k_business_hours = "business hours";
inline constexpr const char* k_outside_business_hours = "outside business hours";

// When a support clock runs: weekly hours on the wall clock of an IANA zone
// (several ranges a day, ranges across midnight) or 24x7, minus holidays.
//
// Time rules (DOMAIN.md "Time"): each range's local start and end become
// instants by the domain rule -- a local time in a spring-forward gap moves
// forward by the gap, one in a fall-back fold is its earlier instant -- and
// the business time of the range is the real time between those instants.
// So 09:00-17:30 is 8 h 30 min on every day, DST days included; a range
// through a gap is shorter by the gap (00:00-04:00 on a day that skips
// 01:00-02:00 counts 3 h) and one through a fold longer (4 h becomes 5 h).
// A range that starts and ends inside the same gap counts what its moved
// ends span. Where the moved ends of two ranges overlap, the overlap counts
// once. Python's zoneinfo with fold=0 maps gap and fold times the same way.
//
// A 24x7 calendar is one stretch of business hours with no daily boundary,
// so it is never closed at midnight; holidays, if it has any, close it.
class BusinessCalendar {
public:
  // Most ranges one day may have.
  static constexpr std::size_t k_max_ranges_per_day = 8;

  struct Spec {
    Zone zone = Zone::utc();
    bool always_open = false; // 24x7: `hours` must be empty
    WeeklyHours hours;
    // The length of one business day, for targets in days ("P3D"); a
    // 24x7 calendar defaults to 24 h, a weekly one has none unless given.
    std::optional<Seconds> business_day;
    std::vector<Holiday> holidays;
  };

  // Return the calendar, or every problem with `spec`: no hours at all,
  // hours in a 24x7 calendar, a range outside a day or longer than 24 h,
  // more than k_max_ranges_per_day ranges a day, ranges that overlap on
  // the wall clock (across midnight and the week's end too), a business day
  // not longer than zero or longer than 24 h, a holiday that ends before it
  // starts. Problems name the field ("hours.mon", "business_day",
  // "holidays").
  static Result<BusinessCalendar> make(Spec spec);

  const Zone& zone() const { return m_spec.zone; }
  bool always_open() const { return m_spec.always_open; }
  const WeeklyHours& hours() const { return m_spec.hours; }
  const std::vector<Holiday>& holidays() const { return m_spec.holidays; }
  const std::optional<Seconds>& business_day() const { return m_spec.business_day; }

  // Return `range` cut into consecutive stretches that together cover it
  // exactly, each with whether it counts and why; adjacent stretches with
  // the same reason are one. Empty for an empty range.
  std::vector<CalendarStretch> stretches(const Interval& range) const;

  // Return the earliest instant at which `amount` of business time has
  // passed since `start` (the due instant of a target of `amount` started
  // at `start`): `start` itself for a zero amount. std::nullopt if the
  // calendar has no business time for ten years on end from some point
  // before the amount is reached (every day a holiday).
  std::optional<Instant> add(Instant start, Seconds amount) const;

  // Return the business time inside `range`, in seconds.
  Seconds business_seconds(const Interval& range) const;

  // A disjoint part of the calendar's holidays, in instants, with the
  // reason stretches inside it give.
  struct ClosedSpan {
    Interval interval;
    std::string reason;
  };

  // A piece of the calendar's time: business hours, or business hours a
  // holiday closes (`holiday` points at its reason).
  struct Piece {
    Interval interval;
    const std::string* holiday = nullptr;
  };

  // Walks a calendar forward from an instant, one piece of its (weekly or
  // 24x7) hours at a time, without building a list. Time between pieces is
  // outside business hours. Keeps a reference to the calendar.
  class Cursor {
  public:
    Cursor(const BusinessCalendar& calendar, Instant from);

    // Return the next piece, starting at or after the end of the previous
    // one (and at or after `from`), or std::nullopt once the calendar has
    // had no business hours for ten years on end.
    std::optional<Piece> next();

  private:
    bool load_day();
    bool load_next_open();

    const BusinessCalendar& m_calendar;
    Instant m_frontier;
    LocalDate m_day;
    std::array<Interval, k_max_ranges_per_day> m_day_open{};
    std::size_t m_day_count = 0;
    std::size_t m_day_index = 0;
    std::optional<Interval> m_open; // the open time not yet returned
    std::size_t m_closed_index = 0;
    bool m_always_done = false;
  };

private:
  BusinessCalendar(Spec spec, std::vector<ClosedSpan> closed, bool crosses_midnight)
      : m_spec(std::move(spec)), m_closed(std::move(closed)), m_crosses_midnight(crosses_midnight) {
  }

  Spec m_spec;
  std::vector<ClosedSpan> m_closed; // sorted, disjoint
  bool m_crosses_midnight = false;  // some range runs into the next day
};

} // namespace slate::domain
