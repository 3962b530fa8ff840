#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/problem.hpp>

#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace slate::domain {

// How a wall-clock reading maps onto UTC in a zone.
enum class LocalKind {
  unique,      // exactly one instant
  nonexistent, // skipped by a spring-forward gap
  ambiguous,   // repeated by a fall-back fold
};

// A UTC instant read on a zone's wall clock.
struct LocalReading {
  LocalTime local;
  Seconds offset;           // local - UTC
  std::string abbreviation; // as the tz database gives it, e.g. "EDT"
};

// An IANA time zone from the system tz database. Copies are cheap: the zone
// data lives in the database for the whole process.
class Zone {
public:
  // Return the zone called `name`, or a problem for `field` if it is unknown
  // or an abbreviation ("IST" is India, Irish or Israel Standard Time: the
  // message names the candidates). "UTC" is accepted as a name.
  static Result<Zone> locate(std::string_view name, std::string_view field = "zone");

  // The UTC zone; never fails.
  static Zone utc();

  const std::string& name() const { return m_name; }

  // Return the instant of wall-clock `local` under docs/domain.md's rules: a time
  // inside a gap moves forward by the gap (02:30 on a 02:00->03:00 day is
  // 03:30 new time); a time inside a fold is its earlier instant.
  Instant to_utc(LocalTime local) const;

  LocalKind classify(LocalTime local) const;

  // Return the wall-clock reading, offset and abbreviation at `instant`.
  LocalReading to_local(Instant instant) const;

  friend bool operator==(const Zone& a, const Zone& b) { return a.m_tz == b.m_tz; }

private:
  Zone(const date::time_zone* tz, std::string name) : m_tz(tz), m_name(std::move(name)) {}

  const date::time_zone* m_tz;
  std::string m_name;
};

} // namespace slate::domain
