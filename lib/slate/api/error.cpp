#include <slate/api/error.hpp>

#include <slate/formats/json_error.hpp>

namespace slate::api {

int status_for(std::string_view problem_code) {
  const auto code = domain::parse_code(problem_code);
  if (!code || domain::entry(*code).http_status == 0) {
    return 500;
  }
  return domain::entry(*code).http_status;
}

Response error_response(const domain::Problems& problems) {
  const int status = problems.empty() ? 500 : status_for(problems.front().code);
  return json_response(status, formats::render_error(problems));
}

Response error_response(const domain::Problem& problem) {
  return error_response(domain::Problems{problem});
}

Response database_unavailable_response(std::string message) {
  constexpr int k_retry_after_seconds = 3;
  Response response =
      error_response(domain::Problem{domain::Code::database_unavailable, "", std::move(message)});
  response.headers.emplace_back("Retry-After", std::to_string(k_retry_after_seconds));
  return response;
}

Response error_response(const std::exception& /*error*/) {
  return error_response(domain::Problem{domain::Code::internal, "",
                                        "internal error; the daemon's log has the details"});
}

} // namespace slate::api
