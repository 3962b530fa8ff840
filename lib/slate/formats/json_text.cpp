#include <slate/formats/json_text.hpp>

namespace slate::formats {

std::string to_json_text(const Json& document) {
  // A trailing newline keeps `curl` output and logs readable; JSON parsers
  // ignore it.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

} // namespace slate::formats
