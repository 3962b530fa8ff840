#include <slate/api/csv_negotiation.hpp>

#include <slate/util/text.hpp>

namespace slate::api {

bool wants_csv(const Request& request) {
  const auto accept = find_field(request.headers, "Accept");
  if (!accept) {
    return false;
  }
  const std::string lower = util::lowercase(*accept);
  const auto csv = lower.find("text/csv");
  const auto json = lower.find("application/json");
  return csv != std::string::npos && (json == std::string::npos || csv < json);
}

Response csv_response(std::string body, std::string_view filename) {
  return Response{200,
                  {{"Content-Type", "text/csv; charset=utf-8; header=present"},
                   {"Cache-Control", "no-store"},
                   {"Content-Disposition", "inline; filename=\"" + std::string(filename) + "\""}},
                  std::move(body)};
}

} // namespace slate::api
