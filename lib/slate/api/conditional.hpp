#pragma once

#include <slate/api/render_cache.hpp>
#include <slate/api/request.hpp>
#include <slate/api/response.hpp>
#include <slate/domain/instant.hpp>

#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace slate::api {

// HTTP caching (RFC 9110 section 13, RFC 9111) for documents rendered from
// a snapshot. A handler typically does:
//
//   auto document = cache.get(key, *context.snapshot, context.now, [&] {
//     return Rendering{render(*context.snapshot)};
//   });
//   return conditional_response(request, document, "application/json",
//                               "public, max-age=10", context.now);

// Return the response to a GET or HEAD of `document`, in the content coding
// the request's Accept-Encoding chooses (choose_coding, content_coding.hpp)
// among those the document has:
// - 304 Not Modified, without a body, when the request's If-None-Match
//   lists the entity tag of that coding's bytes or is "*"; or, when the request has no
//   If-None-Match, when its one If-Modified-Since is a valid HTTP-date that
//   is not later than `now` and not earlier than the document's
//   Last-Modified;
// - otherwise 200 with that coding's bytes (and Content-Encoding unless
//   identity), typed `content_type`, as the response's shared_body: the
//   document's own bytes, not a copy.
// Both carry ETag (that coding's), Last-Modified, Cache-Control
// `cache_control` and Vary: Accept-Encoding, as a 304 must repeat them. A
// tag or date that does not match never gives a 304.
Response conditional_response(const Request& request,
                              const std::shared_ptr<const RenderedDocument>& document,
                              std::string_view content_type, std::string_view cache_control,
                              domain::Instant now);

// Return whether the If-None-Match field value `field` ("*" or a list of
// entity tags, weak or strong) matches the entity tag `etag` (quoted), by
// the weak comparison RFC 9110 asks for. A malformed list matches nothing.
bool none_match(std::string_view field, std::string_view etag);

// Return the instant of an HTTP-date: an IMF-fixdate ("Sun, 06 Nov 1994
// 08:49:37 GMT") or one of the obsolete forms a recipient must still read
// (RFC 850 "Sunday, 06-Nov-94 08:49:37 GMT", asctime "Sun Nov  6 08:49:37
// 1994"); std::nullopt if `text` is none of them or not a real date.
std::optional<domain::Instant> parse_http_date(std::string_view text);

// Return `instant` as an IMF-fixdate, e.g. "Sun, 06 Nov 1994 08:49:37 GMT".
std::string format_http_date(domain::Instant instant);

} // namespace slate::api
