#pragma once

#include <slate/api/request.hpp>

#include <memory>
#include <string>
#include <string_view>

namespace slate::api {

// An HTTP response as handlers produce it, independent of any HTTP library.
// The transport adds framing (Content-Length, Connection) itself.
//
// The body is `body`, or, when `shared_body` is set, the string it points
// to: a document the render cache holds, which the transport then sends
// without copying it for each request.
struct Response {
  int status = 200;
  Fields headers;
  std::string body;
  // Initialised, so that Response{status, headers, body} may leave it out.
  std::shared_ptr<const std::string> shared_body = nullptr;

  // Return the body, whichever of the two holds it; valid while this
  // response is.
  std::string_view text() const { return shared_body ? *shared_body : body; }
};

// Return a response with `status` and the JSON text `body`, typed
// application/json.
Response json_response(int status, std::string body);

} // namespace slate::api
