#include <slate/api/statuspage_handler.hpp>

#include <slate/api/conditional.hpp>

#include <algorithm>
#include <cctype>

namespace slate::api {
namespace {

constexpr std::size_t k_max_host = 255;

// Whether `host` is a plain "name[:port]" or "[v6]:port" that can go into a
// URL unquoted. Anything else (a client's junk) is not echoed.
bool plain_host(std::string_view host) {
  return !host.empty() && host.size() <= k_max_host &&
         std::all_of(host.begin(), host.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '.' || c == '-' ||
                  c == ':' || c == '[' || c == ']' || c == '_';
         });
}

} // namespace

StatuspageHandler::StatuspageHandler(Document document, std::shared_ptr<RenderCache> cache,
                                     StatusSettings settings)
    : m_document(document), m_cache(std::move(cache)), m_settings(std::move(settings)) {}

std::string_view StatuspageHandler::path(Document document) {
  switch (document) {
  case Document::summary:
    return "/api/v2/summary.json";
  case Document::status:
    return "/api/v2/status.json";
  case Document::components:
    return "/api/v2/components.json";
  case Document::upcoming:
    return "/api/v2/scheduled-maintenances/upcoming.json";
  case Document::active:
    return "/api/v2/scheduled-maintenances/active.json";
  case Document::unresolved:
    return "/api/v2/incidents/unresolved.json";
  }
  return "/api/v2/summary.json";
}

Response StatuspageHandler::handle(const Request& request, const Context& context) const {
  formats::StatuspagePage page = m_settings.statuspage;
  if (page.url.empty()) {
    // Each Host its own variant: links must point where the client came from.
    const auto host = find_field(request.headers, "Host");
    page.url = "http://" + (host && plain_host(*host) ? std::string(*host) : "localhost");
  }
  const std::string key = std::string(path(m_document)) + "#" + page.url;
  const auto document = m_cache->get(key, *context.snapshot, context.now, [&] {
    auto built = app::build_status(*context.snapshot, context.now);
    std::string body;
    switch (m_document) {
    case Document::summary:
      body = formats::render_statuspage_summary(built.model, page);
      break;
    case Document::status:
      body = formats::render_statuspage_status(built.model, page);
      break;
    case Document::components:
      body = formats::render_statuspage_components(built.model, page);
      break;
    case Document::upcoming:
      body = formats::render_statuspage_upcoming(built.model, page);
      break;
    case Document::active:
      body = formats::render_statuspage_active(built.model, page);
      break;
    case Document::unresolved:
      body = formats::render_statuspage_unresolved(built.model, page);
      break;
    }
    return Rendering{std::move(body), built.expires};
  });
  auto response = conditional_response(request, document, "application/json",
                                       m_settings.cache_control, context.now);
  response.headers.emplace_back("Access-Control-Allow-Origin", "*");
  return response;
}

} // namespace slate::api
