#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/render_cache.hpp>
#include <slate/api/status_handler.hpp>

#include <memory>

namespace slate::api {

// GET /api/v2/summary.json, /api/v2/status.json, /api/v2/components.json,
// /api/v2/scheduled-maintenances/upcoming.json,
// /api/v2/scheduled-maintenances/active.json and
// /api/v2/incidents/unresolved.json: the status in Atlassian Statuspage's
// public v2 shapes (formats/json_statuspage.hpp), so that widgets and
// aggregators written for Statuspage poll slated unchanged. Query
// parameters are ignored, as Statuspage ignores them (browser widgets add
// cache-busting ones). application/json with ETag, Last-Modified,
// Cache-Control and Access-Control-Allow-Origin: * (widgets fetch from
// other origins); 304 for a matching If-None-Match or If-Modified-Since.
class StatuspageHandler final : public Handler {
public:
  enum class Document { summary, status, components, upcoming, active, unresolved };

  StatuspageHandler(Document document, std::shared_ptr<RenderCache> cache,
                    StatusSettings settings = {});
  Response handle(const Request& request, const Context& context) const override;

  // Return the path of `document`, e.g. "/api/v2/summary.json".
  static std::string_view path(Document document);

private:
  Document m_document;
  std::shared_ptr<RenderCache> m_cache;
  StatusSettings m_settings;
};

} // namespace slate::api
