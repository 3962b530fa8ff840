#include <slated/options.hpp>

#include <boost/asio/ip/address.hpp>
#include <boost/program_options.hpp>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

namespace slate::daemon {
namespace {

namespace po = boost::program_options;

// A setting's text and where it came from, for messages: "FILE:LINE",
// "command line" or "default".
struct Given {
  std::string text;
  std::string origin;
};

using GivenSettings = std::map<std::string, Given, std::less<>>;

bool is_repeatable(std::string_view name) {
  return std::find(k_repeatable_settings.begin(), k_repeatable_settings.end(), name) !=
         k_repeatable_settings.end();
}

domain::Problem problem(std::string_view where, std::string_view key, std::string_view what) {
  return {domain::Code::config_invalid, std::string(key),
          std::string(where) + ": " + std::string(key) + ": " + std::string(what)};
}

std::string trimmed(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) {
    return {};
  }
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

po::options_description setting_options() {
  po::options_description options("Settings (also config-file keys)");
  for (const auto& spec : k_settings) {
    const std::string help =
        std::string(spec.help) + " (default: " + std::string(spec.default_value) + ")";
    options.add_options()(std::string(spec.name).c_str(),
                          po::value<std::string>()->value_name(std::string(spec.type)),
                          help.c_str());
  }
  return options;
}

po::options_description command_options() {
  po::options_description options("Command-line only");
  for (const auto& spec : k_command_options) {
    if (spec.type.empty()) {
      options.add_options()(std::string(spec.name).c_str(), std::string(spec.help).c_str());
    } else {
      options.add_options()(std::string(spec.name).c_str(),
                            po::value<std::string>()->value_name(std::string(spec.type)),
                            std::string(spec.help).c_str());
    }
  }
  return options;
}

// Read `path` with Boost.Program_options. program_options reports neither
// line numbers nor repeated keys, so a first pass over the lines finds the
// line of each key and everything that is not "key = value".
void read_config_file(const std::filesystem::path& path, GivenSettings& given,
                      domain::Problems& problems) {
  const std::string where = path.string();
  std::ifstream file(path);
  if (!file) {
    problems.push_back(
        problem(where, "config", std::string("cannot be read: ") + std::strerror(errno)));
    return;
  }
  std::stringstream contents;
  contents << file.rdbuf();

  std::map<std::string, int, std::less<>> line_of;
  std::istringstream lines(contents.str());
  std::string raw;
  bool syntax_ok = true;
  for (int number = 1; std::getline(lines, raw); ++number) {
    const std::string line = trimmed(std::string_view(raw).substr(0, raw.find('#')));
    const std::string here = where + ":" + std::to_string(number);
    if (line.empty()) {
      continue;
    }
    const auto eq = line.find('=');
    if (line.front() == '[' || eq == std::string::npos) {
      syntax_ok = false;
      problems.push_back(
          {domain::Code::config_invalid, "",
           here + ": expected 'key = value' (sections are not used), found '" + line + "'"});
      continue;
    }
    const std::string key = trimmed(std::string_view(line).substr(0, eq));
    if (const auto [it, inserted] = line_of.emplace(key, number);
        !inserted && !is_repeatable(key)) {
      syntax_ok = false;
      problems.push_back(
          problem(here, key, "set again; it was first set on line " + std::to_string(it->second)));
    }
  }
  if (!syntax_ok) {
    return;
  }

  po::parsed_options parsed(nullptr);
  try {
    std::istringstream stream(contents.str());
    parsed = po::parse_config_file(stream, setting_options(), true);
  } catch (const po::error& error) {
    problems.push_back({domain::Code::config_invalid, "", where + ": " + error.what()});
    return;
  }
  GivenSettings file_given;
  for (const auto& option : parsed.options) {
    const auto line = line_of.find(option.string_key);
    const std::string here =
        where + (line == line_of.end() ? "" : ":" + std::to_string(line->second));
    if (option.unregistered || !is_setting(option.string_key)) {
      problems.push_back(problem(here, option.string_key,
                                 "unknown setting; known settings are " + setting_names()));
      continue;
    }
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    if (is_repeatable(option.string_key)) {
      if (auto it = file_given.find(option.string_key); it != file_given.end()) {
        it->second.text += "," + value;
        continue;
      }
    }
    file_given.emplace(option.string_key, Given{value, here});
  }
  // The command line has already been read, and wins.
  for (auto& [key, value] : file_given) {
    given.emplace(key, std::move(value));
  }
}

std::optional<unsigned long long> whole_number(std::string_view text) {
  unsigned long long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size() || text.empty()) {
    return std::nullopt;
  }
  return value;
}

// Split "HOST:PORT" (HOST an IPv4 address or a bracketed IPv6 one); return a
// problem description, or std::nullopt when `options` got the address.
std::optional<std::string> apply_listen(std::string_view text, Options& options) {
  const auto colon = text.rfind(':');
  if (colon == std::string_view::npos) {
    return "'" + std::string(text) + "' is not HOST:PORT, e.g. 127.0.0.1:8080";
  }
  std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return "write an IPv6 address in brackets, e.g. [::1]:8080";
  }
  boost::system::error_code ec;
  boost::asio::ip::make_address(std::string(host), ec);
  if (ec) {
    return "'" + std::string(host) +
           "' is not an IP address; slated listens on an address such as 127.0.0.1, 0.0.0.0 or "
           "[::1]";
  }
  const auto number = whole_number(port);
  if (!number || *number > 65535) {
    return "port '" + std::string(port) + "' is not a number from 0 to 65535 (0 picks a free port)";
  }
  options.listen_host = std::string(host);
  options.listen_port = static_cast<std::uint16_t>(*number);
  return std::nullopt;
}

