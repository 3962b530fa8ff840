#include <slated/settings.hpp>

#include <algorithm>
#include <sstream>

namespace slate::daemon {
namespace {

// The head of etc/slated.conf, before the settings.
constexpr std::string_view k_conf_head =
    R"(# slated configuration: one "key = value" per line; '#' starts a comment.
# Every key is also a command-line option (--key VALUE), and the command
# line wins over this file. Each setting below is shown commented out with
# its default: uncomment a line to change it. Relative paths are relative to
# the directory slated is started in. slated.conf(5) describes every key.
#
# Generated from the settings table (daemon/slated/settings.hpp) by
# slate-manual; a test fails when the two differ.
#
# Check this file and the calendars without starting the daemon:
#   slated --config etc/slated.conf --check-config
# Problems are printed as "FILE:LINE: key: problem"; the exit status is 0 if
# everything is valid and 1 if not.
)";

// Return `text` as lines of at most `width` characters, each started with
// `prefix`, broken at spaces.
std::string wrapped(std::string_view text, std::string_view prefix, std::size_t width) {
  std::string out;
  std::string line(prefix);
  std::istringstream words{std::string(text)};
  std::string word;
  bool empty = true;
  while (words >> word) {
    if (!empty && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line = std::string(prefix);
      empty = true;
    }
    line += (empty ? "" : " ") + word;
    empty = false;
  }
  return out + line + "\n";
}

} // namespace

bool is_setting(std::string_view name) {
  return std::any_of(k_settings.begin(), k_settings.end(),
                     [name](const SettingSpec& spec) { return spec.name == name; });
}

std::string setting_names() {
  std::string out;
  for (const auto& spec : k_settings) {
    out += (out.empty() ? "" : ", ") + std::string(spec.name);
  }
  return out;
}

std::string slated_conf_text() {
  std::string out(k_conf_head);
  for (const auto& spec : k_settings) {
    out += "\n" + wrapped(spec.description, "# ", 76);
    out += "#" + std::string(spec.name) + " =" +
           (spec.default_value.empty() ? "" : " " + std::string(spec.default_value)) + "\n";
  }
  return out;
}

} // namespace slate::daemon
