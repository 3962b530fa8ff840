#include <slate/domain/form_comparison.hpp>

#include <cstdlib>
#include <optional>

namespace slate::domain {
namespace {

// Two statements of one weekly window are at most a few hours apart; an
// occurrence further than half a week away belongs to another week.
constexpr Seconds k_pairing_limit = std::chrono::hours{84};

Seconds distance(Instant a, Instant b) {
  return a < b ? b - a : a - b;
}

} // namespace

std::vector<FormDisagreement> compare_forms(const WindowRule& contract, const WindowRule& alternate,
                                            const Interval& range) {
  std::vector<FormDisagreement> runs;
  const auto alternates =
      alternate.occurrences(Interval{range.start - k_pairing_limit, range.end + k_pairing_limit});
  std::size_t nearest = 0;
  // An occurrence on which both statements agree ends the current run.
  bool run_open = false;
  for (const auto& occurrence : contract.occurrences(range)) {
    if (occurrence.interval.start < range.start) {
      continue; // started before the range: judged with the range before
    }
    while (nearest + 1 < alternates.size() &&
           distance(alternates[nearest + 1].interval.start, occurrence.interval.start) <=
               distance(alternates[nearest].interval.start, occurrence.interval.start)) {
      ++nearest;
    }
    FormDisagreement found{occurrence.day, occurrence.day, 1, Seconds{0}, Seconds{0}, true};
    if (!alternates.empty() && distance(alternates[nearest].interval.start,
                                        occurrence.interval.start) <= k_pairing_limit) {
      const Interval& other = alternates[nearest].interval;
      found.missing = false;
      found.start_difference = other.start - occurrence.interval.start;
      found.end_difference = other.end - occurrence.interval.end;
      if (found.start_difference == Seconds{0} && found.end_difference == Seconds{0}) {
        run_open = false;
        continue;
      }
    }
    auto* last = runs.empty() ? nullptr : &runs.back();
    if (run_open && last != nullptr && last->missing == found.missing &&
        last->start_difference == found.start_difference &&
        last->end_difference == found.end_difference) {
      last->last_day = occurrence.day;
      ++last->occurrences;
    } else {
      runs.push_back(found);
      run_open = true;
    }
  }
  return runs;
}

std::vector<IrregularOccurrence> irregular_occurrences(const WindowRule& rule,
                                                       const Interval& range) {
  std::vector<IrregularOccurrence> found;
  if (range.empty()) {
    return found;
  }
  const Seconds nominal = rule.nominal_length();
  // Walk local days a little beyond the range: a day's start can lie an
  // offset away from its date's UTC midnight.
  const LocalDate first =
      date::floor<date::days>(rule.zone().to_local(range.start).local) - date::days{1};
  const LocalDate last =
      date::floor<date::days>(rule.zone().to_local(range.end).local) + date::days{1};
  for (LocalDate day = first; day <= last; day += date::days{1}) {
    if (!rule.days().contains(date::weekday{day}) ||
        (rule.first_day() && day < *rule.first_day()) ||
        (rule.last_day() && day > *rule.last_day())) {
      continue;
    }
    const LocalTime local_start = LocalTime{day} + rule.local_start();
    const Instant start = rule.zone().to_utc(local_start);
    if (start < range.start || start >= range.end) {
      continue;
    }
    const auto occurrence = rule.occurrence_on(day);
    if (!occurrence) {
      found.push_back({day, Interval{start, start}, Seconds{0}, nominal});
      continue;
    }
    const Seconds length = occurrence->interval.end - occurrence->interval.start;
    if (length != nominal) {
      found.push_back({day, occurrence->interval, length, nominal});
    }
  }
  return found;
}

} // namespace slate::domain
