#pragma once

#include <chrono>
#include <string>
#include <string_view>

namespace slate::test {

// Connect to 127.0.0.1:`port`, send `bytes` exactly as given (for requests
// no HTTP client would send), and return everything received until the
// server closes the connection. Waits at most `timeout` for the close; what
// arrived by then is returned.
std::string raw_exchange(int port, std::string_view bytes,
                         std::chrono::seconds timeout = std::chrono::seconds{10});

// Return the status code of the first response in `received` ("HTTP/1.1 400
// Bad Request..." gives 400), or 0 if there is none.
int status_of(std::string_view received);

// Return the body of the first response in `received` (after the blank line).
std::string body_of(std::string_view received);

} // namespace slate::test
