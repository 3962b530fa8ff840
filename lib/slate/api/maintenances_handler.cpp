#include <slate/api/maintenances_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/api/write_request.hpp>
#include <slate/app/maintenance_view.hpp>
#include <slate/app/maintenances.hpp>
#include <slate/formats/json_maintenance.hpp>

#include <algorithm>

namespace slate::api {
namespace {

Response maintenance_response(int status, const domain::Maintenance& maintenance,
                              const app::Snapshot& snapshot) {
  Response response = json_response(
      status,
      formats::to_json_text(
          {{"maintenance", formats::maintenance_json(app::view_of(maintenance, snapshot))}}));
  if (status == 201) {
    response.headers.emplace_back("Location", "/v1/maintenances/" + std::to_string(maintenance.id));
  }
  return response;
}

} // namespace

std::string_view to_string(MaintenanceAction action) {
  switch (action) {
  case MaintenanceAction::start:
    return "start";
  case MaintenanceAction::complete:
    return "complete";
  case MaintenanceAction::cancel:
    return "cancel";
  case MaintenanceAction::extend:
    return "extend";
  }
  return "start";
}

Response MaintenanceListHandler::handle(const Request& request, const Context& context) const {
  auto parameters =
      read_parameters(request.query, "/v1/maintenances", {"region", "state", "from", "to"});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  domain::Problems problems;
  const auto from = instant_parameter(*parameters, "from");
  const auto to = instant_parameter(*parameters, "to");
  collect(from, problems);
  collect(to, problems);
  const domain::Region* region = nullptr;
  if (parameters->count("region") != 0) {
    const auto found = region_parameter(*parameters, *context.snapshot);
    if (collect(found, problems)) {
      region = found.value();
    }
  }
  std::optional<domain::MaintenanceState> state;
  if (const auto text = parameters->find("state"); text != parameters->end()) {
    state = domain::parse_maintenance_state(text->second);
    if (!state) {
      problems.push_back({domain::Code::parameter_invalid, "state",
                          "state '" + text->second.substr(0, 40) +
                              "' is not one of planned, in_progress, completed, cancelled"});
    }
  }
  if (!problems.empty()) {
    return error_response(problems);
  }
  formats::Json list = formats::Json::array();
  for (const auto& maintenance : context.snapshot->maintenances) {
    if (region != nullptr && std::find(maintenance.regions.begin(), maintenance.regions.end(),
                                       region->id) == maintenance.regions.end()) {
      continue;
    }
    if ((state && maintenance.state != *state) ||
        (from.value() && maintenance.end <= *from.value()) ||
        (to.value() && maintenance.booked.start >= *to.value())) {
      continue;
    }
    list.push_back(formats::maintenance_json(app::view_of(maintenance, *context.snapshot)));
  }
  const auto count = list.size();
  return json_response(
      200, formats::to_json_text({{"maintenances", std::move(list)}, {"count", count}}));
}

Response MaintenanceCreateHandler::handle(const Request& request, const Context& context) const {
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_maintenance_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto created = app::book_maintenance(*context.writer, *parsed, *write);
  if (!created) {
    return error_response(created.problems());
  }
  return maintenance_response(created->replayed ? 200 : 201, created->value,
                              *context.writer->snapshot());
}

Response MaintenanceHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/maintenances/{id}", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto id = id_parameter(context);
  const auto* maintenance = id ? context.snapshot->find_maintenance(*id) : nullptr;
  if (maintenance == nullptr) {
    return not_found_response("maintenance", context);
  }
  return maintenance_response(200, *maintenance, *context.snapshot);
}

Response MaintenanceActionHandler::handle(const Request& request, const Context& context) const {
  const auto id = id_parameter(context);
  if (!id || context.snapshot->find_maintenance(*id) == nullptr) {
    return not_found_response("maintenance", context);
  }
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  auto& writer = *context.writer;
  domain::Result<domain::Maintenance> changed =
      domain::Problem{domain::Code::internal, "", "no action"};
  if (m_action == MaintenanceAction::extend) {
    const auto parsed = formats::parse_extend_request(request.body);
    if (!parsed) {
      return error_response(parsed.problems());
    }
    changed = app::extend_maintenance(writer, *id, parsed->end, *write);
  } else {
    if (const auto problems = formats::check_empty_request(request.body); !problems.empty()) {
      return error_response(problems);
    }
    changed = m_action == MaintenanceAction::start ? app::start_maintenance(writer, *id, *write)
              : m_action == MaintenanceAction::complete
                  ? app::complete_maintenance(writer, *id, *write)
                  : app::cancel_maintenance(writer, *id, *write);
  }
  if (!changed) {
    return error_response(changed.problems());
  }
  return maintenance_response(200, *changed, *writer.snapshot());
}

} // namespace slate::api