std::optional<std::string> apply_size(std::string_view text, unsigned long long max,
                                      std::size_t& out) {
  const auto number = whole_number(text);
  if (!number || *number == 0 || *number > max) {
    return "'" + std::string(text) + "' is not a whole number of bytes from 1 to " +
           std::to_string(max);
  }
  out = static_cast<std::size_t>(*number);
  return std::nullopt;
}

// Read "7d", "24h", "2h30m", "90s" (units d, h, m, s; at least one).
std::optional<domain::Seconds> parse_offset(std::string_view text) {
  domain::Seconds total{0};
  std::size_t i = 0;
  if (text.empty()) {
    return std::nullopt;
  }
  while (i < text.size()) {
    const auto digits_end = text.find_first_not_of("0123456789", i);
    if (digits_end == i || digits_end == std::string_view::npos) {
      return std::nullopt;
    }
    const auto number = whole_number(text.substr(i, digits_end - i));
    if (!number || *number > 100000) {
      return std::nullopt;
    }
    const auto count = static_cast<domain::Seconds::rep>(*number);
    switch (text[digits_end]) {
    case 'd':
      total += std::chrono::days{count};
      break;
    case 'h':
      total += std::chrono::hours{count};
      break;
    case 'm':
      total += std::chrono::minutes{count};
      break;
    case 's':
      total += domain::Seconds{count};
      break;
    default:
      return std::nullopt;
    }
    i = digits_end + 1;
  }
  return total;
}

// Split a list written with commas and/or white space.
std::vector<std::string> list_items(std::string_view text) {
  std::vector<std::string> items;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto start = text.find_first_not_of(", \t", i);
    if (start == std::string_view::npos) {
      break;
    }
    const auto end = std::min(text.find_first_of(", \t", start), text.size());
    items.emplace_back(text.substr(start, end - start));
    i = end;
  }
  return items;
}

std::optional<std::string> apply_reminders(std::string_view text, Options& options) {
  options.reminders.clear();
  if (text == "none") {
    return std::nullopt;
  }
  for (const auto& item : list_items(text)) {
    const auto offset = parse_offset(item);
    if (!offset || *offset <= domain::Seconds{0} || *offset > std::chrono::days{366}) {
      options.reminders.clear();
      return "'" + item +
             "' is not an offset from 1s to 366d such as 7d, 24h, 90m or 2h30m (the list is "
             "separated by commas; 'none' for no reminders)";
    }
    options.reminders.push_back(*offset);
  }
  return std::nullopt;
}

std::optional<std::string> apply_public_url(std::string_view text, Options& options) {
  std::string url(text);
  while (!url.empty() && url.back() == '/') {
    url.pop_back();
  }
  options.public_url = url;
  if (url.empty()) {
    return std::nullopt;
  }
  const auto scheme_end = url.find("://");
  const auto scheme = url.substr(0, scheme_end == std::string::npos ? 0 : scheme_end);
  if (scheme != "http" && scheme != "https") {
    return "'" + std::string(text) + "' is not an http:// or https:// URL";
  }
  const auto host = url.substr(scheme_end + 3, url.find('/', scheme_end + 3) - (scheme_end + 3));
  if (host.empty() || url.find_first_of("@?#\"<> \t") != std::string::npos) {
    return "'" + std::string(text) +
           "' must be a URL with a host and no user, query, fragment, space or quote, "
           "e.g. https://status.example.com";
  }
  return std::nullopt;
}

