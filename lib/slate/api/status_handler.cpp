#include <slate/api/status_handler.hpp>

#include <slate/api/conditional.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/formats/json_status.hpp>

namespace slate::api {

StatusHandler::StatusHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings)
    : m_cache(std::move(cache)), m_settings(std::move(settings)) {}

Response StatusHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/status", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto document = m_cache->get("/v1/status", *context.snapshot, context.now, [&] {
    auto built = app::build_status(*context.snapshot, context.now);
    return Rendering{formats::render_status(built.model), built.expires};
  });
  auto response = conditional_response(request, document, "application/json",
                                       m_settings.cache_control, context.now);
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return response;
}

} // namespace slate::api
