#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// POST /v1/tickets: 201 {"ticket": T} (200 on an idempotent retry).
class TicketCreateHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// POST /v1/tickets/{ref}/events: 200 {"ticket": T} with the event added.
class TicketEventHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// GET /v1/tickets/{ref}: {"ticket": T}, its clocks as they stand now.
class TicketHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// GET /v1/tickets?state=open|resolved&severity=S&month=YYYY-MM:
// {"tickets": [T], "count"}, by opening.
class TicketListHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
