#include "api_client.hpp"

#include <httplib.h>

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iomanip>
#include <ostream>
#include <random>
#include <sstream>
#include <thread>

namespace slate::ctl {
namespace {

constexpr std::string_view k_default_url = "http://127.0.0.1:8080";
constexpr time_t k_connect_timeout_seconds = 5;
constexpr time_t k_reply_timeout_seconds = 30;

domain::Problem usage_problem(std::string message) {
  return {domain::Code::usage, "", std::move(message)};
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (auto& c : out) {
    if (c >= 'A' && c <= 'Z') {
      c = static_cast<char>(c - 'A' + 'a');
    }
  }
  return out;
}

// Fill in the parts of `settings` that come from the URL, or say why it
// is not one slatectl can use.
std::optional<std::string> read_url(ApiSettings& settings) {
  const std::string& url = settings.url;
  const auto scheme_end = url.find("://");
  const std::string scheme =
      scheme_end == std::string::npos ? std::string() : lowercase(url.substr(0, scheme_end));
  if (scheme != "http" && scheme != "https") {
    return "URL '" + url + "' must start with http:// or https://";
  }
  const std::string rest = url.substr(scheme_end + 3);
  const auto authority_end = std::min(rest.find('/'), rest.size());
  const std::string authority = rest.substr(0, authority_end);
  std::string path = rest.substr(authority_end);
  if (authority.find('@') != std::string::npos) {
    return "URL '" + url + "' must not hold credentials; give the token with --token";
  }
  if (path.find_first_of("?#") != std::string::npos) {
    return "URL '" + url + "' must not have a query or fragment";
  }
  // The port follows the last ':' unless that is inside an IPv6 "[...]".
  const auto colon = authority.rfind(':');
  const bool has_port =
      colon != std::string::npos && (authority.front() != '[' || colon > authority.rfind(']'));
  const std::string host = has_port ? authority.substr(0, colon) : authority;
  if (host.empty() || host == "[]") {
    return "URL '" + url + "' has no host";
  }
  settings.port = scheme == "https" ? 443 : 80;
  if (has_port) {
    const std::string port = authority.substr(colon + 1);
    int& number = settings.port;
    const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), number);
    if (error != std::errc{} || end != port.data() + port.size() || number < 1 || number > 65535) {
      return "URL '" + url + "' has port '" + port + "'; a port is a number from 1 to 65535";
    }
  }
  while (!path.empty() && path.back() == '/') {
    path.pop_back();
  }
  settings.host = host.front() == '[' ? host.substr(1, host.size() - 2) : host;
  settings.scheme_host_port = scheme + "://" + authority;
  settings.base_path = path;
  return std::nullopt;
}

std::string first_line_of(const std::string& path, std::string& why) {
  std::ifstream file(path);
  if (!file) {
    why = std::strerror(errno);
    return {};
  }
  std::string line;
  std::getline(file, line);
  const auto first = line.find_first_not_of(" \t\r");
  if (first == std::string::npos) {
    why = "its first line is empty";
    return {};
  }
  const auto last = line.find_last_not_of(" \t\r");
  return line.substr(first, last - first + 1);
}

// Why nothing at `host`:`port` accepts a connection: cpp-httplib reports
// every failed connection alike, so a connect() of our own finds the cause
// ("Connection refused", a name that does not resolve).
std::string why_no_connection(const std::string& host, int port) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int resolved = ::getaddrinfo(host.c_str(), std::to_string(port).c_str(), &hints, &found);
  if (resolved != 0) {
    return "cannot resolve host '" + host + "': " + ::gai_strerror(resolved);
  }
  int cause = 0;
  for (const addrinfo* address = found; address != nullptr; address = address->ai_next) {
    const int fd = ::socket(address->ai_family, address->ai_socktype | SOCK_CLOEXEC | SOCK_NONBLOCK,
                            address->ai_protocol);
    if (fd < 0) {
      cause = errno;
      continue;
    }
    cause = 0;
    if (::connect(fd, address->ai_addr, address->ai_addrlen) != 0) {
      cause = errno;
      if (cause == EINPROGRESS) {
        pollfd waiting{fd, POLLOUT, 0};
        socklen_t length = sizeof cause;
        if (::poll(&waiting, 1, static_cast<int>(k_connect_timeout_seconds * 1000)) != 1) {
          cause = ETIMEDOUT;
        } else if (::getsockopt(fd, SOL_SOCKET, SO_ERROR, &cause, &length) != 0) {
          cause = errno;
        }
      }
    }
    ::close(fd);
    if (cause == 0) {
      break;
    }
  }
  ::freeaddrinfo(found);
  if (cause == 0) {
    return "cannot connect (though a second attempt did; is slated restarting?)";
  }
  return std::string("cannot connect: ") + std::strerror(cause);
}

