#include <slate/api/router.hpp>

#include <slate/api/alertmanager_handler.hpp>
#include <slate/api/availability_handler.hpp>
#include <slate/api/blackouts_handler.hpp>
#include <slate/api/error.hpp>
#include <slate/api/feed_handler.hpp>
#include <slate/api/health_handler.hpp>
#include <slate/api/import_handler.hpp>
#include <slate/api/maintenances_handler.hpp>
#include <slate/api/next_window_handler.hpp>
#include <slate/api/outages_handler.hpp>
#include <slate/api/page_handler.hpp>
#include <slate/api/regions_handler.hpp>
#include <slate/api/status_handler.hpp>
#include <slate/api/statuspage_handler.hpp>
#include <slate/api/support_compliance_handler.hpp>
#include <slate/api/support_deadlines_handler.hpp>
#include <slate/api/tickets_handler.hpp>
#include <slate/api/windows_handler.hpp>
#include <slate/app/database_unavailable.hpp>
#include <slate/util/text.hpp>

#include <algorithm>
#include <stdexcept>

namespace slate::api {
namespace {

std::vector<std::string> split_path(std::string_view path) {
  std::vector<std::string> segments;
  std::size_t start = 1; // after the leading '/'
  while (start <= path.size()) {
    const auto end = std::min(path.find('/', start), path.size());
    segments.emplace_back(path.substr(start, end - start));
    start = end + 1;
  }
  return segments;
}

// Return the literal text after the "{name}" of a parameter segment ("" for
// "{id}", ".ics" for "{region}.ics"), or std::nullopt if `segment` is not a
// parameter.
std::optional<std::string_view> parameter_suffix(std::string_view segment) {
  const auto close = segment.find('}');
  if (segment.size() < 3 || segment.front() != '{' || close == std::string_view::npos ||
      close < 2) {
    return std::nullopt;
  }
  return segment.substr(close + 1);
}

// Return what the pattern's parameters match in `path`, or std::nullopt.
std::optional<std::vector<std::string>> match(const std::vector<std::string>& pattern,
                                              const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) {
    return std::nullopt;
  }
  std::vector<std::string> parameters;
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (const auto suffix = parameter_suffix(pattern[i])) {
      const std::string_view segment = path[i];
      if (segment.size() <= suffix->size() ||
          segment.substr(segment.size() - suffix->size()) != *suffix) {
        return std::nullopt;
      }
      parameters.emplace_back(segment.substr(0, segment.size() - suffix->size()));
    } else if (pattern[i] != path[i]) {
      return std::nullopt;
    }
  }
  return parameters;
}

Response unauthorized(const std::string& message) {
  Response response =
      error_response(domain::Problem{domain::Code::unauthorized, "Authorization", message});
  response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"slated\"");
  return response;
}

} // namespace

Router::Router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error)
    : m_snapshot(std::move(snapshot)), m_clock(std::move(clock)),
      m_on_internal_error(std::move(on_internal_error)) {}

void Router::add(std::string path, std::unique_ptr<Handler> handler) {
  add("GET", std::move(path), Access::read, std::move(handler));
}

void Router::add(std::string method, std::string pattern, Access access,
                 std::unique_ptr<Handler> handler) {
  auto segments = split_path(pattern);
  m_routes.push_back(
      {std::move(method), std::move(pattern), std::move(segments), access, std::move(handler), {}});
}

void Router::add(std::string method, std::string pattern, Authenticator authenticate,
                 std::unique_ptr<Handler> handler) {
  add(std::move(method), std::move(pattern), Access::write, std::move(handler));
  m_routes.back().authenticate = std::move(authenticate);
}

void Router::set_writer(app::Writer* writer, Authenticator authenticate) {
  m_writer = writer;
  m_authenticate = std::move(authenticate);
}

std::optional<Response> Router::authorise(const Request& request, const Route& route,
                                          std::string& actor) const {
  const auto header = find_field(request.headers, "Authorization");
  if (!header) {
    return unauthorized(
        "this request changes data and needs 'Authorization: Bearer TOKEN'; create a token with "
        "'slatectl token new NAME' and add its line to the daemon's tokens file");
  }
  constexpr std::string_view scheme = "Bearer ";
  if (header->size() <= scheme.size() ||
      !util::equal_ignoring_case(header->substr(0, scheme.size()), scheme)) {
    return unauthorized("the Authorization header must be 'Bearer TOKEN'");
  }
  const auto& authenticate = route.authenticate ? route.authenticate : m_authenticate;
  if (!authenticate) {
    return unauthorized(
        "this slated has no tokens file, so it accepts no writes; start it with --tokens FILE");
  }
  auto name = authenticate(header->substr(scheme.size()));
  if (!name) {
    return unauthorized(name.problems().front().message);
  }
  actor = std::move(name).value();
  return std::nullopt;
}

