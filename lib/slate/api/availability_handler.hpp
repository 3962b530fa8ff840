#pragma once

#include <slate/api/handler.hpp>
#include <slate/app/availability_reports.hpp>

#include <optional>
#include <string>
#include <vector>

namespace slate::api {

// GET /v1/availability?service=S&region=R&month=YYYY-MM (or from=YYYY-MM&
// to=YYYY-MM; without either, the current month; without service, every
// service). One service and one month: the report object itself;
// otherwise {"reports": [...], "count"}. With `Accept: text/csv` (or
// format=csv): CSV, one row per report, or with rows=ledger one row per
// ledger entry.
class AvailabilityHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
