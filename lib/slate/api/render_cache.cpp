#include <slate/api/render_cache.hpp>

#include <slate/api/content_coding.hpp>
#include <slate/util/fnv1a.hpp>

#include <algorithm>
#include <array>

namespace slate::api {

std::string entity_tag(std::string_view body) {
  // FNV-1a: the digest only has to tell renderings of one document apart,
  // not resist an attacker (clients cannot choose what is rendered). The
  // length as well, so that two renderings of different sizes never share
  // a tag whatever the digest does.
  return "\"" + util::fnv1a_hex(body) + "-" + std::to_string(body.size()) + "\"";
}

namespace {

// The tag of an encoded copy: the identity tag with `suffix` inside its
// quotes.
std::string tag_with_suffix(std::string_view etag, std::string_view suffix) {
  std::string tag(etag.substr(0, etag.size() - 1));
  tag += '-';
  tag += suffix;
  tag += '"';
  return tag;
}

std::optional<EncodedBody> smaller(std::string compressed, const RenderedDocument& document,
                                   std::string_view suffix) {
  if (compressed.size() >= document.body.size()) {
    return std::nullopt;
  }
  return EncodedBody{std::move(compressed), tag_with_suffix(document.etag, suffix)};
}

// The bytes a document holds, its copies included.
std::size_t stored_bytes(const RenderedDocument& document) {
  return document.body.size() + (document.gzip ? document.gzip->body.size() : 0) +
         (document.brotli ? document.brotli->body.size() : 0);
}

} // namespace

void add_encodings(RenderedDocument& document) {
  document.gzip = smaller(gzip_compress(document.body), document, "gz");
  document.brotli = smaller(brotli_compress(document.body), document, "br");
}

RenderCache::RenderCache(std::size_t max_entries, std::size_t max_bytes)
    : m_max_entries(std::max<std::size_t>(max_entries, 1)), m_max_bytes(max_bytes) {}

domain::Instant RenderCache::base_date(const app::Snapshot& snapshot, domain::Instant now) {
  if (snapshot.published_at != domain::Instant{}) {
    return snapshot.published_at;
  }
  // No publish time: date the snapshot by when it was first seen, which is
  // no earlier than its publication, so a client never skips a change.
  if (snapshot.version > m_seen_version || m_seen_at == domain::Instant{}) {
    m_seen_version = snapshot.version;
    m_seen_at = now;
  }
  if (snapshot.version == m_seen_version) {
    return m_seen_at;
  }
  // An older snapshot, still held by a request: it was current before the
  // newer one was seen.
  return m_seen_at - domain::Seconds{1};
}

std::shared_ptr<const RenderedDocument> RenderCache::get(std::string_view key,
                                                         const app::Snapshot& snapshot,
                                                         domain::Instant now,
                                                         const Renderer& render) {
  DocumentPtr previous;
  bool cacheable = true;
  domain::Instant base;
  {
    const std::lock_guard lock(m_mutex);
    const auto found = m_entries.find(key);
    if (found != m_entries.end()) {
      const DocumentPtr& document = found->second.document;
      if (document->version == snapshot.version && now < document->expires) {
        ++m_hits;
        m_recency.splice(m_recency.begin(), m_recency, found->second.recency);
        return document;
      }
      if (document->version > snapshot.version) {
        cacheable = false;
      } else {
        previous = document;
      }
    }
    base = base_date(snapshot, now);
  }

  // Rendered without the lock: a slow render must not stall every other
  // document. Two threads may render the same key at once; the later
  // insert wins, and both results are right.
  Rendering rendering = render();
  auto document = std::make_shared<RenderedDocument>();
  document->body = std::move(rendering.body);
  document->etag = entity_tag(document->body);
  document->version = snapshot.version;
  document->expires = rendering.expires;
  document->last_modified = std::max(base, rendering.valid_from);
  // Compressed here, once per rendering and without the lock, so that a
  // request costs no compression.
  add_encodings(*document);
  if (previous) {
    if (previous->etag == document->etag) {
      document->last_modified = previous->last_modified;
    } else {
      // A change within the second of the previous date must still move
      // the date, or If-Modified-Since would answer 304 for a stale copy.
      document->last_modified =
          std::max(document->last_modified, previous->last_modified + domain::Seconds{1});
    }
  }

  const std::lock_guard lock(m_mutex);
  ++m_renders;
  if (!cacheable) {
    return document;
  }
  const std::string stored_key(key);
  auto found = m_entries.find(stored_key);
  if (found != m_entries.end()) {
    if (found->second.document->version > snapshot.version) {
      return document; // a newer snapshot was rendered meanwhile
    }
    m_bytes -= stored_bytes(*found->second.document);
    found->second.document = document;
    m_recency.splice(m_recency.begin(), m_recency, found->second.recency);
  } else {
    m_recency.push_front(stored_key);
    m_entries.emplace(stored_key, Entry{document, m_recency.begin()});
  }
  m_bytes += stored_bytes(*document);
  evict();
  return document;
}

void RenderCache::evict() {
  // The entry just used is at the front and always stays.
  while (m_entries.size() > 1 && (m_entries.size() > m_max_entries || m_bytes > m_max_bytes)) {
    const auto found = m_entries.find(m_recency.back());
    m_bytes -= stored_bytes(*found->second.document);
    m_entries.erase(found);
    m_recency.pop_back();
  }
}

RenderCache::Statistics RenderCache::statistics() const {
  const std::lock_guard lock(m_mutex);
  return Statistics{m_hits, m_renders, m_entries.size(), m_bytes};
}

} // namespace slate::api
