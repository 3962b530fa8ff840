#include <slate/api/page_handler.hpp>

#include <slate/api/conditional.hpp>

namespace slate::api {

PageHandler::PageHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings)
    : m_cache(std::move(cache)), m_settings(std::move(settings)) {}

Response PageHandler::handle(const Request& request, const Context& context) const {
  const auto document = m_cache->get("/", *context.snapshot, context.now, [&] {
    // The time line starts at the hour, so that the page is the same
    // for an hour unless something happens.
    const domain::Instant hour = date::floor<std::chrono::hours>(context.now);
    const app::StatusOptions options{m_settings.page_months,
                                     domain::Interval{hour, hour + m_settings.timeline_days}};
    auto built = app::build_status(*context.snapshot, context.now, options);
    return Rendering{formats::render_html_page(built.model, m_settings.page),
                     std::min(built.expires, hour + std::chrono::hours{1})};
  });
  return conditional_response(request, document, "text/html; charset=utf-8",
                              m_settings.cache_control, context.now);
}

} // namespace slate::api
