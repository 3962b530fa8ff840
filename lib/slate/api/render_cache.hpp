#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/domain/instant.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <list>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace slate::api {

// A document's bytes in one content coding (content_coding.hpp), with their
// own entity tag: a cache must never take one coding's bytes for another's.
struct EncodedBody {
  std::string body;
  // The identity tag with a suffix naming the coding: "\"…-gz\"", "\"…-br\"".
  std::string etag;
};

// A document rendered from one snapshot, as the render cache keeps it and
// conditional_response (conditional.hpp) answers with it. Immutable once made.
struct RenderedDocument {
  std::string body;
  // A strong entity tag, quoted as it goes into the ETag header: a digest of
  // `body`. See RenderCache for why it is not the snapshot version.
  std::string etag;
  // When the document last changed (HTTP Last-Modified); never earlier than
  // the date the cache gave the same key before.
  domain::Instant last_modified;
  // The snapshot version it was rendered from.
  std::uint64_t version = 0;
  // The first instant at which it must be rendered again even if the
  // snapshot has not changed (see Rendering::expires).
  domain::Instant expires = domain::Instant::max();
  // The body compressed, made with the document (once per rendering, not
  // per request) for clients whose Accept-Encoding takes it; unset when
  // compressing would not make it smaller.
  std::optional<EncodedBody> gzip;
  std::optional<EncodedBody> brotli;
};

// What a renderer gives the cache.
struct Rendering {
  std::string body;
  // For a document that depends on the time as well as on the snapshot (a
  // feed whose horizon is counted from today, a status that says "in
  // progress"): the first instant at which the same snapshot would render
  // differently. The default: it depends on the snapshot alone.
  domain::Instant expires = domain::Instant::max();
  // For such a document: the instant from which this rendering holds (the
  // start of the day the feed's horizon is counted from). Last-Modified is
  // never earlier than it.
  domain::Instant valid_from = domain::Instant::min();
};

// Returns the document to cache; called without the cache's lock held.
using Renderer = std::function<Rendering()>;

// Rendered documents (feeds, status documents) by variant, so that a hot
// document costs a lookup, not a render (docs/architecture.md), and its bytes are
// sent from here without a copy (conditional_response). Each document is
// kept with its gzip and brotli copies, compressed when it is rendered.
// Thread-safe: any thread may call get().
//
// A key names one variant of one document: use the path and the normalised
// query, e.g. "/calendars/US.ics?services=api,web". The cache keeps one
// rendering per key and renders again when the snapshot's version differs
// from the one it was rendered from, or when its Rendering::expires has
// passed.
//
// Validators:
// - The entity tag is a digest of the bytes. A tag made of the snapshot
//   version alone would be reused after a restart (versions start again
//   at 1) for different content, giving a client a 304 for a stale copy;
//   a digest cannot. It also keeps the tag of a document that a new
//   snapshot did not change, so clients get their 304.
// - Last-Modified is the snapshot's `published_at` (or, while that is not
//   set, when this cache first saw the snapshot), at least the rendering's
//   `valid_from`, and never earlier than the date given before for the same
//   key: deleting an event moves it forward, as it must. A rendering whose
//   bytes equal the previous one for the key keeps its date.
class RenderCache {
public:
  // At most `max_entries` documents and `max_bytes` of bodies (counting the
  // compressed copies) are kept; the
  // least recently used go first.
  explicit RenderCache(std::size_t max_entries = 512, std::size_t max_bytes = 64u << 20);
  RenderCache(const RenderCache&) = delete;
  RenderCache& operator=(const RenderCache&) = delete;

  // Return the document for `key` rendered from `snapshot` as of `now`:
  // the cached one when it is current, else the result of `render` (which
  // may throw; nothing is cached then). A request still holding an older
  // snapshot than the cached document gets a rendering of its own snapshot,
  // which is not cached. Never returns null.
  std::shared_ptr<const RenderedDocument> get(std::string_view key, const app::Snapshot& snapshot,
                                              domain::Instant now, const Renderer& render);

  // Counters, for tests and metrics.
  struct Statistics {
    std::uint64_t hits = 0;
    std::uint64_t renders = 0;
    std::size_t entries = 0;
    std::size_t bytes = 0;
  };
  Statistics statistics() const;

private:
  using DocumentPtr = std::shared_ptr<const RenderedDocument>;
  struct Entry {
    DocumentPtr document;
    std::list<std::string>::iterator recency; // into m_recency
  };
  // Lets a lookup by std::string_view find a std::string key unconverted.
  struct KeyHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view key) const noexcept {
      return std::hash<std::string_view>{}(key);
    }
  };

  domain::Instant base_date(const app::Snapshot& snapshot, domain::Instant now);
  void evict();

  const std::size_t m_max_entries;
  const std::size_t m_max_bytes;
  mutable std::mutex m_mutex;
  std::unordered_map<std::string, Entry, KeyHash, std::equal_to<>> m_entries;
  std::list<std::string> m_recency; // most recently used first
  std::size_t m_bytes = 0;
  std::uint64_t m_hits = 0;
  std::uint64_t m_renders = 0;
  // The newest snapshot version seen, and when (for snapshots without
  // published_at).
  std::uint64_t m_seen_version = 0;
  domain::Instant m_seen_at{};
};

// Return the strong entity tag, quoted, for a representation made of `body`.
std::string entity_tag(std::string_view body);

// Give `document` its gzip and brotli copies, made from its body and tag
// (each left unset when it would not be smaller), as RenderCache::get does.
void add_encodings(RenderedDocument& document);

} // namespace slate::api
