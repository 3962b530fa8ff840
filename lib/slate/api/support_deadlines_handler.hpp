#pragma once

#include <slate/api/handler.hpp>

namespace slate::api {

// GET /v1/sla/deadlines?severity=S&opened_at=T[&plan=P]: {"severity",
// "plan", "opened_at", "clocks": [C]}, each clock with its ledger from the
// opening to its due instant. No ticket is stored.
class SupportDeadlinesHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

} // namespace slate::api
