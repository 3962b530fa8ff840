#include <slate/api/conditional.hpp>

#include <support/decompress.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <memory>
#include <string>

using slate::api::conditional_response;
using slate::api::Fields;
using slate::api::find_field;
using slate::api::format_http_date;
using slate::api::none_match;
using slate::api::parse_http_date;
using slate::api::RenderedDocument;
using slate::api::Request;
using slate::test::utc;

namespace {

std::shared_ptr<const RenderedDocument> document() {
  auto d = std::make_shared<RenderedDocument>();
  d->body = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
  d->etag = "\"0123456789abcdef-32\"";
  d->last_modified = utc("2026-03-01T10:00:00Z");
  d->version = 4;
  return d;
}

// A document with its compressed copies, as the render cache keeps it.
std::shared_ptr<const RenderedDocument> compressible_document() {
  auto d = std::make_shared<RenderedDocument>();
  for (int i = 0; i < 100; ++i) {
    d->body += "BEGIN:VEVENT\r\nUID:window-" + std::to_string(i) + "@slated\r\nEND:VEVENT\r\n";
  }
  d->etag = slate::api::entity_tag(d->body);
  d->last_modified = utc("2026-03-01T10:00:00Z");
  d->version = 4;
  slate::api::add_encodings(*d);
  return d;
}

Request get(Fields headers, const std::string& method = "GET") {
  return Request{method, "/calendars/US.ics", {}, std::move(headers), ""};
}

const auto k_now = utc("2026-03-03T12:00:00Z");

std::string header(const slate::api::Response& response, const std::string& name) {
  const auto value = find_field(response.headers, name);
  return value ? std::string(*value) : std::string("(none)");
}

} // namespace

TEST_CASE("api::format_http_date writes an IMF-fixdate") {
  CHECK(format_http_date(utc("1994-11-06T08:49:37Z")) == "Sun, 06 Nov 1994 08:49:37 GMT");
  CHECK(format_http_date(utc("2026-03-01T00:00:00Z")) == "Sun, 01 Mar 2026 00:00:00 GMT");
  CHECK(format_http_date(utc("2028-02-29T23:59:59Z")) == "Tue, 29 Feb 2028 23:59:59 GMT");
}

