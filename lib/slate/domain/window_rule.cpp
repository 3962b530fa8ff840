#include <slate/domain/window_rule.hpp>

#include <date/date.h>

namespace slate::domain {
namespace {

constexpr Seconds k_day{86400};

// No zone's offset reaches 26 h, so a local date more than two days away from
// a UTC instant cannot hold an occurrence touching it; the margin keeps the
// date arithmetic simple and obviously safe.
constexpr date::days k_date_margin{2};

LocalDate local_date_of(Instant t, const Zone& zone) {
  return date::floor<date::days>(zone.to_local(t).local);
}

} // namespace

Result<WindowRule> WindowRule::make(Spec spec) {
  Problems problems;
  if (spec.days.empty()) {
    problems.push_back(
        {Code::window_no_days, "days", "a window needs at least one day of the week"});
  }
  const auto in_day = [](Seconds s) { return s >= Seconds{0} && s < k_day; };
  if (!in_day(spec.local_start)) {
    problems.push_back({Code::window_start_out_of_day, "start",
                        "the local start must be a time of day from 00:00 to 23:59:59"});
  }
  if (!in_day(spec.local_end)) {
    problems.push_back({Code::window_end_out_of_day, "end",
                        "the local end must be a time of day from 00:00 to 23:59:59"});
  }
  if (spec.first_day && spec.last_day && *spec.last_day < *spec.first_day) {
    problems.push_back({Code::window_bounds_reversed, "until",
                        "the last day of the window comes before its first day"});
  }
  if (!problems.empty()) {
    return problems;
  }
  return WindowRule(std::move(spec));
}

Seconds WindowRule::nominal_length() const {
  return crosses_midnight() ? k_day - m_spec.local_start + m_spec.local_end
                            : m_spec.local_end - m_spec.local_start;
}

std::optional<Occurrence> WindowRule::occurrence_on(LocalDate day) const {
  if (!m_spec.days.contains(date::weekday{day})) {
    return std::nullopt;
  }
  if ((m_spec.first_day && day < *m_spec.first_day) ||
      (m_spec.last_day && day > *m_spec.last_day)) {
    return std::nullopt;
  }
  const LocalTime local_start = LocalTime{day} + m_spec.local_start;
  const LocalTime local_end = local_start + nominal_length();
  const Interval interval{m_spec.zone.to_utc(local_start), m_spec.zone.to_utc(local_end)};
  // A start inside a gap moves forward by the gap and can pass the end
  // (02:30-03:15 on a 02:00->03:00 day): no instant is left, so no occurrence.
  if (interval.empty()) {
    return std::nullopt;
  }
  return Occurrence{interval, day, local_start, local_end};
}

std::vector<Occurrence> WindowRule::occurrences(const Interval& range) const {
  std::vector<Occurrence> out;
  if (range.empty()) {
    return out;
  }
  const LocalDate first = local_date_of(range.start, m_spec.zone) - k_date_margin;
  const LocalDate last = local_date_of(range.end, m_spec.zone) + k_date_margin;
  for (LocalDate day = first; day <= last; day += date::days{1}) {
    if (auto occurrence = occurrence_on(day); occurrence && occurrence->interval.overlaps(range)) {
      out.push_back(*occurrence);
    }
  }
  return out;
}

std::optional<Occurrence> WindowRule::next_starting(Instant from, Instant horizon) const {
  if (horizon <= from) {
    return std::nullopt;
  }
  // Walk day by day rather than expanding the whole range, so that asking
  // for the next window with a ten-year horizon costs a few steps.
  const LocalDate last = local_date_of(horizon, m_spec.zone) + k_date_margin;
  for (LocalDate day = local_date_of(from, m_spec.zone) - k_date_margin; day <= last;
       day += date::days{1}) {
    if (m_spec.last_day && day > *m_spec.last_day) {
      break;
    }
    auto occurrence = occurrence_on(day);
    if (!occurrence || occurrence->interval.start < from) {
      continue;
    }
    if (occurrence->interval.start >= horizon) {
      break;
    }
    return occurrence;
  }
  return std::nullopt;
}

} // namespace slate::domain
