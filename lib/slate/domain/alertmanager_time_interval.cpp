#include <slate/domain/alertmanager_time_interval.hpp>

#include <date/date.h>

namespace slate::domain {
namespace {

constexpr int k_minutes_per_day = 24 * 60;

struct DateBounds {
  std::optional<NumberRange> years;
  std::optional<NumberRange> months;
  std::optional<NumberRange> days_of_month;
};

int year_of(const date::year_month_day& ymd) {
  return static_cast<int>(ymd.year());
}
int month_of(const date::year_month_day& ymd) {
  return static_cast<int>(static_cast<unsigned>(ymd.month()));
}
int day_of(const date::year_month_day& ymd) {
  return static_cast<int>(static_cast<unsigned>(ymd.day()));
}

// Write the dates [from, to] (both inclusive, from <= to) as Alertmanager
// entries, each a product of a years, months and days-of-month range: a
// partial first month, the rest of its year, whole years, the start of the
// last year, a partial last month. At most five, in order.
std::vector<DateBounds> date_bounds(LocalDate from, LocalDate to) {
  std::vector<DateBounds> out;
  date::year_month_day a{from};
  date::year_month_day b{to};
  const auto single = [](int value) { return NumberRange{value, value}; };
  if (a.year() == b.year() && a.month() == b.month()) {
    out.push_back({single(year_of(a)), single(month_of(a)), NumberRange{day_of(a), day_of(b)}});
    return out;
  }
  std::optional<DateBounds> last_month;
  if (day_of(a) != 1) {
    // Day 31 stands for the month's last day: Alertmanager clamps it.
    out.push_back({single(year_of(a)), single(month_of(a)), NumberRange{day_of(a), 31}});
    const date::year_month next = date::year_month{a.year(), a.month()} + date::months{1};
    a = next / date::day{1};
  }
  if (b != b.year() / b.month() / date::last) {
    last_month = DateBounds{single(year_of(b)), single(month_of(b)), NumberRange{1, day_of(b)}};
    b = date::year_month_day{date::sys_days{b.year() / b.month() / date::day{1}} - date::days{1}};
  }
  // [a, b] now holds whole months, or nothing.
  if (date::sys_days{a} <= date::sys_days{b}) {
    if (a.year() == b.year()) {
      out.push_back({single(year_of(a)), NumberRange{month_of(a), month_of(b)}, std::nullopt});
    } else {
      if (month_of(a) != 1) {
        out.push_back({single(year_of(a)), NumberRange{month_of(a), 12}, std::nullopt});
        a = (a.year() + date::years{1}) / date::January / date::day{1};
      }
      std::optional<DateBounds> last_year;
      if (month_of(b) != 12) {
        last_year = DateBounds{single(year_of(b)), NumberRange{1, month_of(b)}, std::nullopt};
        b = (b.year() - date::years{1}) / date::December / date::day{31};
      }
      if (a.year() <= b.year()) {
        out.push_back({NumberRange{year_of(a), year_of(b)}, std::nullopt, std::nullopt});
      }
      if (last_year) {
        out.push_back(*last_year);
      }
    }
  }
  if (last_month) {
    out.push_back(*last_month);
  }
  return out;
}

WeekdaySet next_days(const WeekdaySet& days) {
  WeekdaySet out;
  for (unsigned i = 0; i < 7; ++i) {
    if (days.contains(date::weekday{i})) {
      out.add(date::weekday{(i + 1) % 7});
    }
  }
  return out;
}

// One wall-clock piece of a window: weekdays, minutes and the dates of the
// days it lies on.
struct Piece {
  WeekdaySet weekdays;
  int start_minute;
  int end_minute;
  std::optional<LocalDate> first_day;
  std::optional<LocalDate> last_day;
};

void add_entries(const Piece& piece, const std::string& location, LocalDate today,
                 std::vector<TimeIntervalEntry>& entries) {
  if (piece.end_minute <= piece.start_minute) {
    return;
  }
  if (piece.last_day && *piece.last_day < today) {
    return;
  }
  const auto entry = [&](const DateBounds& dates) {
    return TimeIntervalEntry{piece.weekdays, piece.start_minute, piece.end_minute,   location,
                             dates.years,    dates.months,       dates.days_of_month};
  };
  // Bounds in the past constrain nothing from now on.
  const bool first_matters = piece.first_day && *piece.first_day > today;
  if (!first_matters && !piece.last_day) {
    entries.push_back(entry({}));
    return;
  }
  const LocalDate from = first_matters ? *piece.first_day : today;
  const LocalDate to =
      piece.last_day.value_or(LocalDate{date::year{9999} / date::December / date::day{31}});
  for (const auto& dates : date_bounds(from, to)) {
    entries.push_back(entry(dates));
  }
}

} // namespace

std::string time_interval_name(std::string_view region_id) {
  return "slated-window-" + std::string(region_id);
}

Result<std::vector<TimeInterval>> alertmanager_time_intervals(const std::vector<Region>& regions,
                                                              Instant now) {
  std::vector<TimeInterval> out;
  Problems problems;
  for (const auto& region : regions) {
    TimeInterval interval{time_interval_name(region.id), {}};
    for (const auto& window : region.windows) {
      const auto& rule = window.rule;
      if (rule.local_start() % std::chrono::minutes{1} != Seconds{0} ||
          rule.local_end() % std::chrono::minutes{1} != Seconds{0}) {
        problems.push_back({Code::window_not_whole_minutes, window.source,
                            window.source + ": window " + window.uid + " of region " + region.id +
                                " starts or ends at a time with seconds; Alertmanager's time "
                                "intervals have whole minutes"});
        continue;
      }
      const int start =
          static_cast<int>(std::chrono::floor<std::chrono::minutes>(rule.local_start()).count());
      const int end =
          static_cast<int>(std::chrono::floor<std::chrono::minutes>(rule.local_end()).count());
      const LocalDate today = date::floor<date::days>(rule.zone().to_local(now).local);
      const std::string& location = rule.zone().name();
      if (!rule.crosses_midnight()) {
        add_entries({rule.days(), start, end, rule.first_day(), rule.last_day()}, location, today,
                    interval.entries);
        continue;
      }
      const auto next = [](const std::optional<LocalDate>& day) {
        return day ? std::optional<LocalDate>(*day + date::days{1}) : std::nullopt;
      };
      add_entries({rule.days(), start, k_minutes_per_day, rule.first_day(), rule.last_day()},
                  location, today, interval.entries);
      add_entries({next_days(rule.days()), 0, end, next(rule.first_day()), next(rule.last_day())},
                  location, today, interval.entries);
    }
    out.push_back(std::move(interval));
  }
  if (!problems.empty()) {
    return problems;
  }
  return out;
}

} // namespace slate::domain
