#include <slate/domain/weekday_set.hpp>

#include <array>
#include <string_view>

namespace slate::domain {

std::string WeekdaySet::to_string() const {
  static constexpr std::array<std::string_view, 7> k_names{"Sun", "Mon", "Tue", "Wed",
                                                           "Thu", "Fri", "Sat"};
  std::string out;
  for (unsigned i = 1; i <= 7; ++i) {
    const unsigned day = i % 7; // Monday first, Sunday last
    if (m_days.test(day)) {
      if (!out.empty()) {
        out += ',';
      }
      out += k_names[day];
    }
  }
  return out;
}

} // namespace slate::domain
