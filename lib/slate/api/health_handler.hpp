#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /healthz: {"status": "ok"} while the daemon can answer from a snapshot.
class HealthHandler final : public Handler {
public:
  // Return 200 {"status": "ok"}; a query parameter is a 400 like elsewhere.
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
