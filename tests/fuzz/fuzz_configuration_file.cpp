// slated.conf, as `slated --config FILE --check-config` reads it
// (Boost.Program_options behind the settings table).
#include <slated/options.hpp>

#include <support/temp_dir.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const slate::test::TempDir dir;
  static const std::string path = (dir.path() / "slated.conf").string();
  {
    std::ofstream file(path, std::ios::binary | std::ios::trunc);
    file.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  const char* const argv[] = {"slated", "--config", path.c_str(), "--check-config"};
  (void)slate::daemon::parse_invocation(4, argv);
  return 0;
}
