#include <slate/api/error.hpp>

#include <slate/formats/json_error.hpp>

#include <array>
#include <utility>

namespace slate::api {

int status_for(std::string_view problem_code) {
  static constexpr std::array<std::pair<std::string_view, int>, 16> k_statuses{{
      {code::unauthorized, 401},
      {code::invalid_transition, 409},
      {code::unknown_region, 422},
      {code::insufficient_notice, 422},
      {code::outside_window, 422},
      {code::blackout_conflict, 422},
      {code::maintenance_overlap, 422},
      {code::invalid_extension, 422},
      {code::idempotency_key_reused, 422},
      {code::not_found, 404},
      {code::method_not_allowed, 405},
      {code::request_timeout, 408},
      {code::body_too_large, 413},
      {code::headers_too_large, 431},
      {code::internal, 500},
      {code::unavailable, 503},
  }};
  for (const auto& [name, status] : k_statuses) {
    if (name == problem_code) {
      return status;
    }
  }
  return 400;
}

Response error_response(const domain::Problems& problems) {
  const int status = problems.empty() ? 500 : status_for(problems.front().code);
  return json_response(status, formats::render_error(problems));
}

Response error_response(const domain::Problem& problem) {
  return error_response(domain::Problems{problem});
}

Response error_response(const std::exception& /*error*/) {
  return error_response(domain::Problem{std::string(code::internal), "",
                                        "internal error; the daemon's log has the details"});
}

} // namespace slate::api