Response Router::dispatch(const Request& request) const {
  const auto path = split_path(request.path);
  const std::string method = request.method == "HEAD" ? std::string("GET") : request.method;
  std::vector<std::string> allowed;
  for (const auto& route : m_routes) {
    auto parameters = match(route.segments, path);
    if (!parameters) {
      continue;
    }
    if (route.method != method) {
      allowed.push_back(route.method);
      if (route.method == "GET") {
        allowed.emplace_back("HEAD");
      }
      continue;
    }
    Context context{m_snapshot ? m_snapshot() : nullptr,
                    m_clock ? m_clock() : domain::Instant{},
                    nullptr,
                    "",
                    std::move(*parameters),
                    m_database ? m_database() : formats::DatabaseState{}};
    if (route.access == Access::write) {
      if (auto refused = authorise(request, route, context.actor)) {
        return *refused;
      }
      context.writer = m_writer;
      if (context.writer == nullptr) {
        return error_response(domain::Problem{domain::Code::unavailable, "",
                                              "this slated serves reads only; writes are off"});
      }
    }
    if (!context.snapshot) {
      return error_response(domain::Problem{domain::Code::unavailable, "",
                                            "no calendars are loaded yet; try again shortly"});
    }
    auto response = route.handler->handle(request, context);
    if (route.access == Access::read && !context.database.reachable) {
      // Answered from a snapshot that may miss what was written since the
      // database went away (another replica's writes): say so, and since
      // when, rather than fail a read that the snapshot can answer.
      response.headers.emplace_back("Warning", "110 - \"Response is Stale\"");
      response.headers.emplace_back("X-Slated-Stale-Seconds",
                                    std::to_string(context.database.stale_seconds));
    }
    return response;
  }
  if (allowed.empty()) {
    return error_response(domain::Problem{domain::Code::not_found, "path",
                                          "no resource at '" + util::shortened(request.path, 100) +
                                              "'; see /v1/regions, /v1/windows, /v1/windows/next, "
                                              "/v1/maintenances, /v1/blackouts, /v1/tickets, "
                                              "/calendars/all.ics, /healthz and /metrics"});
  }
  const std::string allow = util::joined(allowed);
  Response response = error_response(
      domain::Problem{domain::Code::method_not_allowed, "method",
                      "method '" + util::shortened(request.method, 100) + "' is not allowed on " +
                          util::shortened(request.path, 100) + "; use " + allow});
  response.headers.emplace_back("Allow", allow);
  return response;
}

std::string_view Router::route_of(const Request& request) const {
  const auto path = split_path(request.path);
  for (const auto& route : m_routes) {
    if (match(route.segments, path)) {
      return route.pattern;
    }
  }
  return "";
}

bool Router::writes(const Request& request) const {
  const auto path = split_path(request.path);
  for (const auto& route : m_routes) {
    if (route.access == Access::write && route.method == request.method &&
        match(route.segments, path)) {
      return true;
    }
  }
  return false;
}

std::optional<Response> Router::refuse_unauthorised(const Request& request) const {
  try {
    const auto path = split_path(request.path);
    for (const auto& route : m_routes) {
      if (route.method != request.method || !match(route.segments, path)) {
        continue;
      }
      if (route.access != Access::write) {
        return std::nullopt;
      }
      std::string actor;
      return authorise(request, route, actor);
    }
    return std::nullopt;
  } catch (const std::exception& error) {
    if (m_on_internal_error) {
      m_on_internal_error(error.what());
    }
    return error_response(error);
  }
}

