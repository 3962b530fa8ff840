// Region calendars (.ics with X-SLATED-* properties), read with libical.
#include <slate/formats/ical_calendar.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)slate::formats::read_region_calendar(text, "fuzz.ics", "FUZZ");
  return 0;
}
