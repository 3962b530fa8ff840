#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/render_cache.hpp>
#include <slate/app/status.hpp>
#include <slate/formats/html_page.hpp>
#include <slate/formats/json_statuspage.hpp>
#include <slate/formats/message_text.hpp>
#include <slate/formats/status_model.hpp>

#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace slate::api {

// How the status documents and the page are made and may be cached.
struct StatusSettings {
  // Status pages poll; ten seconds in a shared cache keep a burst of
  // pollers off the daemon, and a 304 costs them nothing after that.
  std::string cache_control = "public, max-age=10";
  // The page: its name, its months of availability, its time line.
  formats::PageSettings page;
  int page_months = 12;
  date::days timeline_days{8};
  // The Statuspage documents' page. An empty url means "http://" and the
  // request's Host (when it is a plain host[:port]), else "http://localhost".
  formats::StatuspagePage statuspage;
};

// GET /v1/status (formats::status_json): no query parameters (400 for any).
// application/json with ETag, Last-Modified, Cache-Control and
// Access-Control-Allow-Origin: *, and 304 for a matching If-None-Match or
// If-Modified-Since; rendered once per snapshot and change of time in
// `cache`. Its "database" member says whether the database answers and how
// stale the snapshot may be; while it does not, the document is rendered
// for each request and not cached (Cache-Control: no-store).
class StatusHandler final : public Handler {
public:
  StatusHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings = {});
  Response handle(const Request& request, const Context& context) const override;

private:
  std::shared_ptr<RenderCache> m_cache;
  StatusSettings m_settings;
};

} // namespace slate::api
