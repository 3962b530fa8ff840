#pragma once

#include <slate/api/request.hpp>

#include <string>
#include <string_view>

namespace slate::api {

// The content codings (RFC 9110 section 8.4.1) slated answers with: the
// bytes as rendered, or compressed.
enum class ContentCoding { identity, gzip, brotli };

// Return the coding's name as Content-Encoding writes it: "identity",
// "gzip", "br".
std::string_view coding_name(ContentCoding coding);

// Which compressed copies a document has beside its own bytes (identity,
// always there).
struct AvailableCodings {
  bool gzip = false;
  bool brotli = false;
};

// Return the coding to answer `headers` with (RFC 9110 section 12.5.3),
// among identity and the `available` ones:
// - no Accept-Encoding field, or an empty one: identity;
// - otherwise the available coding with the highest weight (q) above 0,
//   "x-gzip" counting as "gzip" and "*" as any coding not named; on a tie
//   the smaller representation (brotli, then gzip, then identity);
// - identity is acceptable unless named with q=0 (or "*;q=0" without
//   naming it), and then chosen only if its weight is higher than every
//   acceptable compressed coding's. When nothing acceptable is available
//   the answer is identity all the same: RFC 9110 allows it, and a
//   document is better than a 406.
// Several Accept-Encoding fields form one list. An element with a
// malformed weight is left out, as if the client had not named it.
ContentCoding choose_coding(const Fields& headers, AvailableCodings available);

// Return `body` as a gzip member (RFC 1952), compressed at the highest
// level: it is done once per rendering and sent many times.
std::string gzip_compress(std::string_view body);

// Return `body` compressed with brotli (RFC 7932): at the highest quality
// for documents of up to 16 KiB, where it stays within a few milliseconds,
// and at a middling one above, where the highest would stall the HTTP
// thread for tens of milliseconds.
std::string brotli_compress(std::string_view body);

} // namespace slate::api
