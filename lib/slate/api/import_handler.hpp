#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// POST /v1/import: past maintenance and outages, all or nothing. 201 with
// {"maintenances": [ids], "outages": [ids]}; 200 with the same for a retry
// with the same Idempotency-Key; 400 or 422 listing every problem of every
// item, each named by its index ("maintenances[3].start").
class ImportHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