std::optional<std::string> apply_webhooks(std::string_view text, Options& options) {
  options.webhooks.clear();
  for (const auto& item : list_items(text)) {
    std::string_view url = item;
    if (url.rfind("slack+", 0) == 0) {
      url.remove_prefix(6);
    }
    const auto scheme_end = url.find("://");
    const auto scheme = url.substr(0, scheme_end == std::string_view::npos ? 0 : scheme_end);
    if (scheme != "http" && scheme != "https") {
      return "'" + item + "' is not an http:// or https:// URL";
    }
    const auto host = url.substr(scheme_end + 3, url.find('/', scheme_end + 3) - (scheme_end + 3));
    if (host.empty() || host.find_first_of("@?#") != std::string_view::npos) {
      return "'" + item + "' has no host, or has user information in it (put secrets in " +
             "webhook-secret-file, not in the URL)";
    }
    if (std::find(options.webhooks.begin(), options.webhooks.end(), item) !=
        options.webhooks.end()) {
      return "'" + item + "' is listed twice";
    }
    options.webhooks.push_back(item);
  }
  return std::nullopt;
}

std::optional<std::string> apply_alertmanager_urls(std::string_view text, Options& options) {
  options.alertmanager_urls.clear();
  for (const auto& item : list_items(text)) {
    std::string url = item;
    while (!url.empty() && url.back() == '/') {
      url.pop_back();
    }
    const auto scheme_end = url.find("://");
    const auto scheme = url.substr(0, scheme_end == std::string::npos ? 0 : scheme_end);
    if (scheme != "http" && scheme != "https") {
      return "'" + item + "' is not an http:// or https:// URL, e.g. http://127.0.0.1:9093";
    }
    const auto host = url.substr(scheme_end + 3, url.find('/', scheme_end + 3) - (scheme_end + 3));
    if (host.empty() || url.find_first_of("@?# \t\"") != std::string::npos) {
      return "'" + item + "' must be a URL with a host and no user, query or fragment";
    }
    if (std::find(options.alertmanager_urls.begin(), options.alertmanager_urls.end(), url) !=
        options.alertmanager_urls.end()) {
      return "'" + item + "' is listed twice";
    }
    options.alertmanager_urls.push_back(url);
  }
  return std::nullopt;
}

