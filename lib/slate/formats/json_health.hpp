#pragma once

#include <string>
#include <string_view>

namespace slate::formats {

// Return the health document {"status": `status`}.
std::string render_health(std::string_view status);

} // namespace slate::formats
