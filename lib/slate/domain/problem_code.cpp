#include <slate/domain/problem_code.hpp>

#include <array>
#include <cstddef>

namespace slate::domain {
namespace {

constexpr std::array k_codes{
    CodeEntry{Code::event_type_unknown, "event_type_unknown", 400,
              "a ticket event type slated does not know"},
    CodeEntry{Code::invalid_duration, "invalid_duration", 400,
              "a duration is not ISO 8601 (PT1H30M) or is out of range"},
    CodeEntry{Code::invalid_field, "invalid_field", 400,
              "a member of the body has a value that is not allowed"},
    CodeEntry{Code::invalid_header, "invalid_header", 400,
              "a header the request sent cannot be used (e.g. Idempotency-Key)"},
    CodeEntry{Code::malformed_json, "malformed_json", 400, "the body is not one JSON object"},
    CodeEntry{Code::malformed_request, "malformed_request", 400, "the request is not valid HTTP"},
    CodeEntry{Code::missing_field, "missing_field", 400, "the body lacks a member it needs"},
    CodeEntry{Code::month_invalid, "month_invalid", 400,
              "a month is not YYYY-MM from 1970-01 to 8999-12"},
    CodeEntry{Code::parameter_conflict, "parameter_conflict", 400,
              "two query parameters cannot go together"},
    CodeEntry{Code::parameter_invalid, "parameter_invalid", 400,
              "a query parameter has a value that is not allowed"},
    CodeEntry{Code::parameter_missing, "parameter_missing", 400,
              "a query parameter the resource needs is missing"},
    CodeEntry{Code::parameter_repeated, "parameter_repeated", 400,
              "a query parameter is given more than once"},
    CodeEntry{Code::parameter_unknown, "parameter_unknown", 400,
              "the resource takes no query parameter of that name"},
    CodeEntry{Code::query_invalid, "query_invalid", 400,
              "the query string has a bad percent-escape"},
    CodeEntry{Code::range_reversed, "range_reversed", 400, "a range ends before it starts"},
    CodeEntry{Code::range_too_long, "range_too_long", 400,
              "a range is longer than one request may cover"},
    CodeEntry{Code::region_missing, "region_missing", 400, "a read that needs a region names none"},
    CodeEntry{Code::region_unknown, "region_unknown", 400,
              "a read names a region the calendars do not have"},
    CodeEntry{Code::services_invalid, "services_invalid", 400,
              "a services list is empty or names something that is not a service id"},
    CodeEntry{Code::services_unknown, "services_unknown", 400,
              "a services list names a service the policy does not list"},
    CodeEntry{Code::target_invalid, "target_invalid", 400, "the request target is not a path"},
    CodeEntry{Code::ticket_ref_invalid, "ticket_ref_invalid", 400,
              "a ticket reference is empty, too long or not printable"},
    CodeEntry{Code::time_in_future, "time_in_future", 400,
              "an outage or history names a time after now"},
    CodeEntry{Code::time_invalid, "time_invalid", 400,
              "an instant is not RFC 3339 from 1970 to 8999"},
    CodeEntry{Code::time_missing, "time_missing", 400, "a time the request needs is missing"},
    CodeEntry{Code::unknown_field, "unknown_field", 400, "the body has a member nobody reads"},
    CodeEntry{Code::unknown_service, "unknown_service", 400, "a service the policy does not list"},
    CodeEntry{Code::version_unsupported, "version_unsupported", 400,
              "an Alertmanager webhook payload is not version 4"},
    CodeEntry{Code::zone_abbreviation, "zone_abbreviation", 400,
              "a zone is an abbreviation (IST) instead of an IANA name"},
    CodeEntry{Code::zone_missing, "zone_missing", 400, "a zone the request needs is missing"},
    CodeEntry{Code::zone_unknown, "zone_unknown", 400, "a zone is not in the tz database"},
    CodeEntry{Code::unauthorized, "unauthorized", 401,
              "a write without a bearer token the tokens file accepts"},
    CodeEntry{Code::not_found, "not_found", 404, "nothing has that id, or there is no such path"},
    CodeEntry{Code::method_not_allowed, "method_not_allowed", 405,
              "the path exists but not with that method"},
    CodeEntry{Code::request_timeout, "request_timeout", 408,
              "the client did not send the whole request in time"},
    CodeEntry{Code::invalid_transition, "invalid_transition", 409,
              "the lifecycle does not allow the change from the current state"},
    CodeEntry{Code::ticket_exists, "ticket_exists", 409,
              "a ticket with that reference exists already"},
    CodeEntry{Code::body_too_large, "body_too_large", 413,
              "the body is larger than http-body-limit"},
    CodeEntry{Code::blackout_conflict, "blackout_conflict", 422,
              "scheduled maintenance overlaps a blackout"},
    CodeEntry{Code::event_before_opening, "event_before_opening", 422,
              "a ticket event happens before the ticket was opened"},
    CodeEntry{Code::events_too_many, "events_too_many", 422,
              "a ticket holds as many events as it may"},
    CodeEntry{Code::idempotency_key_reused, "idempotency_key_reused", 422,
              "an Idempotency-Key was used for another request"},
    CodeEntry{Code::insufficient_notice, "insufficient_notice", 422,
              "scheduled maintenance starts sooner than the policy's notice allows"},
    CodeEntry{Code::invalid_extension, "invalid_extension", 422,
              "an extension does not move the end later"},
    CodeEntry{Code::maintenance_overlap, "maintenance_overlap", 422,
              "maintenance overlaps other maintenance of a region that allows no overlap"},
    CodeEntry{Code::outside_window, "outside_window", 422,
              "scheduled maintenance does not lie inside an allowed window"},
    CodeEntry{Code::plan_unknown, "plan_unknown", 422, "a support plan the policy does not define"},
    CodeEntry{Code::severity_unknown, "severity_unknown", 422,
              "a severity the policy does not define"},
    CodeEntry{Code::support_not_configured, "support_not_configured", 422,
              "the policy has no [support] part, so it keeps no support clocks"},
    CodeEntry{Code::unknown_region, "unknown_region", 422,
              "a write names a region the calendars do not have"},
    CodeEntry{Code::headers_too_large, "headers_too_large", 431,
              "the headers are larger than http-header-limit"},
    CodeEntry{Code::internal, "internal", 500, "a bug; the daemon's log has the details"},
    CodeEntry{Code::database_unavailable, "database_unavailable", 503,
              "the database cannot be reached; nothing was written, retry after Retry-After"},
    CodeEntry{Code::unavailable, "unavailable", 503,
              "the daemon cannot answer now (no calendars yet, or writes are off)"},
    CodeEntry{Code::calendar_invalid, "calendar_invalid", 0,
              "a support calendar of the policy cannot be used"},
    CodeEntry{Code::config_invalid, "config_invalid", 0,
              "a setting or configuration file is wrong"},
    CodeEntry{Code::invalid_calendar, "invalid_calendar", 0, "a calendar file cannot be used"},
    CodeEntry{Code::invalid_policy, "invalid_policy", 0, "a policy file cannot be used"},
    CodeEntry{Code::invalid_template, "invalid_template", 0, "a message template cannot be used"},
    CodeEntry{Code::matcher_invalid, "matcher_invalid", 0,
              "an Alertmanager matcher in the policy cannot be read"},
    CodeEntry{Code::matcher_regex_invalid, "matcher_regex_invalid", 0,
              "an Alertmanager matcher's regular expression cannot be used"},
    CodeEntry{Code::matchers_match_empty, "matchers_match_empty", 0,
              "a region's Alertmanager matchers all match the empty string"},
    CodeEntry{Code::reload_failed, "reload_failed", 0,
              "a reload was refused; the configuration in force stays"},
    CodeEntry{Code::support_invalid, "support_invalid", 0,
              "the [support] part of a policy cannot be used"},
    CodeEntry{Code::tokens_invalid, "tokens_invalid", 0, "the tokens file cannot be used"},
    CodeEntry{Code::usage, "usage", 0, "a command line slatectl cannot run"},
    CodeEntry{Code::window_bounds_reversed, "window_bounds_reversed", 0,
              "a window rule's end is not after its start"},
    CodeEntry{Code::window_end_out_of_day, "window_end_out_of_day", 0,
              "a window rule's end is not a time of day"},
    CodeEntry{Code::window_no_days, "window_no_days", 0, "a window rule names no weekday"},
    CodeEntry{Code::window_not_whole_minutes, "window_not_whole_minutes", 0,
              "a window cannot be an Alertmanager time interval (not whole minutes)"},
    CodeEntry{Code::window_start_out_of_day, "window_start_out_of_day", 0,
              "a window rule's start is not a time of day"},
};

// Each row must sit at the index of its enumerator, so that entry() is an
// index: this fails the build when a row is missing or out of place.
constexpr bool in_order() {
  for (std::size_t i = 0; i < k_codes.size(); ++i) {
    if (static_cast<std::size_t>(k_codes[i].code) != i) {
      return false;
    }
  }
  return static_cast<std::size_t>(Code::window_start_out_of_day) + 1 == k_codes.size();
}
static_assert(in_order(), "the table must list every Code once, in the enumerators' order");

} // namespace

std::span<const CodeEntry> problem_codes() {
  return k_codes;
}

const CodeEntry& entry(Code code) {
  return k_codes[static_cast<std::size_t>(code)];
}

std::string_view to_string(Code code) {
  return entry(code).name;
}

std::optional<Code> parse_code(std::string_view name) {
  for (const auto& row : k_codes) {
    if (row.name == name) {
      return row.code;
    }
  }
  return std::nullopt;
}

} // namespace slate::domain
