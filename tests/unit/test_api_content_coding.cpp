#include <slate/api/content_coding.hpp>

#include <support/decompress.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::api::AvailableCodings;
using slate::api::choose_coding;
using slate::api::coding_name;
using slate::api::ContentCoding;
using slate::api::Fields;

namespace {

// A text that compresses as feeds do: long, with repeats.
std::string feed_like() {
  std::string text = "BEGIN:VCALENDAR\r\n";
  for (int i = 0; i < 300; ++i) {
    text += "BEGIN:VEVENT\r\nUID:window-" + std::to_string(i) +
            "@slated\r\nSUMMARY:Maintenance window\r\nEND:VEVENT\r\n";
  }
  return text + "END:VCALENDAR\r\n";
}

constexpr AvailableCodings k_both{true, true};

} // namespace

TEST_CASE("api::coding_name writes the Content-Encoding tokens") {
  CHECK(coding_name(ContentCoding::identity) == "identity");
  CHECK(coding_name(ContentCoding::gzip) == "gzip");
  CHECK(coding_name(ContentCoding::brotli) == "br");
}

TEST_CASE("api::choose_coding follows Accept-Encoding's weights, q=0 and identity") {
  struct Row {
    const char* what;
    Fields headers;
    AvailableCodings available;
    ContentCoding expected;
  };
  const Row rows[] = {
      {"no field", {}, k_both, ContentCoding::identity},
      {"an empty field", {{"Accept-Encoding", ""}}, k_both, ContentCoding::identity},
      {"gzip", {{"Accept-Encoding", "gzip"}}, k_both, ContentCoding::gzip},
      {"the field name in any case", {{"accept-encoding", "gzip"}}, k_both, ContentCoding::gzip},
      {"x-gzip", {{"Accept-Encoding", "x-gzip"}}, k_both, ContentCoding::gzip},
      {"GZIP in capitals", {{"Accept-Encoding", "GZIP"}}, k_both, ContentCoding::gzip},
      {"curl --compressed",
       {{"Accept-Encoding", "deflate, gzip, br, zstd"}},
       k_both,
       ContentCoding::brotli},
      {"a tie goes to the smaller",
       {{"Accept-Encoding", "gzip, br"}},
       k_both,
       ContentCoding::brotli},
      {"br not available", {{"Accept-Encoding", "gzip, br"}}, {true, false}, ContentCoding::gzip},
      {"nothing available", {{"Accept-Encoding", "gzip, br"}}, {}, ContentCoding::identity},
      {"a higher weight wins",
       {{"Accept-Encoding", "br;q=0.5, gzip;q=0.8"}},
       k_both,
       ContentCoding::gzip},
      {"spaces around the weight",
       {{"Accept-Encoding", "br ; q=0.5 , gzip ; Q=0.9"}},
       k_both,
       ContentCoding::gzip},
      {"q=0 refuses a coding", {{"Accept-Encoding", "br;q=0, gzip"}}, k_both, ContentCoding::gzip},
      {"q=0.000 refuses too",
       {{"Accept-Encoding", "gzip;q=0.000"}},
       k_both,
       ContentCoding::identity},
      {"only refusals", {{"Accept-Encoding", "gzip;q=0, br;q=0"}}, k_both, ContentCoding::identity},
      {"identity preferred",
       {{"Accept-Encoding", "gzip;q=0.5, identity"}},
       k_both,
       ContentCoding::identity},
      {"identity named at the same weight",
       {{"Accept-Encoding", "identity, gzip"}},
       k_both,
       ContentCoding::gzip},
      {"identity only", {{"Accept-Encoding", "identity"}}, k_both, ContentCoding::identity},
      {"identity refused",
       {{"Accept-Encoding", "identity;q=0, gzip;q=0.1"}},
       k_both,
       ContentCoding::gzip},
      {"a low weight still beats an unnamed identity",
       {{"Accept-Encoding", "gzip;q=0.1"}},
       {true, false},
       ContentCoding::gzip},
      {"any coding", {{"Accept-Encoding", "*"}}, k_both, ContentCoding::brotli},
      {"any but br", {{"Accept-Encoding", "*, br;q=0"}}, k_both, ContentCoding::gzip},
      {"none at all", {{"Accept-Encoding", "*;q=0"}}, k_both, ContentCoding::identity},
      {"unknown codings only",
       {{"Accept-Encoding", "zstd, compress"}},
       k_both,
       ContentCoding::identity},
      {"two fields form one list",
       {{"Accept-Encoding", "br;q=0.2"}, {"Accept-Encoding", "gzip;q=0.9"}},
       k_both,
       ContentCoding::gzip},
      {"a malformed weight leaves the element out",
       {{"Accept-Encoding", "br;q=2, gzip;q=0.3"}},
       k_both,
       ContentCoding::gzip},
      {"a weight with four decimals",
       {{"Accept-Encoding", "gzip;q=0.1234"}},
       k_both,
       ContentCoding::identity},
      {"a weight that is not a number",
       {{"Accept-Encoding", "gzip;q=high"}},
       k_both,
       ContentCoding::identity},
      {"a parameter without a value",
       {{"Accept-Encoding", "gzip;q"}},
       k_both,
       ContentCoding::identity},
      {"empty elements", {{"Accept-Encoding", " , ,gzip,"}}, k_both, ContentCoding::gzip},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    CHECK(choose_coding(row.headers, row.available) == row.expected);
  }
}

TEST_CASE("api::gzip_compress and brotli_compress make what zlib and libbrotlidec decode") {
  for (const std::string& body : {feed_like(), std::string("{}"), std::string()}) {
    CAPTURE(body.size());
    const std::string gzip = slate::api::gzip_compress(body);
    CHECK(slate::test::gunzip(gzip) == body);
    const std::string brotli = slate::api::brotli_compress(body);
    CHECK(slate::test::unbrotli(brotli) == body);
  }
  // Large enough for the middling brotli quality.
  std::string large;
  while (large.size() < (100u << 10)) {
    large += feed_like();
  }
  CHECK(slate::test::unbrotli(slate::api::brotli_compress(large)) == large);
  // They pay: a feed-like text shrinks many times over.
  const std::string feed = feed_like();
  CHECK(slate::api::gzip_compress(feed).size() * 5 < feed.size());
  CHECK(slate::api::brotli_compress(feed).size() <= slate::api::gzip_compress(feed).size());
}
