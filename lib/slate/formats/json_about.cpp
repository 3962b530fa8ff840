#include <slate/formats/json_about.hpp>

#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {

std::string render_about(const About& about, std::string_view policy) {
  return to_json_text({{"version", about.version},
                       {"commit", about.commit},
                       {"tz_database", about.tz_database},
                       {"policy", std::string(policy)},
                       {"started", format_rfc3339_utc(about.started)}});
}

} // namespace slate::formats
