#include <slate/domain/time_text.hpp>

namespace slate::domain {
namespace {

std::string local_text(const LocalReading& reading, bool with_date) {
  return (with_date ? date::format("%a %d %b ", reading.local) : std::string()) +
         date::format("%R", reading.local) + " " + reading.abbreviation;
}

} // namespace

std::string utc_and_local(Instant instant, const Zone& zone) {
  return date::format("%F %R UTC", instant) + " (" + local_text(zone.to_local(instant), true) + ")";
}

std::string utc_and_local(const Interval& interval, const Zone& zone) {
  const auto start = zone.to_local(interval.start);
  const auto end = zone.to_local(interval.end);
  const bool same_utc_day =
      date::floor<date::days>(interval.start) == date::floor<date::days>(interval.end);
  const bool same_local_day =
      date::floor<date::days>(start.local) == date::floor<date::days>(end.local);
  std::string text = date::format("%F %R", interval.start) + "-" +
                     date::format(same_utc_day ? "%R" : "%F %R", interval.end) + " UTC (" +
                     local_text(start, true) + "-" + local_text(end, !same_local_day) + ")";
  return text;
}

std::string length_text(Seconds length) {
  if (length < Seconds{0}) {
    return "-" + length_text(-length);
  }
  const auto days = std::chrono::duration_cast<std::chrono::days>(length);
  const auto hours = std::chrono::duration_cast<std::chrono::hours>(length - days);
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(length - days - hours);
  const auto seconds = length - days - hours - minutes;
  std::string text;
  if (days.count() != 0) {
    text += std::to_string(days.count()) + "d";
  }
  if (hours.count() != 0) {
    text += std::to_string(hours.count()) + "h";
  }
  if (minutes.count() != 0) {
    text += std::to_string(minutes.count()) + "m";
  }
  if (seconds.count() != 0 || text.empty()) {
    text += std::to_string(seconds.count()) + "s";
  }
  return text;
}

} // namespace slate::domain
