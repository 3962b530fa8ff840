#include <slate/api/router.hpp>

#include <slate/api/error.hpp>
#include <slate/api/health_handler.hpp>
#include <slate/api/next_window_handler.hpp>
#include <slate/api/regions_handler.hpp>
#include <slate/api/windows_handler.hpp>

#include <algorithm>
#include <stdexcept>

namespace slate::api {
namespace {

constexpr std::string_view k_allow = "GET, HEAD";

std::string shortened(std::string_view text) {
  constexpr std::size_t k_max = 100;
  return text.size() > k_max ? std::string(text.substr(0, k_max)) + "..." : std::string(text);
}

} // namespace

Router::Router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error)
    : m_snapshot(std::move(snapshot)), m_clock(std::move(clock)),
      m_on_internal_error(std::move(on_internal_error)) {}

void Router::add(std::string path, std::unique_ptr<Handler> handler) {
  m_routes.push_back({std::move(path), std::move(handler)});
}

Response Router::handle(const Request& request) const {
  try {
    const auto route = std::find_if(m_routes.begin(), m_routes.end(),
                                    [&](const Route& r) { return r.path == request.path; });
    if (route == m_routes.end()) {
      return error_response(domain::Problem{std::string(code::not_found), "path",
                                            "no resource at '" + shortened(request.path) +
                                                "'; see /v1/regions, /v1/windows, "
                                                "/v1/windows/next and /healthz"});
    }
    if (request.method != "GET" && request.method != "HEAD") {
      Response response = error_response(
          domain::Problem{std::string(code::method_not_allowed), "method",
                          "method '" + shortened(request.method) + "' is not allowed on " +
                              route->path + "; use " + std::string(k_allow)});
      response.headers.emplace_back("Allow", k_allow);
      return response;
    }
    Context context{m_snapshot ? m_snapshot() : nullptr, m_clock ? m_clock() : domain::Instant{}};
    if (!context.snapshot) {
      return error_response(domain::Problem{std::string(code::unavailable), "",
                                            "no calendars are loaded yet; try again shortly"});
    }
    return route->handler->handle(request, context);
  } catch (const std::exception& error) {
    if (m_on_internal_error) {
      m_on_internal_error(error.what());
    }
    return error_response(error);
  } catch (...) {
    if (m_on_internal_error) {
      m_on_internal_error("an exception not derived from std::exception");
    }
    return error_response(std::runtime_error("unknown exception"));
  }
}

Router make_api_router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error) {
  Router router(std::move(snapshot), std::move(clock), std::move(on_internal_error));
  router.add("/healthz", std::make_unique<HealthHandler>());
  router.add("/v1/regions", std::make_unique<RegionsHandler>());
  router.add("/v1/windows", std::make_unique<WindowsHandler>());
  router.add("/v1/windows/next", std::make_unique<NextWindowHandler>());
  return router;
}

} // namespace slate::api
