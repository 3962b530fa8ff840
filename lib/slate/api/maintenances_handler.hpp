#pragma once

#include <slate/api/handler.hpp>

#include <string_view>

namespace slate::api {

// GET /v1/maintenances?region=&state=&from=&to=: maintenance, by id.
class MaintenanceListHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// POST /v1/maintenances: book (scheduled) or declare (emergency) maintenance.
// 201 with the maintenance; 200 with it for a retry with the same
// Idempotency-Key; 422 with every rule it breaks.
class MaintenanceCreateHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

// GET /v1/maintenances/{id}
class MaintenanceHandler : public Handler {
public:
  Response handle(const Request& request, const Context& context) const override;
};

enum class MaintenanceAction { start, complete, cancel, extend };
std::string_view to_string(MaintenanceAction action);

// POST /v1/maintenances/{id}/start|complete|cancel|extend
class MaintenanceActionHandler : public Handler {
public:
  explicit MaintenanceActionHandler(MaintenanceAction action) : m_action(action) {}
  Response handle(const Request& request, const Context& context) const override;

private:
  MaintenanceAction m_action;
};

} // namespace slate::api