void apply(const std::string& key, const Given& given, Options& options,
           domain::Problems& problems) {
  const std::string_view text = given.text;
  std::optional<std::string> error;
  if (key == "listen") {
    error = apply_listen(text, options);
  } else if (key == "db" || key == "calendars" || key == "policy" || key == "templates" ||
             key == "tokens") {
    if (text.empty()) {
      error = "a path is required";
    } else {
      auto& path = key == "db"          ? options.db
                   : key == "calendars" ? options.calendars
                   : key == "policy"    ? options.policy
                   : key == "templates" ? options.templates
                                        : options.tokens;
      path = std::filesystem::path(text);
    }
  } else if (key == "home-zone") {
    auto zone = domain::Zone::locate(text, key);
    if (zone) {
      options.home_zone = zone.value();
    } else {
      error = zone.problems().front().message;
    }
  } else if (key == "log-level") {
    if (const auto level = parse_log_level(text)) {
      options.log_level = *level;
    } else {
      error = "'" + std::string(text) + "' is not one of error, warning, notice, info, debug";
    }
  } else if (key == "access-log") {
    options.access_log_journal = text == "journal";
    options.access_log_file.clear();
    if (text.empty()) {
      error = "give off, journal or the path of a file";
    } else if (text != "off" && text != "journal") {
      options.access_log_file = std::filesystem::path(text);
    }
  } else if (key == "http-body-limit") {
    error = apply_size(text, 64ULL << 20, options.http_body_limit);
  } else if (key == "http-header-limit") {
    error = apply_size(text, 1ULL << 20, options.http_header_limit);
  } else if (key == "http-timeout") {
    const auto seconds = whole_number(text);
    if (!seconds || *seconds == 0 || *seconds > 3600) {
      error = "'" + std::string(text) + "' is not a whole number of seconds from 1 to 3600";
    } else {
      options.http_timeout = std::chrono::seconds{static_cast<std::chrono::seconds::rep>(*seconds)};
    }
  } else if (key == "auto-transitions") {
    if (text == "true" || text == "false") {
      options.auto_transitions = text == "true";
    } else {
      error = "'" + std::string(text) + "' is not true or false";
    }
  } else if (key == "reminders") {
    error = apply_reminders(text, options);
  } else if (key == "public-url") {
    error = apply_public_url(text, options);
  } else if (key == "webhook") {
    error = apply_webhooks(text, options);
  } else if (key == "webhook-secret-file") {
    options.webhook_secret_file = std::filesystem::path(text);
  } else if (key == "alertmanager-url") {
    error = apply_alertmanager_urls(text, options);
  } else if (key == "alertmanager-token-file") {
    options.alertmanager_token_file = std::filesystem::path(text);
  } else if (key == "alertmanager-reconcile") {
    const auto seconds = whole_number(text);
    if (!seconds || *seconds == 0 || *seconds > 86400) {
      error = "'" + std::string(text) + "' is not a whole number of seconds from 1 to 86400";
    } else {
      options.alertmanager_reconcile =
          std::chrono::seconds{static_cast<std::chrono::seconds::rep>(*seconds)};
    }
  } else if (key == "state-check-interval") {
    const auto seconds = whole_number(text);
    if (!seconds || *seconds == 0 || *seconds > 3600) {
      error = "'" + std::string(text) + "' is not a whole number of seconds from 1 to 3600";
    } else {
      options.state_check_interval =
          std::chrono::seconds{static_cast<std::chrono::seconds::rep>(*seconds)};
    }
  } else if (key == "lease") {
    const auto seconds = whole_number(text);
    if (!seconds || *seconds == 0 || *seconds > 30) {
      error = "'" + std::string(text) + "' is not a whole number of seconds from 1 to 30";
    } else {
      options.lease = std::chrono::seconds{static_cast<std::chrono::seconds::rep>(*seconds)};
    }
  } else if (key == "webhook-attempts") {
    const auto attempts = whole_number(text);
    if (!attempts || *attempts == 0 || *attempts > 100) {
      error = "'" + std::string(text) + "' is not a whole number from 1 to 100";
    } else {
      options.webhook_attempts = static_cast<int>(*attempts);
    }
  }
  if (error) {
    problems.push_back(
        problem(given.origin, given.origin == "command line" ? "--" + key : key, *error));
  }
}

} // namespace

std::string usage() {
  po::options_description all;
  all.add(command_options()).add(setting_options());
  std::ostringstream out;
  out << "Usage: slated [OPTION]...\nServe maintenance windows over HTTP.\n\n" << all;
  return out.str();
}

domain::Result<Invocation> parse_invocation(int argc, const char* const* argv) {
  po::options_description all;
  all.add(command_options()).add(setting_options());
  po::parsed_options parsed(nullptr);
  try {
    parsed = po::command_line_parser(argc, argv).options(all).run();
  } catch (const po::error& error) {
    return domain::Problem{domain::Code::usage, "",
                           std::string("command line: ") + error.what() +
                               " (slated --help lists the options)"};
  }

  Invocation invocation;
  GivenSettings given;
  domain::Problems problems;
  std::optional<std::filesystem::path> config;
  for (const auto& option : parsed.options) {
    const std::string& key = option.string_key;
    const std::string value = option.value.empty() ? std::string() : option.value.front();
    if (key == "help") {
      invocation.action = Action::help;
    } else if (key == "version" && invocation.action != Action::help) {
      invocation.action = Action::version;
    } else if (key == "check-config" && invocation.action == Action::serve) {
      invocation.action = Action::check_config;
    } else if (key == "config") {
      config = value;
    } else if (key == "test-clock-file") {
      invocation.options.test_clock_file = value;
    } else if (is_setting(key) && !given.emplace(key, Given{value, "command line"}).second) {
      if (is_repeatable(key)) {
        given[key].text += "," + value;
      } else {
        problems.push_back(problem("command line", "--" + key, "given more than once"));
      }
    }
  }
  if (invocation.action == Action::help || invocation.action == Action::version) {
    return invocation;
  }
  if (config) {
    invocation.options.config = *config;
    read_config_file(*config, given, problems);
  }
  for (const auto& spec : k_settings) {
    given.emplace(std::string(spec.name), Given{std::string(spec.default_value), "default"});
  }
  for (const auto& [key, value] : given) {
    apply(key, value, invocation.options, problems);
  }
  if (!problems.empty()) {
    return problems;
  }
  return invocation;
}

} // namespace slate::daemon
