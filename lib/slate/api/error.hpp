#pragma once

#include <slate/api/response.hpp>
#include <slate/domain/problem.hpp>

#include <exception>
#include <string_view>

namespace slate::api {

// Problem codes whose HTTP status is not 400. Every other code is a problem
// with what the client sent, and so a 400.
namespace code {
inline constexpr std::string_view malformed_request = "malformed_request";   // 400
inline constexpr std::string_view unauthorized = "unauthorized";             // 401
inline constexpr std::string_view not_found = "not_found";                   // 404
inline constexpr std::string_view method_not_allowed = "method_not_allowed"; // 405
inline constexpr std::string_view request_timeout = "request_timeout";       // 408
inline constexpr std::string_view body_too_large = "body_too_large";         // 413
inline constexpr std::string_view headers_too_large = "headers_too_large";   // 431
inline constexpr std::string_view internal = "internal";                     // 500
inline constexpr std::string_view unavailable = "unavailable";               // 503
// Scheduling: a state change the lifecycle does not allow (409), and rules a
// booking breaks, which the client can fix (422).
inline constexpr std::string_view invalid_transition = "invalid_transition";         // 409
inline constexpr std::string_view unknown_region = "unknown_region";                 // 422
inline constexpr std::string_view insufficient_notice = "insufficient_notice";       // 422
inline constexpr std::string_view outside_window = "outside_window";                 // 422
inline constexpr std::string_view blackout_conflict = "blackout_conflict";           // 422
inline constexpr std::string_view maintenance_overlap = "maintenance_overlap";       // 422
inline constexpr std::string_view invalid_extension = "invalid_extension";           // 422
inline constexpr std::string_view idempotency_key_reused = "idempotency_key_reused"; // 422
} // namespace code

// Return the HTTP status for a problem with code `problem_code`.
int status_for(std::string_view problem_code);

// Return the JSON error response for `problems` (at least one): the status
// is that of the first problem's code, the body is
// {"error": {"code", "message", "field"}} (plus "errors" listing all of them
// when there are several). This is the one place errors become HTTP.
Response error_response(const domain::Problems& problems);

// Return the JSON error response for one `problem`.
Response error_response(const domain::Problem& problem);

// Return the 500 response for an unexpected exception. The exception's text
// is not shown to the client: it is for the daemon's log.
Response error_response(const std::exception& error);

} // namespace slate::api