Response Router::handle(const Request& request) const {
  try {
    return dispatch(request);
  } catch (const app::DatabaseUnavailable&) {
    // Not a bug: the database is away (a restart, a failover) and the
    // write was not made, or, if the connection went while committing,
    // may have been; a retry with the same Idempotency-Key is safe either
    // way. The daemon logs why, and when the database is back; its address
    // is not the client's business.
    return database_unavailable_response(
        "the database cannot be reached, so the write was not made (if the connection broke "
        "during its commit, it may have been: a retry with the same Idempotency-Key settles "
        "it); reads still answer from the last snapshot. Try again after Retry-After");
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

Router make_api_router(SnapshotSource snapshot, Clock clock, ErrorSink on_internal_error,
                       const StatusSettings& status) {
  using Access = Router::Access;
  Router router(std::move(snapshot), std::move(clock), std::move(on_internal_error));
  router.add("/healthz", std::make_unique<HealthHandler>());
  router.add("/readyz", std::make_unique<ReadinessHandler>());
  // Documents rendered from a snapshot, cached by its version and variant.
  const auto cache = std::make_shared<RenderCache>();
  // all.ics first: a region called "all" cannot shadow the feed of all.
  router.add("/calendars/all.ics", std::make_unique<FeedHandler>(FeedHandler::Scope::all, cache));
  router.add("/calendars/{region}.ics",
             std::make_unique<FeedHandler>(FeedHandler::Scope::region, cache));
  router.add("/v1/regions", std::make_unique<RegionsHandler>());
  router.add("/v1/windows", std::make_unique<WindowsHandler>());
  router.add("/v1/windows/next", std::make_unique<NextWindowHandler>());
  router.add("/v1/maintenances", std::make_unique<MaintenanceListHandler>());
  router.add("POST", "/v1/maintenances", Access::write,
             std::make_unique<MaintenanceCreateHandler>());
  router.add("/v1/maintenances/{id}", std::make_unique<MaintenanceHandler>());
  for (const auto action : {MaintenanceAction::start, MaintenanceAction::complete,
                            MaintenanceAction::cancel, MaintenanceAction::extend}) {
    router.add("POST", "/v1/maintenances/{id}/" + std::string(to_string(action)), Access::write,
               std::make_unique<MaintenanceActionHandler>(action));
  }
  router.add("/v1/blackouts", std::make_unique<BlackoutListHandler>());
  router.add("POST", "/v1/blackouts", Access::write, std::make_unique<BlackoutCreateHandler>());
  router.add("/v1/blackouts/{id}", std::make_unique<BlackoutHandler>());
  router.add("DELETE", "/v1/blackouts/{id}", Access::write,
             std::make_unique<BlackoutDeleteHandler>());
  router.add("/v1/outages", std::make_unique<OutageListHandler>());
  router.add("POST", "/v1/outages", Access::write, std::make_unique<OutageCreateHandler>());
  router.add("/v1/outages/{id}", std::make_unique<OutageHandler>());
  router.add("POST", "/v1/outages/{id}/resolve", Access::write,
             std::make_unique<OutageResolveHandler>());
  router.add("/v1/availability", std::make_unique<AvailabilityHandler>());
  router.add("POST", "/v1/import", Access::write, std::make_unique<ImportHandler>());
  // Support tickets and their clocks.
  router.add("/v1/tickets", std::make_unique<TicketListHandler>());
  router.add("POST", "/v1/tickets", Access::write, std::make_unique<TicketCreateHandler>());
  router.add("/v1/tickets/{ref}", std::make_unique<TicketHandler>());
  router.add("POST", "/v1/tickets/{ref}/events", Access::write,
             std::make_unique<TicketEventHandler>());
  router.add("/v1/sla/deadlines", std::make_unique<SupportDeadlinesHandler>());
  router.add("/v1/sla/compliance", std::make_unique<SupportComplianceHandler>());
  // Alertmanager: its webhook is added by the daemon, with its token.
  router.add("/v1/integrations/alertmanager/time-intervals.yaml",
             std::make_unique<TimeIntervalsHandler>());
  // Status for status pages, widgets and people, from the same cache.
  router.add("/", std::make_unique<PageHandler>(cache, status));
  router.add("/v1/status", std::make_unique<StatusHandler>(cache, status));
  for (const auto document :
       {StatuspageHandler::Document::summary, StatuspageHandler::Document::status,
        StatuspageHandler::Document::components, StatuspageHandler::Document::upcoming,
        StatuspageHandler::Document::active, StatuspageHandler::Document::unresolved}) {
    router.add(std::string(StatuspageHandler::path(document)),
               std::make_unique<StatuspageHandler>(document, cache, status));
  }
  return router;
}

} // namespace slate::api
