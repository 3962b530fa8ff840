#include <slate/api/import_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/write_request.hpp>
#include <slate/app/history_import.hpp>
#include <slate/formats/json_outage.hpp>

namespace slate::api {

Response ImportHandler::handle(const Request& request, const Context& context) const {
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_import_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto imported = app::import_history(*context.writer, *parsed, *write);
  if (!imported) {
    return error_response(imported.problems());
  }
  formats::Json maintenances = formats::Json::array();
  for (const auto& maintenance : imported->value.maintenances) {
    maintenances.push_back(maintenance.id);
  }
  formats::Json outages = formats::Json::array();
  for (const auto& outage : imported->value.outages) {
    outages.push_back(outage.id);
  }
  return json_response(imported->replayed ? 200 : 201,
                       formats::to_json_text({{"maintenances", std::move(maintenances)},
                                              {"outages", std::move(outages)}}));
}

} // namespace slate::api
