#include <slate/formats/iso_duration.hpp>

#include <cctype>
#include <limits>

namespace slate::formats {

domain::Result<DurationParts> parse_iso_duration_parts(std::string_view text,
                                                       std::string_view field) {
  const auto refuse = [&](const std::string& why) {
    return domain::Problem{domain::Code::invalid_duration, std::string(field),
                           std::string(field) + " '" + std::string(text.substr(0, 40)) +
                               "' is not a duration: " + why +
                               "; write an ISO 8601 duration such as PT1H30M, PT45M or P7D"};
  };
  if (text.empty() || text[0] != 'P') {
    return refuse("it must start with P");
  }
  // Each unit at most once, in order; T separates days from the time units.
  constexpr std::string_view units = "DHMS";
  constexpr std::int64_t factor[] = {86400, 3600, 60, 1};
  std::size_t next_unit = 0;
  bool in_time = false;
  bool any = false;
  std::int64_t total = 0;
  DurationParts parts;
  std::size_t i = 1;
  while (i < text.size()) {
    if (text[i] == 'T') {
      if (in_time || i + 1 == text.size()) {
        return refuse("T must appear once and be followed by hours, minutes or seconds");
      }
      in_time = true;
      next_unit = std::max<std::size_t>(next_unit, 1);
      ++i;
      continue;
    }
    std::int64_t value = 0;
    const std::size_t digits_start = i;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) != 0) {
      if (value > std::numeric_limits<std::int32_t>::max()) {
        return refuse("it is too long");
      }
      value = value * 10 + (text[i] - '0');
      ++i;
    }
    if (i == digits_start || i == text.size()) {
      return refuse("each number needs a unit (D, H, M or S) and each unit a whole number");
    }
    const char unit = text[i];
    if (unit == 'Y' || unit == 'W' || (unit == 'M' && !in_time)) {
      return refuse("years, months and weeks have no fixed length; use days (P7D) or hours");
    }
    const auto position = units.find(unit);
    if (position == std::string_view::npos || position < next_unit || (position == 0) == in_time) {
      return refuse("units must be D before T, then H, M, S after T, each at most once");
    }
    total += value * factor[position];
    if (position == 0) {
      parts.days = value;
    } else {
      parts.time += domain::Seconds{value * factor[position]};
    }
    if (total > std::int64_t{10} * 366 * 86400) {
      return refuse("it is longer than ten years");
    }
    next_unit = position + 1;
    any = true;
    ++i;
  }
  if (!any) {
    return refuse("it has no length");
  }
  return parts;
}

domain::Result<domain::Seconds> parse_iso_duration(std::string_view text, std::string_view field) {
  auto parts = parse_iso_duration_parts(text, field);
  if (!parts) {
    return parts.problems();
  }
  return domain::Seconds{parts->days * 86400} + parts->time;
}

std::string format_iso_duration(domain::Seconds length) {
  std::int64_t left = length.count();
  std::string text = "P";
  if (left >= 86400) {
    text += std::to_string(left / 86400) + "D";
    left %= 86400;
  }
  if (left != 0 || text == "P") {
    text += "T";
    if (left >= 3600) {
      text += std::to_string(left / 3600) + "H";
      left %= 3600;
    }
    if (left >= 60) {
      text += std::to_string(left / 60) + "M";
      left %= 60;
    }
    if (left != 0 || text == "PT") {
      text += std::to_string(left) + "S";
    }
  }
  return text;
}

} // namespace slate::formats
