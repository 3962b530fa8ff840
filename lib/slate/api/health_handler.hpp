#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /healthz: {"status": "ok"} while the daemon can answer from a snapshot.
class HealthHandler final : public Handler {
public:
  // Return 200 {"status": "ok"}; a query parameter is a 400 like elsewhere.
  Response handle(const Request& request, const Context& context) const override;
};

// GET /readyz: whether this slated can take writes as well as reads, for a
// load balancer or an orchestrator's readiness probe. 200 {"status":
// "ready"} while the database answers (always, with SQLite, once started);
// 503 database_unavailable with Retry-After, saying for how long, while it
// does not: reads are still answered from the snapshot (/healthz stays 200).
class ReadinessHandler final : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
