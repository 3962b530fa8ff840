#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace slate::domain {

// Every problem code slated gives, once. Clients see the names in error
// bodies ({"error": {"code": ...}}) and in --check-config and lint output,
// so a name, once released, never changes. New names follow one order:
// what the problem is about, then what is wrong with it (`parameter_invalid`,
// `severity_unknown`). Some older names read the other way round
// (`unknown_region`, `invalid_field`); they stay as clients know them.
//
// The enumerators are in the order of the table in problem_code.cpp: by
// HTTP status, then by name. A code not in this list cannot make a Problem
// (problem.hpp), so a missing one is a build failure; a test checks the
// table against docs/openapi.yaml.
enum class Code {
  // 400: the request is malformed or names something that does not exist.
  event_type_unknown,
  invalid_duration,
  invalid_field,
  invalid_header,
  malformed_json,
  malformed_request,
  missing_field,
  month_invalid,
  parameter_conflict,
  parameter_invalid,
  parameter_missing,
  parameter_repeated,
  parameter_unknown,
  query_invalid,
  range_reversed,
  range_too_long,
  region_missing,
  region_unknown,
  services_invalid,
  services_unknown,
  target_invalid,
  ticket_ref_invalid,
  time_in_future,
  time_invalid,
  time_missing,
  unknown_field,
  unknown_service,
  version_unsupported,
  zone_abbreviation,
  zone_missing,
  zone_unknown,
  // 401
  unauthorized,
  // 404
  not_found,
  // 405
  method_not_allowed,
  // 408
  request_timeout,
  // 409: the lifecycle does not allow the change, or it exists already.
  invalid_transition,
  ticket_exists,
  // 413
  body_too_large,
  // 422: well formed, but a rule refuses it.
  blackout_conflict,
  event_before_opening,
  events_too_many,
  idempotency_key_reused,
  insufficient_notice,
  invalid_extension,
  maintenance_overlap,
  outside_window,
  plan_unknown,
  severity_unknown,
  support_not_configured,
  unknown_region,
  // 431
  headers_too_large,
  // 500
  internal,
  // 503
  database_unavailable,
  unavailable,
  // Configuration: reported by --check-config, lint and the log at start
  // and reload; never an HTTP answer.
  calendar_invalid,
  config_invalid,
  invalid_calendar,
  invalid_policy,
  invalid_template,
  matcher_invalid,
  matcher_regex_invalid,
  matchers_match_empty,
  reload_failed,
  support_invalid,
  tokens_invalid,
  usage,
  window_bounds_reversed,
  window_end_out_of_day,
  window_no_days,
  window_not_whole_minutes,
  window_start_out_of_day,
};

// One row of the table.
struct CodeEntry {
  Code code;
  std::string_view name;
  // The status of an HTTP answer whose first problem has this code; 0 for
  // configuration problems, which are never an answer.
  int http_status;
  std::string_view meaning; // one line, for docs/architecture.md and tests
};

// Return the whole table, in the order of the enumerators.
std::span<const CodeEntry> problem_codes();

// Return the row of `code`.
const CodeEntry& entry(Code code);

// Return the name clients see, e.g. "outside_window".
std::string_view to_string(Code code);

// Return whether `name` is the name of `code`, so that a problem's code
// (a string) compares with a Code: `problem.code == Code::not_found`.
inline bool operator==(std::string_view name, Code code) {
  return name == to_string(code);
}

// Return the code named `name`, or std::nullopt if the table has none.
std::optional<Code> parse_code(std::string_view name);

} // namespace slate::domain