std::string describe(httplib::Error error, const ApiSettings& settings) {
  switch (error) {
  case httplib::Error::Connection:
    return why_no_connection(settings.host, settings.port);
  case httplib::Error::ConnectionTimeout:
    return "no connection within " + std::to_string(k_connect_timeout_seconds) + " s";
  case httplib::Error::Read:
    return "no complete reply within " + std::to_string(k_reply_timeout_seconds) +
           " s, or the connection was closed first";
  case httplib::Error::Write:
    return "the connection was closed while sending the request";
  case httplib::Error::SSLConnection:
    return "the TLS handshake failed";
  case httplib::Error::SSLLoadingCerts:
    return "the CA certificates cannot be loaded";
  case httplib::Error::SSLServerVerification:
    return "the server's TLS certificate cannot be verified";
  default:
    return "the request failed (" + httplib::to_string(error) + ")";
  }
}

// Send one request built by `send` and turn its outcome into an Exchange.
template <class Send> Exchange exchange(const ApiSettings& settings, Send send) {
  httplib::Client client(settings.scheme_host_port);
  client.set_connection_timeout(k_connect_timeout_seconds, 0);
  client.set_read_timeout(k_reply_timeout_seconds, 0);
  client.set_write_timeout(k_reply_timeout_seconds, 0);
  httplib::Headers headers{{"Accept", "application/json"}, {"User-Agent", "slatectl"}};
  if (settings.token) {
    headers.emplace("Authorization", "Bearer " + *settings.token);
  }
  const httplib::Result result = send(client, headers);
  if (!result) {
    return {std::nullopt, describe(result.error(), settings)};
  }
  return {Reply{result->status, result->body}, {}};
}

std::string target(const ApiSettings& settings, std::string_view path, const Query& query) {
  std::string out = settings.base_path + std::string(path);
  char separator = '?';
  for (const auto& [name, value] : query) {
    out += separator + percent_encode(name) + "=" + percent_encode(value);
    separator = '&';
  }
  return out;
}

// Print one entry of an error body: its message, and its code and field
// when it has them.
void print_problem(std::ostream& err, std::string_view command, const nlohmann::json& problem) {
  std::string message = text_of(problem, "message");
  if (message.empty()) {
    message = problem.is_string() ? problem.get<std::string>() : problem.dump();
  }
  err << command << ": " << message;
  const std::string code = text_of(problem, "code");
  const std::string field = text_of(problem, "field");
  if (!code.empty() || !field.empty()) {
    err << " (" << code << (code.empty() || field.empty() ? "" : ", ")
        << (field.empty() ? "" : "field " + field) << ")";
  }
  err << "\n";
}

// The format print_table() uses, from the --output of the command running.
Output g_table_output = Output::table;

// Return `text` as one CSV field: quoted when it holds a comma, a quote or
// a line break, with its quotes doubled.
std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) {
    return text;
  }
  std::string out = "\"";
  for (const char c : text) {
    out += c == '"' ? "\"\"" : std::string(1, c);
  }
  return out + "\"";
}

} // namespace

