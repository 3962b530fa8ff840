#pragma once

#include <slate/domain/problem.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slate::api {

// Name/value pairs in the order they came, repeats kept (query parameters,
// header fields).
using Fields = std::vector<std::pair<std::string, std::string>>;

// Return the value of the first field called `name`, compared ignoring ASCII
// case as HTTP header names are, or std::nullopt.
std::optional<std::string_view> find_field(const Fields& fields, std::string_view name);

// An HTTP request as handlers see it, independent of any HTTP library.
struct Request {
  std::string method; // as sent; HTTP methods are case-sensitive
  std::string path;   // the target up to '?', not percent-decoded
  Fields query;       // percent-decoded parameters
  Fields headers;
  std::string body;
};

// Return the request for `method` and the request-target `target`
// ("/v1/windows?region=US"), or a problem if the target is not a path
// (origin-form) or its query is not valid percent-encoding. '+' in a query
// stays '+' (RFC 3986), so that an offset such as +05:30 survives unencoded.
domain::Result<Request> make_request(std::string method, std::string_view target, Fields headers,
                                     std::string body);

// Return the decoded parameters of `query` (the text after '?'), or a
// problem for field "query" naming the bad percent-escape.
domain::Result<Fields> parse_query(std::string_view query);

} // namespace slate::api
