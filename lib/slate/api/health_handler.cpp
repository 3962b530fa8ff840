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

Response ReadinessHandler::handle(const Request& request, const Context& context) const {
  if (auto parameters = read_parameters(request.query, "/readyz", {}); !parameters) {
    return error_response(parameters.problems());
  }
  if (!context.database.reachable) {
    return database_unavailable_response(
        "not ready: the database has not answered for " +
        std::to_string(context.database.stale_seconds) +
        " s; reads answer from the last snapshot, writes are refused until it is back");
  }
  return json_response(200, formats::render_health("ready"));
}

} // namespace slate::api
