#include <slate/api/write_request.hpp>

#include <slate/api/error.hpp>
#include <slate/util/fnv1a.hpp>

#include <algorithm>
#include <charconv>

namespace slate::api {
namespace {

constexpr std::size_t k_max_key = 255;

// The fingerprint only tells one request from another of the same token,
// so it needs to be stable across restarts, not cryptographic.
std::string fingerprint(const Request& request) {
  return util::Fnv1a()
      .add_field(request.method)
      .add_field(request.path)
      .add_field(request.body)
      .hex();
}

} // namespace

domain::Result<app::WriteContext> write_context(const Request& request, const Context& context) {
  // A write takes everything from its body: a query parameter such as
  // ?dry_run=1 would otherwise be silently ignored and the write done.
  if (!request.query.empty()) {
    return domain::Problem{domain::Code::parameter_unknown, request.query.front().first,
                           "this request takes no query parameters; '" +
                               request.query.front().first.substr(0, 40) + "' is not one"};
  }
  app::WriteContext write{context.actor, context.now, std::nullopt, fingerprint(request)};
  if (const auto key = find_field(request.headers, "Idempotency-Key")) {
    const bool printable =
        std::all_of(key->begin(), key->end(), [](char c) { return c > 0x20 && c < 0x7f; });
    if (key->empty() || key->size() > k_max_key || !printable) {
      return domain::Problem{domain::Code::invalid_header, "Idempotency-Key",
                             "Idempotency-Key must be 1 to 255 printable ASCII characters without "
                             "spaces, e.g. a UUID"};
    }
    write.idempotency_key = std::string(*key);
  }
  return write;
}

std::optional<std::int64_t> id_parameter(const Context& context, std::size_t index) {
  if (index >= context.path_parameters.size()) {
    return std::nullopt;
  }
  const std::string& text = context.path_parameters[index];
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (error != std::errc() || end != text.data() + text.size() || id <= 0) {
    return std::nullopt;
  }
  return id;
}

Response not_found_response(const std::string& what, const Context& context) {
  const std::string id = context.path_parameters.empty() ? "" : context.path_parameters.front();
  return error_response(domain::Problem{domain::Code::not_found, "id",
                                        "there is no " + what + " '" + id.substr(0, 40) + "'"});
}

} // namespace slate::api