domain::Result<ApiSettings> api_settings(const Arguments& arguments) {
  ApiSettings settings;
  if (const auto output = arguments.value("--output")) {
    if (*output == "json") {
      settings.output = Output::json;
    } else if (*output == "csv") {
      settings.output = Output::csv;
    } else if (*output != "table") {
      return usage_problem("--output '" + *output + "' is not one of table, json, csv");
    }
    if (arguments.has("--json") && settings.output != Output::json) {
      return usage_problem("--json means --output json; give one of them");
    }
  }
  if (arguments.has("--json")) {
    settings.output = Output::json;
  }
  settings.json = settings.output == Output::json;
  if (const auto url = arguments.value("--url")) {
    settings.url = *url;
  } else if (const char* env = std::getenv("SLATED_URL"); env != nullptr && *env != '\0') {
    settings.url = env;
  } else {
    settings.url = k_default_url;
  }
  if (const auto why = read_url(settings)) {
    return usage_problem(*why);
  }

  const auto token = arguments.value("--token");
  const auto token_file = arguments.value("--token-file");
  if (token && token_file) {
    return usage_problem("give --token or --token-file, not both");
  }
  if (token) {
    settings.token = *token;
  } else if (token_file) {
    std::string why;
    const std::string read = first_line_of(*token_file, why);
    if (read.empty()) {
      return usage_problem("--token-file: '" + *token_file + "' gives no token: " + why);
    }
    settings.token = read;
  } else if (const char* env = std::getenv("SLATED_TOKEN"); env != nullptr && *env != '\0') {
    settings.token = env;
  }
  if (settings.token && !header_safe(*settings.token)) {
    return usage_problem(
        "the token holds a space or a character other than printable ASCII; a token has none");
  }
  return settings;
}

Exchange ApiClient::get(std::string_view path, const Query& query) const {
  const std::string to = target(m_settings, path, query);
  return exchange(m_settings, [&](httplib::Client& client, const httplib::Headers& headers) {
    return client.Get(to.c_str(), headers);
  });
}

Exchange ApiClient::post(std::string_view path, const nlohmann::json& body,
                         const std::vector<std::pair<std::string, std::string>>& extra,
                         bool retry) const {
  return post_text(path, body.dump(), extra, retry);
}

Exchange ApiClient::post_text(std::string_view path, std::string json_text,
                              const std::vector<std::pair<std::string, std::string>>& extra,
                              bool retry) const {
  const std::string to = target(m_settings, path, {});
  const std::string text = std::move(json_text);
  const auto send = [&](httplib::Client& client, httplib::Headers headers) {
    for (const auto& [name, value] : extra) {
      headers.emplace(name, value);
    }
    return client.Post(to.c_str(), headers, text, "application/json");
  };
  Exchange first = exchange(m_settings, send);
  if (first.reply || !retry) {
    return first;
  }
  std::this_thread::sleep_for(std::chrono::seconds{1});
  Exchange second = exchange(m_settings, send);
  if (!second.reply) {
    second.failure += "; tried twice";
  }
  return second;
}

Exchange ApiClient::remove(std::string_view path) const {
  const std::string to = target(m_settings, path, {});
  return exchange(m_settings, [&](httplib::Client& client, const httplib::Headers& headers) {
    return client.Delete(to.c_str(), headers);
  });
}

bool header_safe(std::string_view text) {
  return !text.empty() &&
         std::all_of(text.begin(), text.end(), [](char c) { return c > ' ' && c < '\x7f'; });
}

std::string percent_encode(std::string_view text) {
  constexpr char k_digits[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
                            (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
      continue;
    }
    const auto byte = static_cast<unsigned char>(c);
    out += '%';
    out += k_digits[byte >> 4];
    out += k_digits[byte & 0x0F];
  }
  return out;
}

int finish(const Invocation& invocation, std::string_view command, const ApiSettings& settings,
           const Exchange& exchange,
           const std::function<void(const nlohmann::json&, std::ostream&)>& render) {
  if (!exchange.reply) {
    invocation.err << command << ": cannot reach slated at " << settings.url << ": "
                   << exchange.failure << "\n";
    return k_exit_usage;
  }
  const Reply& reply = *exchange.reply;
  const bool success = reply.status >= 200 && reply.status < 300;
  if (settings.json) {
    invocation.out << reply.body;
    if (!reply.body.empty() && reply.body.back() != '\n') {
      invocation.out << "\n";
    }
  }
  const auto body = nlohmann::json::parse(reply.body, nullptr, false);
  if (success) {
    if (settings.json) {
      return k_exit_ok;
    }
    if (body.is_discarded() && !reply.body.empty()) {
      // Not JSON (a proxy in between?): show it as it came.
      invocation.out << reply.body << "\n";
      return k_exit_ok;
    }
    // An empty body (204 No Content) renders as an empty object.
    render(body.is_discarded() ? nlohmann::json::object() : body, invocation.out);
    return k_exit_ok;
  }

  // Red on a terminal (never with NO_COLOR): the line an operator looks for.
  invocation.err << (invocation.colour ? "\033[31m" : "") << command
                 << ": slated refused the request (HTTP " << reply.status << ")"
                 << (invocation.colour ? "\033[0m" : "") << "\n";
  const auto& errors = member_of(body, "errors");
  const auto& error = member_of(body, "error");
  if (errors.is_array() && !errors.empty()) {
    for (const auto& entry : errors) {
      print_problem(invocation.err, command, entry);
    }
  } else if (!error.is_null()) {
    print_problem(invocation.err, command, error);
  } else if (!reply.body.empty()) {
    // Not slated's error shape; the start of the body is the best clue.
    constexpr std::size_t k_shown = 300;
    invocation.err << command << ": " << reply.body.substr(0, k_shown)
                   << (reply.body.size() > k_shown ? "..." : "") << "\n";
  } else {
    invocation.err << command << ": the reply says nothing more (is --url slated's address?)\n";
  }
  return k_exit_refused;
}

