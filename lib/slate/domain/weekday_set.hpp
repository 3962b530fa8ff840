#pragma once

#include <date/date.h>

#include <bitset>
#include <string>

namespace slate::domain {

// A set of days of the week. Bit i is date::weekday{i} (0 = Sunday).
class WeekdaySet {
public:
  WeekdaySet() = default;
  static WeekdaySet every_day() { return WeekdaySet(std::bitset<7>().set()); }

  WeekdaySet& add(date::weekday day) {
    m_days.set(day.c_encoding());
    return *this;
  }
  bool contains(date::weekday day) const { return m_days.test(day.c_encoding()); }
  bool empty() const { return m_days.none(); }

  // Return the days as "Mon,Wed" in Monday-first order; "" when empty.
  std::string to_string() const;

  friend bool operator==(const WeekdaySet&, const WeekdaySet&) = default;

private:
  explicit WeekdaySet(std::bitset<7> days) : m_days(days) {}
  std::bitset<7> m_days;
};

} // namespace slate::domain
