// Policy files (TOML), against the regions the tests use, with the shipped
// England and Wales holidays behind every holiday path.
#include <slate/formats/policy_file.hpp>

#include <support/api_fixture.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>

namespace {

std::string shipped_holidays() {
  std::ifstream file(SLATE_SOURCE_DIR "/calendars/holidays/england-and-wales.ics");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const auto regions = slate::test::sample_regions();
  static const std::string holidays = shipped_holidays();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)slate::formats::read_policy(
      text, "fuzz.toml", regions,
      [](const std::string& path) -> slate::domain::Result<std::string> {
        if (path.ends_with(".ics")) {
          return holidays;
        }
        return slate::domain::Problem{slate::domain::Code::invalid_policy, path,
                                      "cannot read: No such file or directory"};
      });
  return 0;
}