bool have_token(const Invocation& invocation, std::string_view command,
                const ApiSettings& settings) {
  if (settings.token) {
    return true;
  }
  invocation.err << command
                 << ": this changes data, so slated needs a token; give --token TOKEN or "
                    "--token-file FILE, or set SLATED_TOKEN (nothing was sent)\n";
  return false;
}

int usage_error(const Invocation& invocation, const Call& call, std::string_view message) {
  invocation.err << call.command << ": " << message << "\n"
                 << "usage: " << call.usage << "\n";
  return k_exit_usage;
}

std::optional<ApiSettings> settings_for(const Invocation& invocation, const Call& call) {
  auto settings = api_settings(call.arguments);
  if (!settings) {
    usage_error(invocation, call, settings.problems().front().message);
    return std::nullopt;
  }
  g_table_output = settings->output;
  return std::move(settings).value();
}

std::optional<std::string> one_word(const Invocation& invocation, const Call& call,
                                    std::string_view what) {
  const auto& words = call.arguments.words();
  if (words.size() == 1) {
    return words.front();
  }
  usage_error(invocation, call,
              words.empty()
                  ? "give the " + std::string(what)
                  : "unexpected argument '" + words[1] + "'; give one " + std::string(what));
  return std::nullopt;
}

std::string text_of(const nlohmann::json& object, std::string_view key) {
  const auto& value = member_of(object, key);
  if (value.is_string()) {
    return value.get<std::string>();
  }
  if (value.is_number() || value.is_boolean()) {
    return value.dump();
  }
  return {};
}

std::string list_of(const nlohmann::json& object, std::string_view key,
                    std::string_view separator) {
  const auto& value = member_of(object, key);
  std::string out;
  if (!value.is_array()) {
    return out;
  }
  for (const auto& item : value) {
    const std::string text =
        item.is_string() ? item.get<std::string>() : (item.is_null() ? "" : item.dump());
    if (!text.empty()) {
      out += (out.empty() ? "" : std::string(separator)) + text;
    }
  }
  return out;
}

const nlohmann::json& member_of(const nlohmann::json& object, std::string_view key) {
  static const nlohmann::json k_none;
  if (!object.is_object()) {
    return k_none;
  }
  const auto it = object.find(key);
  return it == object.end() ? k_none : *it;
}

void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows) {
  if (g_table_output == Output::csv) {
    for (const auto& row : rows) {
      std::string line;
      for (std::size_t i = 0; i < row.size(); ++i) {
        line += (i == 0 ? "" : ",") + csv_field(row[i] == "-" ? std::string() : row[i]);
      }
      out << line << "\r\n";
    }
    return;
  }
  std::vector<std::size_t> widths;
  for (const auto& row : rows) {
    widths.resize(std::max(widths.size(), row.size()));
    for (std::size_t i = 0; i < row.size(); ++i) {
      widths[i] = std::max(widths[i], row[i].size());
    }
  }
  for (const auto& row : rows) {
    std::string line;
    for (std::size_t i = 0; i < row.size(); ++i) {
      line += row[i];
      if (i + 1 < row.size()) {
        line += std::string(widths[i] - row[i].size() + 2, ' ');
      }
    }
    out << line << "\n";
  }
}

std::string or_dash(const std::string& text) {
  return text.empty() ? "-" : text;
}

std::string random_idempotency_key() {
  std::random_device device;
  std::ostringstream out;
  out << "slatectl-" << std::hex << std::setfill('0');
  for (int i = 0; i < 4; ++i) {
    out << std::setw(8) << device();
  }
  return out.str();
}

} // namespace slate::ctl
