#pragma once

#include <nlohmann/json.hpp>

#include <string>

namespace slate::formats {

// The JSON value type slated renders with: members keep the order they are
// added in, so documents read top-down (id before the details).
using Json = nlohmann::ordered_json;

// Return `document` as compact JSON text followed by a newline. Strings that
// are not valid UTF-8 (they may echo whatever a client sent) have the bad
// bytes replaced by U+FFFD instead of making the renderer throw.
std::string to_json_text(const Json& document);

} // namespace slate::formats
