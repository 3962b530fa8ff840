#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slate::api {

// Return `text` with each %XX replaced by its byte, or std::nullopt when a
// '%' is not followed by two hexadecimal digits. Used for query values and
// for path segments that may hold reserved characters (a ticket ref
// "INC#7" arrives as "INC%237").
std::optional<std::string> percent_decode(std::string_view text);

} // namespace slate::api
