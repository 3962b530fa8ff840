#include <slate/util/utc_text.hpp>

#include <date/date.h>

namespace slate::util {

std::string utc_text(std::chrono::sys_seconds instant) {
  return date::format("%F %T UTC", instant);
}

} // namespace slate::util
