#include <slate/api/status_handler.hpp>

#include <slate/api/conditional.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/formats/json_status.hpp>

#include <memory>

namespace slate::api {

StatusHandler::StatusHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings)
    : m_cache(std::move(cache)), m_settings(std::move(settings)) {}

Response StatusHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/status", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  if (!context.database.reachable) {
    // How stale it is changes every second, and the cache must not keep
    // it for after the database is back: render each time, cache nothing,
    // for the (short) while the database is away.
    auto built = app::build_status(*context.snapshot, context.now);
    built.model.database = context.database;
    auto rendered = std::make_shared<RenderedDocument>();
    rendered->body = formats::render_status(built.model);
    rendered->etag = entity_tag(rendered->body);
    rendered->last_modified = context.now;
    auto response =
        conditional_response(request, rendered, "application/json", "no-store", context.now);
    response.headers.emplace_back("Access-Control-Allow-Origin", "*");
    return response;
  }
  // The cached document says the database answers (the model's default).
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
