#include <slate/domain/problem.hpp>

namespace slate::domain {

std::string messages_of(const Problems& problems, std::string_view separator) {
  std::string out;
  for (const auto& problem : problems) {
    if (!out.empty()) {
      out += separator;
    }
    out += problem.message;
  }
  return out;
}

} // namespace slate::domain
