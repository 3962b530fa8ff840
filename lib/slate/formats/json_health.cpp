#include <slate/formats/json_health.hpp>

#include <slate/formats/json_text.hpp>

namespace slate::formats {

std::string render_health(std::string_view status) {
  return to_json_text({{"status", std::string(status)}});
}

} // namespace slate::formats
