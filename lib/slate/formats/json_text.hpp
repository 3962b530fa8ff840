#pragma once

#include <slate/domain/problem.hpp>

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace slate::formats {

// The JSON value type slated renders with: members keep the order they are
// added in, so documents read top-down (id before the details).
using Json = nlohmann::ordered_json;

// Return `document` as compact JSON text followed by a newline. Strings that
// are not valid UTF-8 (they may echo whatever a client sent) have the bad
// bytes replaced by U+FFFD instead of making the renderer throw.
std::string to_json_text(const Json& document);

// Parse a request body that must be one JSON object; on anything else
// return std::nullopt and add a "malformed_json" problem for the field
// "body" that says what was sent and what to send instead. An object (at any
// depth) that holds the same key twice is refused too, with a
// "malformed_json" problem naming the key's path ("outages[2].start"):
// otherwise the last one would silently win. A key or string value holding a
// NUL ("\u0000") is refused with an "invalid_field" problem naming its path:
// PostgreSQL cannot store one, so no backend may.
std::optional<nlohmann::json> parse_json_object(std::string_view body, domain::Problems& problems);

} // namespace slate::formats
