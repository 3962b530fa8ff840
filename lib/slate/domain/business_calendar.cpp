#include <slate/domain/business_calendar.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace slate::domain {
namespace {

// One day, and one week, on the wall clock.
constexpr Seconds k_day{86400};
constexpr Seconds k_week{7 * 86400};

// Past every instant slated accepts (formats::k_latest_instant is the end
// of 8999): the end of a 24x7 calendar's one stretch.
constexpr Instant k_far_future{date::sys_days{date::year{9000} / 1 / 1}};

// How long a calendar may have no business time before add() gives up.
constexpr date::days k_give_up_after{3660};

constexpr const char* k_day_keys[] = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};

std::string hhmm(Seconds time) {
  const long long minutes = time.count() / 60;
  char text[48];
  std::snprintf(text, sizeof text, "%02lld:%02lld", minutes / 60, minutes % 60);
  return text;
}

std::string range_text(const HoursRange& range) {
  return hhmm(range.start) + "-" + hhmm(range.end - (range.end > k_day ? k_day : Seconds{0}));
}

Problems check_hours(const BusinessCalendar::Spec& spec) {
  Problems problems;
  if (spec.always_open) {
    for (const auto& day : spec.hours) {
      if (!day.empty()) {
        problems.push_back({Code::calendar_invalid, "hours",
                            "a 24x7 calendar has no weekly hours; give either hours = \"24x7\" or "
                            "ranges per day"});
        break;
      }
    }
    return problems;
  }
  // Each range as seconds since Sunday 00:00, with a copy a week earlier
  // for a Saturday range that runs into Sunday, so that one sort finds
  // every overlap, across midnight and across the week's end.
  struct WeekRange {
    Seconds start;
    Seconds end;
    std::size_t day;
    HoursRange range;
  };
  std::vector<WeekRange> week;
  bool any = false;
  for (std::size_t day = 0; day < 7; ++day) {
    const std::string field = std::string("hours.") + k_day_keys[day];
    const auto& ranges = spec.hours[day];
    if (ranges.size() > BusinessCalendar::k_max_ranges_per_day) {
      problems.push_back({Code::calendar_invalid, field,
                          std::string(k_day_keys[day]) + " has " + std::to_string(ranges.size()) +
                              " ranges; a day may have at most " +
                              std::to_string(BusinessCalendar::k_max_ranges_per_day)});
    }
    for (const auto& range : ranges) {
      any = true;
      if (range.start < Seconds{0} || range.start >= k_day) {
        problems.push_back(
            {Code::calendar_invalid, field, "a range must start from 00:00 to 23:59"});
        continue;
      }
      if (range.end <= range.start || range.end > range.start + k_day) {
        problems.push_back({Code::calendar_invalid, field,
                            "a range must end after its start and at most 24 hours later "
                            "(\"22:00-02:00\" runs into the next day)"});
        continue;
      }
      const Seconds offset = k_day * static_cast<int>(day);
      week.push_back({offset + range.start, offset + range.end, day, range});
      if (week.back().end > k_week) {
        week.push_back({week.back().start - k_week, week.back().end - k_week, day, range});
      }
    }
  }
  if (!any) {
    problems.push_back({Code::calendar_invalid, "hours",
                        "the calendar has no business hours at all; give ranges such as mon = "
                        "[\"09:00-17:00\"], or hours = \"24x7\""});
  }
  std::sort(week.begin(), week.end(),
            [](const WeekRange& a, const WeekRange& b) { return a.start < b.start; });
  for (std::size_t i = 1; i < week.size(); ++i) {
    if (week[i].start < week[i - 1].end) {
      const std::string field = std::string("hours.") + k_day_keys[week[i].day];
      problems.push_back({Code::calendar_invalid, field,
                          std::string(k_day_keys[week[i].day]) + " " + range_text(week[i].range) +
                              " overlaps " + k_day_keys[week[i - 1].day] + " " +
                              range_text(week[i - 1].range) +
                              " on the wall clock; give each business hour once"});
    }
  }
  return problems;
}

