#pragma once

#include <slate/api/request.hpp>

#include <string>

namespace slate::api {

// An HTTP response as handlers produce it, independent of any HTTP library.
// The transport adds framing (Content-Length, Connection) itself.
struct Response {
  int status = 200;
  Fields headers;
  std::string body;
};

// Return a response with `status` and the JSON text `body`, typed
// application/json.
Response json_response(int status, std::string body);

} // namespace slate::api
