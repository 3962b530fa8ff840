// Holiday calendars (.ics, all-day and part-day, one-off and RRULE).
#include <slate/formats/holiday_calendar.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)slate::formats::read_holiday_calendar(text, "fuzz.ics", "fuzz.ics");
  return 0;
}
