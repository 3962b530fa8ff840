#include <slate/domain/dual_time_text.hpp>

namespace slate::domain {
namespace {

constexpr std::string_view k_dash = "\u2013";

LocalDate day_of(const LocalReading& reading) {
  return date::floor<date::days>(reading.local);
}

std::string clock(const LocalReading& reading) {
  return date::format("%R", reading.local);
}

std::string dated(const LocalReading& reading) {
  return date::format("%a %d %b %R", reading.local);
}

// The range on one clock. `start_dated` says whether the start needs its
// date (the end gets one whenever it is on another day than the start).
std::string range(const LocalReading& start, const LocalReading& end, bool start_dated) {
  const bool same_day = day_of(start) == day_of(end);
  const bool same_abbreviation = start.abbreviation == end.abbreviation;
  std::string text = start_dated ? dated(start) : clock(start);
  if (!same_abbreviation) {
    text += " " + start.abbreviation;
  }
  text += k_dash;
  text += same_day ? clock(end) : dated(end);
  text += " " + end.abbreviation;
  return text;
}

} // namespace

std::string local_and_home(const Interval& interval, const Zone& local, const Zone& home) {
  const auto start = local.to_local(interval.start);
  const auto end = local.to_local(interval.end);
  std::string text = range(start, end, true);
  if (home == local) {
    return text;
  }
  const auto home_start = home.to_local(interval.start);
  const auto home_end = home.to_local(interval.end);
  return text + " (" + range(home_start, home_end, day_of(home_start) != day_of(start)) + ")";
}

std::string local_and_home(Instant instant, const Zone& local, const Zone& home) {
  const auto reading = local.to_local(instant);
  std::string text = dated(reading) + " " + reading.abbreviation;
  if (home == local) {
    return text;
  }
  const auto home_reading = home.to_local(instant);
  return text + " (" +
         (day_of(home_reading) != day_of(reading) ? dated(home_reading) : clock(home_reading)) +
         " " + home_reading.abbreviation + ")";
}

std::string local_range_text(const Interval& interval, const Zone& zone) {
  return range(zone.to_local(interval.start), zone.to_local(interval.end), true);
}

std::string length_words(Seconds length) {
  if (length < Seconds{0}) {
    return "-" + length_words(-length);
  }
  const auto days = std::chrono::duration_cast<std::chrono::days>(length);
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(length - days);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(length - days - hours);
  const auto seconds = length - days - hours - minutes;
  std::string text;
  const auto add = [&text](long long count, const char* unit) {
    if (count == 0) {
      return;
    }
    text +=
        (text.empty() ? "" : " ") + std::to_string(count) + " " + unit + (count == 1 ? "" : "s");
  };
  add(days.count(), "day");
  add(hours.count(), "hour");
  add(minutes.count(), "minute");
  add(seconds.count(), "second");
  return text.empty() ? "0 minutes" : text;
}

} // namespace slate::domain