// Cut the calendar's holidays, as instants, into disjoint spans, each with
// every holiday that covers it named once, so that overlapping holidays
// close the calendar once and the ledger still names each of them.
std::vector<BusinessCalendar::ClosedSpan> closed_spans(const BusinessCalendar::Spec& spec) {
  struct Item {
    Interval interval;
    std::string label;
  };
  std::vector<Item> items;
  items.reserve(spec.holidays.size());
  for (const auto& holiday : spec.holidays) {
    const Zone& zone = holiday.zone ? *holiday.zone : spec.zone;
    const Interval interval{zone.to_utc(holiday.start), zone.to_utc(holiday.end)};
    if (!interval.empty()) {
      items.push_back({interval, holiday.name + " (" + holiday.source + ")"});
    }
  }
  std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
    return a.interval.start < b.interval.start;
  });
  std::vector<Instant> bounds;
  bounds.reserve(items.size() * 2);
  for (const auto& item : items) {
    bounds.push_back(item.interval.start);
    bounds.push_back(item.interval.end);
  }
  std::sort(bounds.begin(), bounds.end());
  bounds.erase(std::unique(bounds.begin(), bounds.end()), bounds.end());

  std::vector<BusinessCalendar::ClosedSpan> spans;
  std::vector<const Item*> active;
  std::size_t next = 0;
  for (std::size_t i = 0; i + 1 < bounds.size(); ++i) {
    const Interval piece{bounds[i], bounds[i + 1]};
    while (next < items.size() && items[next].interval.start <= piece.start) {
      active.push_back(&items[next++]);
    }
    active.erase(
        std::remove_if(active.begin(), active.end(),
                       [&](const Item* item) { return item->interval.end <= piece.start; }),
        active.end());
    if (active.empty()) {
      continue;
    }
    std::vector<const std::string*> labels;
    for (const Item* item : active) {
      if (std::none_of(labels.begin(), labels.end(),
                       [&](const std::string* label) { return *label == item->label; })) {
        labels.push_back(&item->label);
      }
    }
    std::string reason = "holiday: ";
    for (std::size_t j = 0; j < labels.size(); ++j) {
      reason += (j == 0 ? "" : ", ") + *labels[j];
    }
    if (!spans.empty() && spans.back().interval.end == piece.start &&
        spans.back().reason == reason) {
      spans.back().interval.end = piece.end;
    } else {
      spans.push_back({piece, std::move(reason)});
    }
  }
  return spans;
}

void append(std::vector<CalendarStretch>& out, const Interval& interval, bool counts,
            const std::string& reason) {
  if (interval.empty()) {
    return;
  }
  if (!out.empty() && out.back().interval.end == interval.start && out.back().counts == counts &&
      out.back().reason == reason) {
    out.back().interval.end = interval.end;
    return;
  }
  out.push_back({interval, counts, reason});
}

} // namespace

Result<BusinessCalendar> BusinessCalendar::make(Spec spec) {
  Problems problems = check_hours(spec);
  if (spec.always_open && !spec.business_day) {
    spec.business_day = k_day;
  }
  if (spec.business_day && (*spec.business_day <= Seconds{0} || *spec.business_day > k_day)) {
    problems.push_back({Code::calendar_invalid, "business_day",
                        "business_day must be longer than zero and at most 24 hours, e.g. PT10H "
                        "for 08:00-18:00"});
  }
  for (const auto& holiday : spec.holidays) {
    if (holiday.end <= holiday.start) {
      problems.push_back(
          {Code::calendar_invalid, "holidays",
           "holiday '" + holiday.name + "' (" + holiday.source + ") ends before it starts"});
    }
  }
  if (!problems.empty()) {
    return problems;
  }
  bool crosses_midnight = false;
  for (auto& day : spec.hours) {
    std::sort(day.begin(), day.end(),
              [](const HoursRange& a, const HoursRange& b) { return a.start < b.start; });
    crosses_midnight = crosses_midnight || std::any_of(day.begin(), day.end(),
                                                       [](const auto& r) { return r.end > k_day; });
  }
  auto closed = closed_spans(spec);
  return BusinessCalendar(std::move(spec), std::move(closed), crosses_midnight);
}

BusinessCalendar::Cursor::Cursor(const BusinessCalendar& calendar, Instant from)
    : m_calendar(calendar), m_frontier(from),
      // From the day before if its ranges may run past midnight into
      // `from`'s day.
      m_day(date::floor<date::days>(calendar.m_spec.zone.to_local(from).local) -
            date::days{calendar.m_crosses_midnight ? 1 : 0}) {
  const auto& closed = calendar.m_closed;
  m_closed_index = static_cast<std::size_t>(
      std::partition_point(closed.begin(), closed.end(),
                           [&](const ClosedSpan& span) { return span.interval.end <= from; }) -
      closed.begin());
}

