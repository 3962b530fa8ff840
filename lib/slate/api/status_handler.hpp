#pragma once

#include <slate/api/handler.hpp>
#include <slate/api/render_cache.hpp>
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

// What a model is built with besides the snapshot.
struct StatusOptions {
  int history_months = 0;                   // availability history, ending with this month
  std::optional<domain::Interval> timeline; // windows to list per region for a time line
};

// A status model and the first instant at which the same snapshot would
// give another one (a window opens or closes, planned work passes, a month
// ends; a minute on while an outage is open or work is under way, as
// availability then changes by the second).
struct BuiltStatus {
  formats::StatusModel model;
  domain::Instant expires;
};

// Return the status of `snapshot` at `now`: see formats::StatusModel. The
// maintenance shown is what is in progress and what is planned and not
// over; messages come from the snapshot's templates; components are region x service,
// services being those the policy lists, outages name and maintenance names
// (see reported_services).
BuiltStatus build_status(const app::Snapshot& snapshot, domain::Instant now,
                         const StatusOptions& options = {});

// GET /v1/status (formats::status_json): no query parameters (400 for any).
// application/json with ETag, Last-Modified, Cache-Control and
// Access-Control-Allow-Origin: *, and 304 for a matching If-None-Match or
// If-Modified-Since; rendered once per snapshot and change of time in
// `cache`.
class StatusHandler final : public Handler {
public:
  StatusHandler(std::shared_ptr<RenderCache> cache, StatusSettings settings = {});
  Response handle(const Request& request, const Context& context) const override;

private:
  std::shared_ptr<RenderCache> m_cache;
  StatusSettings m_settings;
};

} // namespace slate::api
