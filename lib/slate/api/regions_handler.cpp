#include <slate/api/regions_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/formats/json_regions.hpp>

namespace slate::api {

Response RegionsHandler::handle(const Request& request, const Context& context) const {
  if (auto parameters = read_parameters(request.query, "/v1/regions", {}); !parameters) {
    return error_response(parameters.problems());
  }
  return json_response(
      200, formats::render_regions(context.snapshot->regions, context.snapshot->home_zone));
}

} // namespace slate::api
