#pragma once

#include <cstddef>
#include <string_view>

namespace slate::domain {

// The longest service id.
inline constexpr std::size_t k_max_service_id = 64;

// The rule valid_service_id checks, in words for messages.
inline constexpr std::string_view k_service_id_rule =
    "1 to 64 letters, digits, '.', '_', '-' and ':'";

// Return whether `id` can name a service ("api", "voice-eu",
// "billing:v2"): 1 to 64 of A-Z a-z 0-9 . _ - :. Outages, maintenance,
// feeds and reports all take service ids by this one rule.
bool valid_service_id(std::string_view id);

} // namespace slate::domain
