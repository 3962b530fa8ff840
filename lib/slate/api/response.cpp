#include <slate/api/response.hpp>

namespace slate::api {

Response json_response(int status, std::string body) {
  // Every answer depends on the snapshot and, for defaulted ranges, on the
  // clock: nothing may be cached until responses carry the snapshot's ETag.
  return Response{status,
                  {{"Content-Type", "application/json"}, {"Cache-Control", "no-store"}},
                  std::move(body)};
}

} // namespace slate::api
