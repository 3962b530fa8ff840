#pragma once

#include <slate/api/response.hpp>
#include <slate/domain/problem.hpp>

#include <exception>
#include <string>
#include <string_view>

namespace slate::api {

// Return the HTTP status for a problem with code `problem_code`: the one
// the table in domain/problem_code.hpp gives it; 500 for a configuration
// code or a name the table lacks, which no request should ever produce.
int status_for(std::string_view problem_code);

// Return the JSON error response for `problems` (at least one): the status
// is that of the first problem's code, the body is
// {"error": {"code", "message", "field"}} (plus "errors" listing all of them
// when there are several). This is the one place errors become HTTP.
Response error_response(const domain::Problems& problems);

// Return the JSON error response for one `problem`.
Response error_response(const domain::Problem& problem);

// Return the 503 database_unavailable response saying `message`, with
// Retry-After: how long a client should wait before it tries again while
// the database is away (about a restart or a failover; short enough that
// writes resume soon after it is back).
Response database_unavailable_response(std::string message);

// Return the 500 response for an unexpected exception. The exception's text
// is not shown to the client: it is for the daemon's log.
Response error_response(const std::exception& error);

} // namespace slate::api
