#pragma once

#include <slate/domain/problem.hpp>

#include <string>

namespace slate::formats {

// Return the JSON error document for `problems` (at least one):
// {"error": {"code": ..., "message": ..., "field": ... or null}}, and when
// there is more than one problem also "errors": [every problem, the first
// included], so that a client can show all of them at once.
std::string render_error(const domain::Problems& problems);

} // namespace slate::formats
