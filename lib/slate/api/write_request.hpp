#pragma once

#include <slate/api/handler.hpp>
#include <slate/app/write_context.hpp>
#include <slate/domain/problem.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace slate::api {

// Return the write context of `request`: who (the token's name), when, and
// its Idempotency-Key with a fingerprint of the request, so that a key
// reused for a different request is recognised. Problems: a key that is
// empty, too long or not printable ASCII.
domain::Result<app::WriteContext> write_context(const Request& request, const Context& context);

// Return the id in path parameter `index`, or std::nullopt if it is not a
// positive decimal number (then nothing by that id exists).
std::optional<std::int64_t> id_parameter(const Context& context, std::size_t index = 0);

// Return the 404 for `what` (e.g. "maintenance") with the id text as sent.
Response not_found_response(const std::string& what, const Context& context);

} // namespace slate::api
