#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /v1/outages?service=&region=&state=open|resolved&from=&to=&limit=:
// recorded outages, newest (highest id) first, at most `limit` (default
// 100, at most 10000), with the number that matched.
class OutageListHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// POST /v1/outages: record an outage, ongoing or past. 201 with it; 200 with
// it for a retry with the same Idempotency-Key; 422 for unknown regions.
class OutageCreateHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// GET /v1/outages/{id}
class OutageHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// POST /v1/outages/{id}/resolve: end an open outage (409 if it has ended).
class OutageResolveHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