TEST_CASE("api::parse_http_date reads the three forms RFC 9110 names, and nothing else") {
  const auto expected = utc("1994-11-06T08:49:37Z");
  CHECK(parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sunday, 06-Nov-94 08:49:37 GMT") == expected);
  CHECK(parse_http_date("Sun Nov  6 08:49:37 1994") == expected);
  CHECK(parse_http_date(" Sun, 06 Nov 1994 08:49:37 GMT ") == expected);
  CHECK(parse_http_date("Wednesday, 04-Mar-26 10:00:00 GMT") == utc("2026-03-04T10:00:00Z"));
  CHECK(parse_http_date(format_http_date(utc("2031-12-24T23:00:01Z"))) ==
        utc("2031-12-24T23:00:01Z"));

  for (const char* bad :
       {"", "yesterday", "Sun, 06 Nov 1994 08:49:37", "Sun, 06 Nov 1994 08:49:37 UTC",
        "Sun, 06 Nov 1994 08:49:37 gmt", "Sun, 6 Nov 1994 08:49:37 GMT",
        "Sun, 31 Feb 2026 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
        "Sun, 06 Nov 1994 08:49:37 GMT junk", "1994-11-06T08:49:37Z",
        "Sun, 06 Foo 1994 08:49:37 GMT", "Sun Nov 6 08:49:37 1994"}) {
    CAPTURE(bad);
    CHECK_FALSE(parse_http_date(bad));
  }
}

TEST_CASE("api::none_match compares entity tags weakly and refuses a malformed list") {
  const std::string tag = "\"abc-1\"";
  CHECK(none_match("\"abc-1\"", tag));
  CHECK(none_match("W/\"abc-1\"", tag));
  CHECK(none_match("\"x\", \"abc-1\"", tag));
  CHECK(none_match("\"x\",W/\"abc-1\" ,\"y\"", tag));
  CHECK(none_match(" , \"abc-1\"", tag));
  CHECK(none_match("*", tag));
  CHECK(none_match(" * ", tag));
  CHECK(none_match("\"abc-1\"", "W/\"abc-1\""));

  CHECK_FALSE(none_match("", tag));
  CHECK_FALSE(none_match("\"abc-2\"", tag));
  CHECK_FALSE(none_match("\"abc\"", tag));
  CHECK_FALSE(none_match("abc-1", tag));
  CHECK_FALSE(none_match("\"abc-1", tag));
  CHECK_FALSE(none_match("\"x\" \"abc-1\"", tag)); // no comma between tags
  CHECK_FALSE(none_match("*, \"abc-1\"", tag));
  CHECK_FALSE(none_match("w/\"abc-1\"", tag));
}

TEST_CASE("api::conditional_response answers 200 with the body and every validator") {
  const auto response = conditional_response(get({}), document(), "text/calendar; charset=utf-8",
                                             "public, max-age=300", k_now);
  CHECK(response.status == 200);
  CHECK(response.text() == document()->body);
  CHECK(response.body.empty()); // the document's bytes, shared, not a copy
  CHECK(header(response, "Content-Type") == "text/calendar; charset=utf-8");
  CHECK(header(response, "ETag") == "\"0123456789abcdef-32\"");
  CHECK(header(response, "Last-Modified") == "Sun, 01 Mar 2026 10:00:00 GMT");
  CHECK(header(response, "Cache-Control") == "public, max-age=300");
  CHECK(header(response, "Content-Encoding") == "(none)");
  CHECK(header(response, "Content-Disposition") == "(none)");
  CHECK(header(response, "Vary") == "Accept-Encoding");
}

TEST_CASE("api::conditional_response answers in the coding Accept-Encoding chooses") {
  const auto doc = compressible_document();
  REQUIRE(doc->gzip);
  REQUIRE(doc->brotli);
  struct Row {
    const char* what;
    Fields headers;
    const std::string* body;
    std::string encoding;
    std::string etag;
  };
  const Row rows[] = {
      {"no Accept-Encoding", {}, &doc->body, "(none)", doc->etag},
      {"gzip", {{"Accept-Encoding", "gzip"}}, &doc->gzip->body, "gzip", doc->gzip->etag},
      {"br and gzip",
       {{"Accept-Encoding", "gzip, br"}},
       &doc->brotli->body,
       "br",
       doc->brotli->etag},
      {"gzip refused", {{"Accept-Encoding", "gzip;q=0"}}, &doc->body, "(none)", doc->etag},
      {"identity", {{"Accept-Encoding", "identity"}}, &doc->body, "(none)", doc->etag},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    for (const char* method : {"GET", "HEAD"}) {
      CAPTURE(method);
      const auto response = conditional_response(get(row.headers, method), doc,
                                                 "text/calendar; charset=utf-8", "public", k_now);
      CHECK(response.status == 200);
      // The cached bytes themselves, shared: the transport leaves the body
      // out of a HEAD but keeps its length.
      CHECK(response.shared_body.get() == row.body);
      CHECK(response.body.empty());
      CHECK(header(response, "Content-Encoding") == row.encoding);
      CHECK(header(response, "ETag") == row.etag);
      CHECK(header(response, "Vary") == "Accept-Encoding");
      CHECK(header(response, "Content-Type") == "text/calendar; charset=utf-8");
    }
  }
  const auto gzip =
      conditional_response(get({{"Accept-Encoding", "gzip"}}), doc, "text/calendar", "", k_now);
  CHECK(slate::test::gunzip(gzip.text()) == doc->body);
  const auto brotli =
      conditional_response(get({{"Accept-Encoding", "br"}}), doc, "text/calendar", "", k_now);
  CHECK(slate::test::unbrotli(brotli.text()) == doc->body);
}

TEST_CASE("api::conditional_response gives a 304 only for the tag of the coding chosen") {
  const auto doc = compressible_document();
  REQUIRE(doc->gzip);
  struct Row {
    const char* what;
    Fields headers;
    int status;
    std::string etag;
  };
  const Row rows[] = {
      {"the gzip tag, asking for gzip",
       {{"Accept-Encoding", "gzip"}, {"If-None-Match", doc->gzip->etag}},
       304,
       doc->gzip->etag},
      {"the identity tag, asking for gzip",
       {{"Accept-Encoding", "gzip"}, {"If-None-Match", doc->etag}},
       200,
       doc->gzip->etag},
      {"the gzip tag, asking for identity", {{"If-None-Match", doc->gzip->etag}}, 200, doc->etag},
      {"the brotli tag, asking for gzip",
       {{"Accept-Encoding", "gzip"}, {"If-None-Match", doc->brotli->etag}},
       200,
       doc->gzip->etag},
      {"both tags, asking for br",
       {{"Accept-Encoding", "br"}, {"If-None-Match", doc->etag + ", " + doc->brotli->etag}},
       304,
       doc->brotli->etag},
      {"the current date, asking for gzip",
       {{"Accept-Encoding", "gzip"}, {"If-Modified-Since", "Sun, 01 Mar 2026 10:00:00 GMT"}},
       304,
       doc->gzip->etag},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    for (const char* method : {"GET", "HEAD"}) {
      CAPTURE(method);
      const auto response =
          conditional_response(get(row.headers, method), doc, "text/calendar", "public", k_now);
      CHECK(response.status == row.status);
      CHECK(header(response, "ETag") == row.etag);
      CHECK(header(response, "Vary") == "Accept-Encoding");
      CHECK(response.text().empty() == (row.status == 304));
      if (row.status == 304) {
        CHECK(header(response, "Content-Encoding") == "(none)");
      }
    }
  }
}

TEST_CASE("api::conditional_response answers 304 only when the client's copy is current") {
  struct Row {
    const char* what;
    Fields headers;
    int status;
  };
  const std::string tag = document()->etag;
  const Row rows[] = {
      {"the current tag", {{"If-None-Match", tag}}, 304},
      {"the current tag, weak", {{"if-none-match", "W/" + tag}}, 304},
      {"the current tag in a list", {{"If-None-Match", "\"old\", " + tag}}, 304},
      {"the current tag in a second field",
       {{"If-None-Match", "\"old\""}, {"If-None-Match", tag}},
       304},
      {"any tag", {{"If-None-Match", "*"}}, 304},
      {"a stale tag", {{"If-None-Match", "\"0123456789abcdef-31\""}}, 200},
      {"a stale tag wins over a current date",
       {{"If-None-Match", "\"stale\""}, {"If-Modified-Since", "Sun, 01 Mar 2026 10:00:00 GMT"}},
       200},
      {"a malformed tag", {{"If-None-Match", "0123456789abcdef-32"}}, 200},
      {"the same date", {{"If-Modified-Since", "Sun, 01 Mar 2026 10:00:00 GMT"}}, 304},
      {"a later date", {{"If-Modified-Since", "Mon, 02 Mar 2026 00:00:00 GMT"}}, 304},
      {"an earlier date", {{"If-Modified-Since", "Sun, 01 Mar 2026 09:59:59 GMT"}}, 200},
      {"a date after now", {{"If-Modified-Since", "Fri, 01 Jan 2027 00:00:00 GMT"}}, 200},
      {"a date that is not one", {{"If-Modified-Since", "yesterday"}}, 200},
      {"two dates",
       {{"If-Modified-Since", "Mon, 02 Mar 2026 00:00:00 GMT"},
        {"If-Modified-Since", "Mon, 02 Mar 2026 00:00:00 GMT"}},
       200},
      {"an obsolete date form", {{"If-Modified-Since", "Monday, 02-Mar-26 00:00:00 GMT"}}, 304},
  };
  for (const auto& row : rows) {
    CAPTURE(row.what);
    for (const char* method : {"GET", "HEAD"}) {
      CAPTURE(method);
      const auto response =
          conditional_response(get(row.headers, method), document(), "text/calendar; charset=utf-8",
                               "public, max-age=300", k_now);
      CHECK(response.status == row.status);
      // A 304 repeats the validators and Cache-Control, and has no body.
      CHECK(header(response, "ETag") == tag);
      CHECK(header(response, "Last-Modified") == "Sun, 01 Mar 2026 10:00:00 GMT");
      CHECK(header(response, "Cache-Control") == "public, max-age=300");
      CHECK(header(response, "Vary") == "Accept-Encoding");
      CHECK(response.text().empty() == (row.status == 304));
    }
  }
}
