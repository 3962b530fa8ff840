#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /v1/blackouts: every change freeze, by id.
class BlackoutListHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// POST /v1/blackouts: 201 with the new blackout (200 on an idempotent retry).
class BlackoutCreateHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// GET /v1/blackouts/{id}
class BlackoutHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// DELETE /v1/blackouts/{id}: 200 with the blackout that was removed.
class BlackoutDeleteHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
