#include <slate/formats/json_text.hpp>

namespace slate::formats {

std::string to_json_text(const Json& document) {
  // A trailing newline keeps `curl` output and logs readable; JSON parsers
  // ignore it.
  return document.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
}

std::optional<nlohmann::json> parse_json_object(std::string_view body, domain::Problems& problems) {
  auto document = nlohmann::json::parse(body, nullptr, false);
  if (document.is_discarded()) {
    problems.push_back(
        {domain::Code::malformed_json, "body", "the body is not valid JSON; send one JSON object"});
    return std::nullopt;
  }
  if (!document.is_object()) {
    problems.push_back(
        {domain::Code::malformed_json, "body",
         "the body must be a JSON object, not " + std::string(document.type_name())});
    return std::nullopt;
  }
  return document;
}

} // namespace slate::formats
