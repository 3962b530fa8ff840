#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /v1/sla/compliance?month=YYYY-MM (default: the current month in the
// reporting zone): {"month", "reporting_zone", "rows": [...]}, or the same
// rows as CSV for `Accept: text/csv` (or format=csv).
class SupportComplianceHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
