// The layers' arrows (docs/architecture.md), checked on every source file:
// a layer includes only the layers below it, and each third-party library
// only in the layer that owns it. The compiler cannot refuse these includes
// (every header is in /usr/include), so this test does.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

// What each part of the tree may include, besides the standard library and
// POSIX headers (<unistd.h>): its own headers, those of the layers listed,
// and the third-party prefixes listed.
struct Rule {
  std::set<std::string> layers;    // e.g. "slate/domain/"
  std::set<std::string> libraries; // prefixes, e.g. "libical/", "SQLiteCpp/"
};

const std::map<std::string, Rule>& rules() {
  static const std::map<std::string, Rule> k_rules{
      {"lib/slate/util", {{"slate/util/"}, {"date/"}}},
      // RE2 is computation only: Alertmanager's matcher syntax (matcher.cpp).
      {"lib/slate/domain", {{"slate/util/", "slate/domain/"}, {"date/", "re2/"}}},
      {"lib/slate/formats",
       {{"slate/util/", "slate/domain/", "slate/formats/"},
        {"date/", "libical/", "nlohmann/", "toml++/", "kainjow/"}}},
      {"lib/slate/store",
       {{"slate/util/", "slate/domain/", "slate/store/"}, {"date/", "SQLiteCpp/"}}},
      {"lib/slate/app",
       {{"slate/util/", "slate/domain/", "slate/formats/", "slate/store/", "slate/app/"},
        {"date/", "nlohmann/"}}},
      // zlib (<zlib.h>) and brotli are computation only: the compressed
      // copies of cached documents (content_coding.cpp).
      {"lib/slate/api",
       {{"slate/util/", "slate/domain/", "slate/formats/", "slate/app/", "slate/api/"},
        {"date/", "nlohmann/", "brotli/"}}},
      // Files on disk that slated and slatectl both read.
      {"daemon/common",
       {{"slate/util/", "slate/domain/", "slate/formats/", "common/"}, {"date/", "openssl/"}}},
      // The operator's CLI: an HTTP client and the files it lints.
      {"daemon/slatectl",
       {{"slate/util/", "slate/domain/", "slate/formats/", "common/", "slatectl/"},
        {"date/", "nlohmann/", "httplib.h", "openssl/"}}},
      // The daemon: transport and wiring, the only place with sockets.
      {"daemon/slated",
       {{"slate/util/", "slate/domain/", "slate/formats/", "slate/store/", "slate/app/",
         "slate/api/", "common/", "slated/"},
        {"date/", "boost/", "httplib.h", "openssl/", "systemd/", "nlohmann/"}}},
  };
  return k_rules;
}

// Return the part of the tree `path` (relative to the source directory)
// belongs to, or "" if none is checked.
std::string part_of(const std::string& path) {
  for (const auto& [part, rule] : rules()) {
    if (path.rfind(part + "/", 0) == 0) {
      return part;
    }
  }
  return "";
}

bool allowed(const Rule& rule, const std::string& header) {
  // The standard library and the system's C headers have no directory
  // (<vector>, <unistd.h>) or a system one (<sys/socket.h>, <netinet/in.h>).
  if (header.find('/') == std::string::npos && header != "httplib.h") {
    return true;
  }
  for (const char* system : {"sys/", "netinet/", "arpa/"}) {
    if (header.rfind(system, 0) == 0) {
      return true;
    }
  }
  const auto starts = [&](const std::string& prefix) { return header.rfind(prefix, 0) == 0; };
  return std::any_of(rule.layers.begin(), rule.layers.end(), starts) ||
         std::any_of(rule.libraries.begin(), rule.libraries.end(), starts);
}

// Return "path:line: <header>" for every include of `text` (the file at
// `path`, relative to the source directory) that its part may not have.
std::vector<std::string> violations(const std::string& path, const std::string& text) {
  std::vector<std::string> found;
  const auto part = part_of(path);
  if (part.empty()) {
    return found;
  }
  const auto& rule = rules().at(part);
  static const std::regex include(R"(^\s*#\s*include\s*[<"]([^>"]+)[>"])");
  std::istringstream lines(text);
  std::string line;
  int number = 0;
  while (std::getline(lines, line)) {
    ++number;
    std::smatch match;
    if (std::regex_search(line, match, include) && !allowed(rule, match[1])) {
      found.push_back(path + ":" + std::to_string(number) + ": <" + match[1].str() + ">");
    }
  }
  return found;
}

} // namespace

TEST_CASE("layers: a wrong include is found, naming the file, the line and the header") {
  // The domain may not reach up into the app, nor use libical or SQLite.
  const auto found =
      violations("lib/slate/domain/window_rule.cpp", "#include <slate/domain/window_rule.hpp>\n"
                                                     "#include <vector>\n"
                                                     "#include <slate/app/writer.hpp>\n"
                                                     "#include <libical/ical.h>\n"
                                                     "#include <SQLiteCpp/SQLiteCpp.h>\n");
  CHECK(found ==
        std::vector<std::string>{"lib/slate/domain/window_rule.cpp:3: <slate/app/writer.hpp>",
                                 "lib/slate/domain/window_rule.cpp:4: <libical/ical.h>",
                                 "lib/slate/domain/window_rule.cpp:5: <SQLiteCpp/SQLiteCpp.h>"});
  // Beast belongs to the daemon; the API only knows plain requests.
  CHECK(violations("lib/slate/api/router.cpp", "#include <boost/beast/http.hpp>\n").size() == 1);
  // toml++ belongs to the formats, SQLite to the store.
  CHECK(violations("lib/slate/app/writer.cpp", "#include <toml++/toml.h>\n").size() == 1);
  CHECK(violations("lib/slate/api/router.cpp", "#include <slate/store/store.hpp>\n").size() == 1);
  // slatectl does not link the app or the store.
  CHECK(violations("daemon/slatectl/main.cpp", "#include <slate/app/writer.hpp>\n").size() == 1);
  CHECK(violations("lib/slate/formats/ical_calendar.cpp", "#include <libical/ical.h>\n").empty());
}

TEST_CASE("layers: every source file includes only what its layer may") {
  const fs::path root = SLATE_SOURCE_DIR;
  std::vector<std::string> found;
  std::size_t checked = 0;
  for (const char* top : {"lib", "daemon"}) {
    for (const auto& file : fs::recursive_directory_iterator(root / top)) {
      const auto extension = file.path().extension();
      if (!file.is_regular_file() || (extension != ".cpp" && extension != ".hpp")) {
        continue;
      }
      const auto relative = fs::relative(file.path(), root).generic_string();
      std::ifstream in(file.path());
      std::stringstream text;
      text << in.rdbuf();
      const auto more = violations(relative, text.str());
      found.insert(found.end(), more.begin(), more.end());
      checked += part_of(relative).empty() ? 0U : 1U;
    }
  }
  CHECK(checked > 100);
  std::string report;
  for (const auto& line : found) {
    report += line + "\n";
  }
  CHECK_MESSAGE(found.empty(), report);
}
