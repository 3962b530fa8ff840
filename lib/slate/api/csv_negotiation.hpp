#pragma once

#include <slate/api/request.hpp>
#include <slate/api/response.hpp>

#include <string>
#include <string_view>

namespace slate::api {

// Return whether the client asks for CSV: the first of text/csv and
// application/json that its Accept names decides; neither means JSON.
bool wants_csv(const Request& request);

// Return a 200 with the CSV `body`, not cached, named `filename` for a
// browser that saves it.
Response csv_response(std::string body, std::string_view filename);

} // namespace slate::api
