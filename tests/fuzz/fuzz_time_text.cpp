// The small readers of times and parameters: RFC 3339 instants, ISO 8601
// durations, HTTP dates, months and query strings. The first byte picks.
#include <slate/api/conditional.hpp>
#include <slate/api/request.hpp>
#include <slate/formats/iso_duration.hpp>
#include <slate/formats/json_availability.hpp>
#include <slate/formats/rfc3339.hpp>

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) {
    return 0;
  }
  const std::string_view text(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 6) {
  case 0:
    (void)slate::formats::parse_rfc3339(text, "at");
    break;
  case 1:
    (void)slate::formats::parse_iso_duration(text, "target");
    break;
  case 2:
    (void)slate::formats::parse_iso_duration_parts(text, "target");
    break;
  case 3:
    (void)slate::api::parse_http_date(text);
    break;
  case 4:
    (void)slate::formats::parse_month(text, "month");
    break;
  default:
    (void)slate::api::parse_query(text);
    break;
  }
  return 0;
}
