#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/render_cache.hpp>
#include <slate/api/status_handler.hpp>

#include <memory>

namespace slate::api {

// GET /: the status page for people (formats::render_html_page), with
// `settings.page_months` months of availability and a time line of
// `settings.timeline_days` from the start of the current hour. Query
// parameters are ignored (links from mail and chat carry tracking ones).
// text/html; charset=utf-8 with ETag, Last-Modified and Cache-Control, 304
// for a matching If-None-Match or If-Modified-Since; rendered at most once
// an hour per snapshot, and again when a window opens or closes.
class PageHandler final : public Handler {
public:
  PageHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings = {});
  Response handle(const Request& request, const Context& context) const override;

private:
  std::shared_ptr<RenderCache> m_cache;
  StatusSettings m_settings;
};

} // namespace slate::api
