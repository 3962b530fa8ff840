#pragma once

#include "arguments.hpp"
#include "command.hpp"

#include <slate/domain/problem.hpp>

#include <nlohmann/json.hpp>

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slate::ctl {

// The options every command that talks to slated accepts.
inline constexpr OptionSpec k_api_options[] = {
    {"--url"}, {"--token"}, {"--token-file"}, {"--json", false}, {"--output"}};

// How a command prints what slated answered (--output): a table for people,
// slated's JSON as it is, or the table's rows as CSV (RFC 4180).
enum class Output { table, json, csv };

// What `--url`, `--token`, `--token-file` and `--json` (and the environment)
// say about how to reach slated.
struct ApiSettings {
  std::string url;              // as the operator gave it, for messages
  std::string scheme_host_port; // "http://127.0.0.1:8080"
  std::string base_path;        // "" or a prefix such as "/slated", no trailing '/'
  std::string host;             // without the brackets of an IPv6 address
  int port = 0;
  std::optional<std::string> token;
  Output output = Output::table;
  bool json = false; // output == Output::json (--output json, or --json)
};

// The one-line help for the options above.
inline constexpr std::string_view k_api_usage =
    "[--url URL] [--token TOKEN | --token-file FILE] [--output table|json|csv]";

// Return the settings from `arguments`: the URL from --url, else the
// environment variable SLATED_URL, else http://127.0.0.1:8080; the token from
// --token, or the first line of --token-file, else SLATED_TOKEN. Fails when
// the URL is not http(s)://HOST[:PORT][/PATH], when both --token and
// --token-file are given, or when the token file cannot be read or is empty.
domain::Result<ApiSettings> api_settings(const Arguments& arguments);

// A query string's parameters, in order; values are percent-encoded when sent.
using Query = std::vector<std::pair<std::string, std::string>>;

// What slated answered to one request.
struct Reply {
  int status = 0;
  std::string body;
};

// The outcome of one request: slated's reply, or no reply and a sentence
// saying why ("Connection refused").
struct Exchange {
  std::optional<Reply> reply;
  std::string failure;
};

// HTTP requests to slated through cpp-httplib's client. Every request
// carries "Authorization: Bearer TOKEN" when a token is known. Connecting
// times out after 5 s, reading a reply after 30 s.
class ApiClient {
public:
  explicit ApiClient(ApiSettings settings) : m_settings(std::move(settings)) {}

  Exchange get(std::string_view path, const Query& query = {}) const;
  // POST `body` as JSON with the `extra` headers. When `retry` is true, a
  // request that got no reply at all is sent once more, after a second; only
  // ask for that when sending the request twice is harmless.
  Exchange post(std::string_view path, const nlohmann::json& body,
                const std::vector<std::pair<std::string, std::string>>& extra = {},
                bool retry = false) const;
  // POST `json_text` exactly as given (a file the user wrote: re-encoding it
  // would drop a member named twice before slated could refuse it).
  Exchange post_text(std::string_view path, std::string json_text,
                     const std::vector<std::pair<std::string, std::string>>& extra = {},
                     bool retry = false) const;
  Exchange remove(std::string_view path) const;

  const ApiSettings& settings() const { return m_settings; }

private:
  ApiSettings m_settings;
};

// Return whether `text` can go into an HTTP header as one word: not empty,
// and only printable ASCII other than the space.
bool header_safe(std::string_view text);

// Return `text` percent-encoded for a path segment or query value: every
// byte but A-Z a-z 0-9 - . _ ~ becomes %XX ("+05:30" gives "%2B05%3A30").
std::string percent_encode(std::string_view text);

// Print what `exchange` says and return the exit status: on a 2xx reply
// `render` prints the parsed body to `out` (with --json the body is printed
// verbatim instead) and 0 is returned; on any other reply every message of
// its JSON error body goes to `err` (prefixed with `command`, "slatectl
// maintenance create") and 1 is returned; with no reply at all `err` says
// which URL could not be reached and why, and 2 is returned.
int finish(const Invocation& invocation, std::string_view command, const ApiSettings& settings,
           const Exchange& exchange,
           const std::function<void(const nlohmann::json&, std::ostream&)>& render);

// Return whether `settings` has a token; if not, tell `err` that `command`
// (a write) needs one and how to give it.
bool have_token(const Invocation& invocation, std::string_view command,
                const ApiSettings& settings);

// Print "COMMAND: `message`" and the usage line of `call` to `err`, and
// return k_exit_usage.
int usage_error(const Invocation& invocation, const Call& call, std::string_view message);

// Return the API settings `call` asks for; on a problem print it as a usage
// error and return std::nullopt.
std::optional<ApiSettings> settings_for(const Invocation& invocation, const Call& call);

// Return the one word (an id) `call` must have been given, naming it `what`
// in the usage error printed when there is none, or more than one.
std::optional<std::string> one_word(const Invocation& invocation, const Call& call,
                                    std::string_view what);

// Reading replies defensively: a field that is missing, null or of another
// type than expected gives an empty value rather than an exception.

// Return the string, number or boolean at `key` in `object` as text, or ""
// when there is none.
std::string text_of(const nlohmann::json& object, std::string_view key);

// Return the strings of the array at `key` joined with `separator`, or ""
// when there is none.
std::string list_of(const nlohmann::json& object, std::string_view key,
                    std::string_view separator = ", ");

// Return the object or array at `key`, or a null value when there is none.
const nlohmann::json& member_of(const nlohmann::json& object, std::string_view key);

// Return `text`, or "-" when it is empty: a table cell that is never blank.
std::string or_dash(const std::string& text);

// Return a new Idempotency-Key for one write, so that slated recognises
// slatectl's own retry of it and does not do the write twice. It need not
// be secret, only unlikely to be used by another write.
std::string random_idempotency_key();

// Print `rows` (the first is the heading) as columns two spaces apart, the
// last column not padded; or as CSV once settings_for() saw --output csv.
// This is the one place that knows the table formats.
void print_table(std::ostream& out, const std::vector<std::vector<std::string>>& rows);

} // namespace slate::ctl
