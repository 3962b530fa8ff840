#include <slate/formats/rfc3339.hpp>

#include <slate/util/text.hpp>

#include <cstdio>

#include <date/date.h>

#include <cstdlib>
#include <optional>

namespace slate::formats {
namespace {

constexpr std::string_view k_example =
    "write e.g. 2026-01-01T00:00:00Z or 2026-01-01T05:30:00+05:30";

domain::Problem invalid(std::string_view text, std::string_view field, std::string_view reason) {
  return {domain::Code::time_invalid, std::string(field),
          util::quoted(text) + " is not an RFC 3339 instant: " + std::string(reason) + "; " +
              std::string(k_example)};
}

// A cursor over the text that reads fixed-width digit groups and literal
// characters; every reader returns std::nullopt/false without consuming on
// mismatch, so the caller can say which part was wrong.
class Scanner {
public:
  explicit Scanner(std::string_view text) : m_text(text) {}

  std::optional<int> digits(std::size_t count) {
    if (m_pos + count > m_text.size()) {
      return std::nullopt;
    }
    int value = 0;
    for (std::size_t i = 0; i < count; ++i) {
      const char c = m_text[m_pos + i];
      if (c < '0' || c > '9') {
        return std::nullopt;
      }
      value = value * 10 + (c - '0');
    }
    m_pos += count;
    return value;
  }

  bool literal(std::string_view choices) {
    if (m_pos < m_text.size() && choices.find(m_text[m_pos]) != std::string_view::npos) {
      ++m_pos;
      return true;
    }
    return false;
  }

