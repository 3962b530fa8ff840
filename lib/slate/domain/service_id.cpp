#include <slate/domain/service_id.hpp>

#include <algorithm>

namespace slate::domain {

bool valid_service_id(std::string_view id) {
  return !id.empty() && id.size() <= k_max_service_id &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '.' || c == '_' || c == '-' || c == ':';
         });
}

} // namespace slate::domain
