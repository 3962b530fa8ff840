#include <slate/domain/alert.hpp>

namespace slate::domain {

std::string_view to_string(AlertStatus status) {
  return status == AlertStatus::firing ? "firing" : "resolved";
}

} // namespace slate::domain
