#include <slate/api/about_handler.hpp>

#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>

#include <utility>

namespace slate::api {

AboutHandler::AboutHandler(formats::About about) : m_about(std::move(about)) {}

Response AboutHandler::handle(const Request& request, const Context& context) const {
  if (auto parameters = read_parameters(request.query, "/v1/about", {}); !parameters) {
    return error_response(parameters.problems());
  }
  return json_response(200, formats::render_about(m_about, context.snapshot->policy.name));
}

} // namespace slate::api