  std::optional<char> peek() const {
    return m_pos < m_text.size() ? std::optional<char>(m_text[m_pos]) : std::nullopt;
  }
  void skip_digits() {
    while (m_pos < m_text.size() && m_text[m_pos] >= '0' && m_text[m_pos] <= '9') {
      ++m_pos;
    }
  }
  bool at_end() const { return m_pos == m_text.size(); }
  std::string_view rest() const { return m_text.substr(m_pos); }

private:
  std::string_view m_text;
  std::size_t m_pos = 0;
};

std::string two_digits(long value) {
  return {static_cast<char>('0' + value / 10), static_cast<char>('0' + value % 10)};
}

} // namespace

domain::Result<domain::Instant> parse_rfc3339(std::string_view text, std::string_view field) {
  if (text.empty()) {
    return domain::Problem{domain::Code::time_missing, std::string(field),
                           "an RFC 3339 instant is required; " + std::string(k_example)};
  }
  Scanner in(text);
  const auto year = in.digits(4);
  const bool dash1 = year && in.literal("-");
  const auto month = dash1 ? in.digits(2) : std::nullopt;
  const bool dash2 = month && in.literal("-");
  const auto day = dash2 ? in.digits(2) : std::nullopt;
  if (!day) {
    return invalid(text, field, "the date must be YYYY-MM-DD");
  }
  const date::year_month_day ymd{date::year{*year}, date::month{static_cast<unsigned>(*month)},
                                 date::day{static_cast<unsigned>(*day)}};
  if (!ymd.month().ok()) {
    return invalid(text, field, "month " + two_digits(*month) + " is not from 01 to 12");
  }
  if (!ymd.ok()) {
    return invalid(text, field, "day " + two_digits(*day) + " is not in that month");
  }
  if (in.at_end()) {
    return invalid(text, field, "it has a date but no time of day");
  }
  // RFC 3339 section 5.6 allows a space instead of 'T' for readability.
  if (!in.literal("Tt ")) {
    return invalid(text, field, "the date must be followed by 'T' and the time of day");
  }
  const auto hour = in.digits(2);
  const bool colon1 = hour && in.literal(":");
  const auto minute = colon1 ? in.digits(2) : std::nullopt;
  const bool colon2 = minute && in.literal(":");
  const auto second = colon2 ? in.digits(2) : std::nullopt;
  if (!second) {
    return invalid(text, field, "the time of day must be HH:MM:SS");
  }
  if (*hour > 23) {
    return invalid(text, field, "hour " + two_digits(*hour) + " is not from 00 to 23");
  }
  if (*minute > 59) {
    return invalid(text, field, "minute " + two_digits(*minute) + " is not from 00 to 59");
  }
  if (*second == 60) {
    return invalid(text, field, "leap seconds (:60) are not supported");
  }
  if (*second > 59) {
    return invalid(text, field, "second " + two_digits(*second) + " is not from 00 to 59");
  }
  // Fractional seconds are truncated: every instant slated handles is whole
  // seconds, and truncating never moves a reading into the next second.
  if (in.literal(".")) {
    if (!in.peek() || *in.peek() < '0' || *in.peek() > '9') {
      return invalid(text, field, "a '.' after the seconds must be followed by digits");
    }
    in.skip_digits();
  }
  if (in.at_end()) {
    return invalid(text, field, "it has no UTC offset: add Z for UTC or an offset such as +05:30");
  }
  std::chrono::minutes offset{0};
  if (!in.literal("Zz")) {
    const auto sign = in.peek();
    if (!in.literal("+-")) {
      return invalid(text, field,
                     "the seconds must be followed by Z or an offset such as +05:30, not " +
                         util::quoted(in.rest()) +
                         " (time zone names and abbreviations are not accepted here)");
    }
    const auto offset_hours = in.digits(2);
    const bool colon = offset_hours && in.literal(":");
    const auto offset_minutes = colon ? in.digits(2) : std::nullopt;
    if (!offset_minutes) {
      return invalid(text, field, "the UTC offset must be +HH:MM or -HH:MM");
    }
    if (*offset_hours > 23 || *offset_minutes > 59) {
      return invalid(text, field, "the UTC offset is out of range");
    }
    offset = std::chrono::hours{*offset_hours} + std::chrono::minutes{*offset_minutes};
    if (sign == '-') {
      offset = -offset;
    }
  }
  if (!in.at_end()) {
    return invalid(text, field, "unexpected " + util::quoted(in.rest()) + " after the UTC offset");
  }
  const domain::LocalTime local = domain::LocalTime{date::local_days{ymd}} +
                                  std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
                                  std::chrono::seconds{*second};
  const domain::Instant instant{local.time_since_epoch() - offset};
  // What slated derives from an instant (ranges of up to ten years, a
  // year's horizon) must still have four-digit years, or it would write
  // timestamps that are not RFC 3339.
  if (instant < k_earliest_instant || instant > k_latest_instant) {
    return invalid(text, field,
                   "it is outside the instants slated handles, " +
                       format_rfc3339_utc(k_earliest_instant) + " to " +
                       format_rfc3339_utc(k_latest_instant));
  }
  return instant;
}

std::string format_rfc3339_utc(domain::Instant instant) {
  // Without date::format's stream: a report of every service writes this
  // 100,000 times.
  const auto day = date::floor<date::days>(instant);
  const date::year_month_day ymd{day};
  const date::hh_mm_ss time{instant - day};
  char text[32];
  std::snprintf(text, sizeof text, "%04d-%02u-%02uT%02d:%02d:%02dZ", static_cast<int>(ymd.year()),
                static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()),
                static_cast<int>(time.hours().count()), static_cast<int>(time.minutes().count()),
                static_cast<int>(time.seconds().count()));
  return text;
}

std::string format_rfc3339(domain::Instant instant, domain::Seconds offset) {
  if (offset % std::chrono::minutes{1} != domain::Seconds{0}) {
    return format_rfc3339_utc(instant);
  }
  const domain::LocalTime local{instant.time_since_epoch() + offset};
  const long minutes = std::labs(std::chrono::duration_cast<std::chrono::minutes>(offset).count());
  return date::format("%Y-%m-%dT%H:%M:%S", local) + (offset < domain::Seconds{0} ? "-" : "+") +
         two_digits(minutes / 60) + ":" + two_digits(minutes % 60);
}

} // namespace slate::formats