bool BusinessCalendar::Cursor::load_day() {
  const Zone& zone = m_calendar.m_spec.zone;
  const auto& ranges = m_calendar.m_spec.hours[date::weekday{m_day}.c_encoding()];
  m_day_count = 0;
  m_day_index = 0;
  for (const auto& range : ranges) {
    const Interval open{zone.to_utc(m_day + range.start), zone.to_utc(m_day + range.end)};
    if (!open.empty()) {
      m_day_open[m_day_count++] = open;
    }
  }
  // A gap can map ranges that are apart on the wall clock onto overlapping
  // or reordered instants; sorted and merged, they count once.
  std::sort(m_day_open.begin(), m_day_open.begin() + static_cast<std::ptrdiff_t>(m_day_count),
            [](const Interval& a, const Interval& b) { return a.start < b.start; });
  std::size_t merged = 0;
  for (std::size_t i = 0; i < m_day_count; ++i) {
    if (merged > 0 && m_day_open[i].start <= m_day_open[merged - 1].end) {
      m_day_open[merged - 1].end = std::max(m_day_open[merged - 1].end, m_day_open[i].end);
    } else {
      m_day_open[merged++] = m_day_open[i];
    }
  }
  m_day_count = merged;
  m_day += date::days{1};
  return m_day_count > 0;
}

bool BusinessCalendar::Cursor::load_next_open() {
  if (m_calendar.m_spec.always_open) {
    if (m_always_done) {
      return false;
    }
    m_always_done = true;
    m_open = Interval{m_frontier, k_far_future};
    return !m_open->empty();
  }
  date::days idle{0};
  while (true) {
    while (m_day_index < m_day_count) {
      Interval open = m_day_open[m_day_index++];
      open.start = std::max(open.start, m_frontier);
      if (!open.empty()) {
        m_open = open;
        return true;
      }
    }
    if (idle > k_give_up_after) {
      return false;
    }
    load_day();
    idle += date::days{1};
  }
}

std::optional<BusinessCalendar::Piece> BusinessCalendar::Cursor::next() {
  if (!m_open && !load_next_open()) {
    return std::nullopt;
  }
  Interval& open = *m_open;
  const auto& closed = m_calendar.m_closed;
  while (m_closed_index < closed.size() && closed[m_closed_index].interval.end <= open.start) {
    ++m_closed_index;
  }
  Piece piece;
  if (m_closed_index < closed.size() && closed[m_closed_index].interval.start <= open.start) {
    const auto& span = closed[m_closed_index];
    piece = {{open.start, std::min(open.end, span.interval.end)}, &span.reason};
  } else {
    Instant end = open.end;
    if (m_closed_index < closed.size() && closed[m_closed_index].interval.start < end) {
      end = closed[m_closed_index].interval.start;
    }
    piece = {{open.start, end}, nullptr};
  }
  open.start = piece.interval.end;
  m_frontier = piece.interval.end;
  if (open.empty()) {
    m_open.reset();
  }
  return piece;
}

std::vector<CalendarStretch> BusinessCalendar::stretches(const Interval& range) const {
  std::vector<CalendarStretch> out;
  if (range.empty()) {
    return out;
  }
  const std::string business = k_business_hours;
  const std::string outside = k_outside_business_hours;
  Cursor cursor(*this, range.start);
  Instant position = range.start;
  while (position < range.end) {
    const auto piece = cursor.next();
    if (!piece || piece->interval.start >= range.end) {
      break;
    }
    append(out, {position, piece->interval.start}, false, outside);
    const Interval part{piece->interval.start, std::min(piece->interval.end, range.end)};
    append(out, part, piece->holiday == nullptr,
           piece->holiday == nullptr ? business : *piece->holiday);
    position = part.end;
  }
  append(out, {position, range.end}, false, outside);
  return out;
}

std::optional<Instant> BusinessCalendar::add(Instant start, Seconds amount) const {
  if (amount <= Seconds{0}) {
    return start;
  }
  if (m_spec.always_open && m_closed.empty()) {
    return start + amount;
  }
  Cursor cursor(*this, start);
  Instant last_business = start;
  while (const auto piece = cursor.next()) {
    if (piece->holiday != nullptr) {
      if (piece->interval.start - last_business > k_give_up_after) {
        return std::nullopt;
      }
      continue;
    }
    const Seconds length = piece->interval.length();
    if (amount <= length) {
      return piece->interval.start + amount;
    }
    amount -= length;
    last_business = piece->interval.end;
  }
  return std::nullopt;
}

Seconds BusinessCalendar::business_seconds(const Interval& range) const {
  if (range.empty()) {
    return Seconds{0};
  }
  if (m_spec.always_open && m_closed.empty()) {
    return range.length();
  }
  Seconds total{0};
  Cursor cursor(*this, range.start);
  while (const auto piece = cursor.next()) {
    if (piece->interval.start >= range.end) {
      break;
    }
    if (piece->holiday == nullptr) {
      total += Interval{piece->interval.start, std::min(piece->interval.end, range.end)}.length();
    }
  }
  return total;
}

} // namespace slate::domain
