// Whole HTTP requests, parsed by Beast as the daemon's server parses them,
// then answered by the router of every endpoint, with a writer on an
// in-memory store so that writes go all the way through. A fresh store
// and writer per input keep every crash reproducible from its input alone.
// The bearer token "fuzz" is accepted (the seed corpus uses it).
#include <slate/api/router.hpp>
#include <slate/app/writer.hpp>
#include <slate/formats/message_text.hpp>
#include <slate/store/store.hpp>

#include <support/api_fixture.hpp>

#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/http.hpp>

#include <cstddef>
#include <cstdint>
#include <string>

namespace {

namespace http = boost::beast::http;
namespace slate_api = slate::api;

// The daemon's limits (daemon/slated/http_server.cpp): a request larger
// than this is refused before it reaches the router.
constexpr std::uint64_t k_body_limit = 1024 * 1024;

void answer(const http::request<http::string_body>& request) {
  slate_api::Fields headers;
  for (const auto& field : request) {
    headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  auto made = slate_api::make_request(std::string(request.method_string()), request.target(),
                                      std::move(headers), request.body());
  if (!made) {
    return;
  }
  auto store = slate::store::open_sqlite_store(":memory:");
  slate::app::SnapshotPtr current;
  slate::app::Writer writer(*store, [&current](slate::app::SnapshotPtr next) { current = next; });
  writer.start(slate::test::sample_regions(), slate::domain::Policy{},
               slate::test::zone("Asia/Kolkata"), slate::formats::MessageTemplates::defaults());
  const auto now = slate::test::utc("2026-11-10T00:00:00Z");
  auto router = slate_api::make_api_router([&current] { return current; }, [now] { return now; });
  router.set_writer(&writer, [](std::string_view token) -> slate::domain::Result<std::string> {
    if (token == "fuzz") {
      return std::string("fuzzer");
    }
    return slate::domain::Problem{slate::domain::Code::unauthorized, "Authorization",
                                  "the bearer token is not valid"};
  });
  (void)router.handle(made.value());
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  http::request_parser<http::string_body> parser;
  parser.eager(true);
  parser.body_limit(k_body_limit);
  boost::beast::error_code error;
  std::size_t used = 0;
  while (used < size && !parser.is_done()) {
    const auto consumed = parser.put(boost::asio::const_buffer(data + used, size - used), error);
    if (error == http::error::need_more) {
      break;
    }
    if (error) {
      return 0;
    }
    if (consumed == 0) {
      break;
    }
    used += consumed;
  }
  if (!parser.is_done()) {
    // As when the client closes: only a parser that has seen bytes may be
    // told so (put_eof asserts it).
    if (!parser.got_some()) {
      return 0;
    }
    parser.put_eof(error);
    if (error || !parser.is_done()) {
      return 0;
    }
  }
  answer(parser.get());
  return 0;
}
