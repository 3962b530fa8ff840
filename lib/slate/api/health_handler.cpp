#include <slate/api/health_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/formats/json_health.hpp>

namespace slate::api {

Response HealthHandler::handle(const Request& request, const Context& /*context*/) const {
  // The router answers 503 before reaching here when no snapshot is loaded,
  // so reaching here means the daemon can serve.
  if (auto parameters = read_parameters(request.query, "/healthz", {}); !parameters) {
    return error_response(parameters.problems());
  }
  return json_response(200, formats::render_health("ok"));
}

} // namespace slate::api
