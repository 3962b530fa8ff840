#include <slate/formats/alertmanager_time_intervals.hpp>

#include <array>
#include <string_view>

namespace slate::formats {
namespace {

// A YAML double-quoted scalar: only '\' and '"' need escapes, and control
// characters, which YAML does not allow raw.
std::string quoted(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (byte < 0x20 || byte == 0x7F) {
      static constexpr char k_hex[] = "0123456789ABCDEF";
      out += "\\x";
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0x0F];
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// "HH:MM" for a minute of the day from 0 to 1440 ("24:00").
std::string clock(int minutes) {
  const auto two = [](int n) {
    return std::string{static_cast<char>('0' + n / 10), static_cast<char>('0' + n % 10)};
  };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

std::string range(const domain::NumberRange& r) {
  return quoted(r.first == r.last ? std::to_string(r.first)
                                  : std::to_string(r.first) + ":" + std::to_string(r.last));
}

std::string weekdays(const domain::WeekdaySet& days) {
  static constexpr std::array<std::string_view, 7> k_names{
      "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"};
  std::string out = "[";
  for (unsigned i = 1; i <= 7; ++i) {
    const unsigned day = i % 7; // Monday first, as people read a week
    if (days.contains(date::weekday{day})) {
      out += (out.size() > 1 ? ", " : "") + quoted(k_names[day]);
    }
  }
  return out + "]";
}

} // namespace

std::string time_intervals_yaml(const std::vector<domain::TimeInterval>& intervals) {
  std::string out = "# The maintenance windows of slated's regions, for mute_time_intervals or\n"
                    "# active_time_intervals in Alertmanager routes.\n";
  if (intervals.empty()) {
    return out + "time_intervals: []\n";
  }
  out += "time_intervals:\n";
  for (const auto& interval : intervals) {
    out += "  - name: " + quoted(interval.name) + "\n";
    if (interval.entries.empty()) {
      out += "    time_intervals: []\n";
      continue;
    }
    out += "    time_intervals:\n";
    for (const auto& entry : interval.entries) {
      out += "      - weekdays: " + weekdays(entry.weekdays) + "\n";
      out += "        times:\n";
      out += "          - start_time: " + quoted(clock(entry.start_minute)) + "\n";
      out += "            end_time: " + quoted(clock(entry.end_minute)) + "\n";
      if (entry.years) {
        out += "        years: [" + range(*entry.years) + "]\n";
      }
      if (entry.months) {
        out += "        months: [" + range(*entry.months) + "]\n";
      }
      if (entry.days_of_month) {
        out += "        days_of_month: [" + range(*entry.days_of_month) + "]\n";
      }
      out += "        location: " + quoted(entry.location) + "\n";
    }
  }
  return out;
}

} // namespace slate::formats
