#include <slate/api/blackouts_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/api/write_request.hpp>
#include <slate/app/blackouts.hpp>
#include <slate/formats/json_maintenance.hpp>

namespace slate::api {
namespace {

Response blackout_response(int status, const domain::Blackout& blackout) {
  Response response = json_response(
      status, formats::to_json_text({{"blackout", formats::blackout_json(blackout)}}));
  if (status == 201) {
    response.headers.emplace_back("Location", "/v1/blackouts/" + std::to_string(blackout.id));
  }
  return response;
}

} // namespace

Response BlackoutListHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/blackouts", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  formats::Json list = formats::Json::array();
  for (const auto& blackout : context.snapshot->blackouts) {
    list.push_back(formats::blackout_json(blackout));
  }
  const auto count = list.size();
  return json_response(200,
                       formats::to_json_text({{"blackouts", std::move(list)}, {"count", count}}));
}

Response BlackoutCreateHandler::handle(const Request& request, const Context& context) const {
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto parsed = formats::parse_blackout_request(request.body);
  if (!parsed) {
    return error_response(parsed.problems());
  }
  const auto created = app::create_blackout(*context.writer, *parsed, *write);
  if (!created) {
    return error_response(created.problems());
  }
  return blackout_response(created->replayed ? 200 : 201, created->value);
}

Response BlackoutHandler::handle(const Request& request, const Context& context) const {
  auto parameters = read_parameters(request.query, "/v1/blackouts/{id}", {});
  if (!parameters) {
    return error_response(parameters.problems());
  }
  const auto id = id_parameter(context);
  const auto* blackout = id ? context.snapshot->find_blackout(*id) : nullptr;
  if (blackout == nullptr) {
    return not_found_response("blackout", context);
  }
  return blackout_response(200, *blackout);
}

Response BlackoutDeleteHandler::handle(const Request& request, const Context& context) const {
  const auto id = id_parameter(context);
  if (!id || context.snapshot->find_blackout(*id) == nullptr) {
    return not_found_response("blackout", context);
  }
  const auto write = write_context(request, context);
  if (!write) {
    return error_response(write.problems());
  }
  const auto removed = app::delete_blackout(*context.writer, *id, *write);
  if (!removed) {
    return error_response(removed.problems());
  }
  return blackout_response(200, *removed);
}

} // namespace slate::api
