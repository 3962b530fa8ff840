#include <slate/api/request.hpp>

#include <slate/api/percent_decoding.hpp>

#include <slate/util/text.hpp>

#include <algorithm>
#include <cctype>

namespace slate::api {
namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

std::optional<std::string> percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '%') {
      out += text[i];
      continue;
    }
    if (i + 2 >= text.size()) {
      return std::nullopt;
    }
    const int high = hex_value(text[i + 1]);
    const int low = hex_value(text[i + 2]);
    if (high < 0 || low < 0) {
      return std::nullopt;
    }
    out += static_cast<char>(high * 16 + low);
    i += 2;
  }
  return out;
}

std::optional<std::string_view> find_field(const Fields& fields, std::string_view name) {
  for (const auto& [key, value] : fields) {
    if (util::equal_ignoring_case(key, name)) {
      return value;
    }
  }
  return std::nullopt;
}

domain::Result<Fields> parse_query(std::string_view query) {
  Fields out;
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    query = amp == std::string_view::npos ? std::string_view{} : query.substr(amp + 1);
    if (pair.empty()) {
      continue; // "a=1&&b=2" is sloppy, not wrong
    }
    const std::size_t eq = pair.find('=');
    const std::string_view raw_name = pair.substr(0, eq);
    const std::string_view raw_value =
        eq == std::string_view::npos ? std::string_view{} : pair.substr(eq + 1);
    auto name = percent_decode(raw_name);
    auto value = percent_decode(raw_value);
    if (!name || !value) {
      return domain::Problem{domain::Code::query_invalid, "query",
                             "the query parameter '" + std::string(pair.substr(0, 64)) +
                                 "' has a '%' that is not followed by two hex digits"};
    }
    out.emplace_back(std::move(*name), std::move(*value));
  }
  return out;
}

domain::Result<Request> make_request(std::string method, std::string_view target, Fields headers,
                                     std::string body) {
  if (target.empty() || target.front() != '/') {
    return domain::Problem{domain::Code::target_invalid, "target",
                           "the request target must be a path such as /v1/regions"};
  }
  const std::size_t question = target.find('?');
  auto query = parse_query(question == std::string_view::npos ? std::string_view{}
                                                              : target.substr(question + 1));
  if (!query) {
    return query.problems();
  }
  return Request{std::move(method), std::string(target.substr(0, question)),
                 std::move(query).value(), std::move(headers), std::move(body)};
}

} // namespace slate::api
