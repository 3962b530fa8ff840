#include <slate/api/render_cache.hpp>

#include <support/decompress.hpp>
#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <atomic>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

using slate::api::entity_tag;
using slate::api::RenderCache;
using slate::api::Rendering;
using slate::app::Snapshot;
using slate::domain::Instant;
using slate::test::utc;
using namespace std::chrono_literals;

namespace {

Snapshot snapshot(std::uint64_t version, const std::string& published = "") {
  Snapshot s;
  s.version = version;
  if (!published.empty()) {
    s.published_at = utc(published);
  }
  return s;
}

// A renderer that counts its calls and renders `body`.
struct CountingRenderer {
  std::string body;
  int calls = 0;
  Instant expires = Instant::max();
  Instant valid_from = Instant::min();

  slate::api::Renderer operator()() {
    return [this] {
      ++calls;
      return Rendering{body, expires, valid_from};
    };
  }
};

const auto k_now = utc("2026-03-03T12:00:00Z");

} // namespace

TEST_CASE("api::entity_tag is a quoted digest that differs when the bytes do") {
  CHECK(entity_tag("abc") == entity_tag("abc"));
  CHECK(entity_tag("abc") != entity_tag("abd"));
  CHECK(entity_tag("") != entity_tag(std::string(1, '\0')));
  const auto tag = entity_tag("abc");
  CHECK(tag.front() == '"');
  CHECK(tag.back() == '"');
  CHECK(tag.find('"', 1) == tag.size() - 1);
}

TEST_CASE("api::RenderCache renders each variant once per snapshot version") {
  RenderCache cache;
  CountingRenderer us{"US v1"};
  CountingRenderer eu{"EU v1"};
  const auto s1 = snapshot(1, "2026-03-01T10:00:00Z");

  const auto first = cache.get("/calendars/US.ics", s1, k_now, us());
  const auto again = cache.get("/calendars/US.ics", s1, k_now + 1h, us());
  CHECK(us.calls == 1);
  CHECK(first == again); // the same memory: a hit copies nothing
  CHECK(first->body == "US v1");
  CHECK(first->etag == entity_tag("US v1"));
  CHECK(first->version == 1);
  CHECK(first->last_modified == utc("2026-03-01T10:00:00Z"));

  cache.get("/calendars/EU.ics", s1, k_now, eu());
  CHECK(eu.calls == 1);
  CHECK(cache.statistics().entries == 2);
  CHECK(cache.statistics().hits == 1);
  CHECK(cache.statistics().renders == 2);

  us.body = "US v2";
  const auto second =
      cache.get("/calendars/US.ics", snapshot(2, "2026-03-02T10:00:00Z"), k_now, us());
  CHECK(us.calls == 2);
  CHECK(second->body == "US v2");
  CHECK(second->etag != first->etag);
  CHECK(second->last_modified == utc("2026-03-02T10:00:00Z"));
}

TEST_CASE("api::RenderCache keeps gzip and brotli copies, made once per rendering") {
  RenderCache cache;
  std::string text;
  for (int i = 0; i < 200; ++i) {
    text += "{\"region\": \"US\", \"state\": \"open\", \"index\": " + std::to_string(i) + "},\n";
  }
  CountingRenderer status{text};
  const auto s1 = snapshot(1, "2026-03-01T10:00:00Z");
  const auto first = cache.get("/v1/status", s1, k_now, status());
  REQUIRE(first->gzip);
  REQUIRE(first->brotli);
  // Decoded by zlib and libbrotlidec, not by the code that made them.
  CHECK(slate::test::gunzip(first->gzip->body) == text);
  CHECK(slate::test::unbrotli(first->brotli->body) == text);
  CHECK(first->gzip->body.size() < text.size() / 4);
  // A tag per coding: the identity tag with a suffix inside the quotes.
  const std::string bare = first->etag.substr(0, first->etag.size() - 1);
  CHECK(first->gzip->etag == bare + "-gz\"");
  CHECK(first->brotli->etag == bare + "-br\"");
  // A hit shares the copies: nothing is compressed per request.
  const auto again = cache.get("/v1/status", s1, k_now, status());
  CHECK(again == first);
  CHECK(&again->gzip->body == &first->gzip->body);
  // The byte limit counts the copies.
  CHECK(cache.statistics().bytes ==
        text.size() + first->gzip->body.size() + first->brotli->body.size());

  // A new snapshot with other bytes: new copies, new tags.
  status.body = text + "{}\n";
  const auto second = cache.get("/v1/status", snapshot(2, "2026-03-02T10:00:00Z"), k_now, status());
  REQUIRE(second->gzip);
  CHECK(slate::test::gunzip(second->gzip->body) == status.body);
  CHECK(second->gzip->etag != first->gzip->etag);
  CHECK(second->brotli->etag != first->brotli->etag);
}

TEST_CASE("api::RenderCache keeps no copy that compressing would make larger") {
  RenderCache cache;
  CountingRenderer tiny{"{}"};
  const auto document = cache.get("k", snapshot(1), k_now, tiny());
  CHECK_FALSE(document->gzip);
  CHECK_FALSE(document->brotli);
}

TEST_CASE("api::RenderCache keeps the tag and date of a document a new snapshot did not change") {
  RenderCache cache;
  CountingRenderer us{"same bytes"};
  const auto first = cache.get("k", snapshot(1, "2026-03-01T10:00:00Z"), k_now, us());
  const auto second = cache.get("k", snapshot(2, "2026-03-02T10:00:00Z"), k_now, us());
  CHECK(us.calls == 2);
  CHECK(second->version == 2);
  CHECK(second->etag == first->etag);
  CHECK(second->last_modified == utc("2026-03-01T10:00:00Z"));
}

TEST_CASE("api::RenderCache never moves Last-Modified backwards") {
  RenderCache cache;
  CountingRenderer feed{"with maintenance 7"};
  const auto first = cache.get("k", snapshot(5, "2026-03-01T10:00:00Z"), k_now, feed());

  SUBCASE("an event deleted: the date moves forward") {
    feed.body = "without maintenance 7";
    const auto second = cache.get("k", snapshot(6, "2026-03-01T11:00:00Z"), k_now, feed());
    CHECK(second->last_modified == utc("2026-03-01T11:00:00Z"));
  }
  SUBCASE("a change published within the same second still moves it") {
    feed.body = "changed";
    const auto second = cache.get("k", snapshot(6, "2026-03-01T10:00:00Z"), k_now, feed());
    CHECK(second->last_modified == utc("2026-03-01T10:00:01Z"));
  }
  SUBCASE("a publish time earlier than a date already given (a clock set back)") {
    feed.body = "changed";
    const auto second = cache.get("k", snapshot(6, "2026-02-01T00:00:00Z"), k_now, feed());
    CHECK(second->last_modified == utc("2026-03-01T10:00:01Z"));
  }
  CHECK(first->last_modified == utc("2026-03-01T10:00:00Z"));
}

TEST_CASE("api::RenderCache dates a snapshot without publish time by when it first saw it") {
  RenderCache cache;
  CountingRenderer a{"a"};
  CountingRenderer b{"b"};
  CHECK(cache.get("a", snapshot(1), k_now, a())->last_modified == k_now);
  // Another document of the same snapshot, later: the same date.
  CHECK(cache.get("b", snapshot(1), k_now + 1h, b())->last_modified == k_now);
  a.body = "a2";
  CHECK(cache.get("a", snapshot(2), k_now + 2h, a())->last_modified == k_now + 2h);
}

TEST_CASE("api::RenderCache renders again when a time-dependent document expires") {
  RenderCache cache;
  CountingRenderer feed{"today"};
  feed.expires = utc("2026-03-04T00:00:00Z");
  feed.valid_from = utc("2026-03-03T00:00:00Z");
  const auto s = snapshot(1, "2026-03-01T10:00:00Z");
  const auto first = cache.get("k", s, k_now, feed());
  CHECK(first->last_modified == utc("2026-03-03T00:00:00Z")); // valid_from is later
  cache.get("k", s, utc("2026-03-03T23:59:59Z"), feed());
  CHECK(feed.calls == 1);
  feed.body = "tomorrow";
  feed.expires = utc("2026-03-05T00:00:00Z");
  feed.valid_from = utc("2026-03-04T00:00:00Z");
  const auto second = cache.get("k", s, utc("2026-03-04T00:00:00Z"), feed());
  CHECK(feed.calls == 2);
  CHECK(second->body == "tomorrow");
  CHECK(second->last_modified == utc("2026-03-04T00:00:00Z"));
}

TEST_CASE("api::RenderCache renders a request's older snapshot without caching it") {
  RenderCache cache;
  CountingRenderer feed{"v2"};
  const auto newer = cache.get("k", snapshot(2, "2026-03-02T10:00:00Z"), k_now, feed());
  feed.body = "v1";
  const auto older = cache.get("k", snapshot(1, "2026-03-01T10:00:00Z"), k_now, feed());
  CHECK(older->body == "v1");
  CHECK(older->version == 1);
  CHECK(older->last_modified < newer->last_modified);
  feed.body = "v2 again?";
  CHECK(cache.get("k", snapshot(2, "2026-03-02T10:00:00Z"), k_now, feed()) == newer);
}

TEST_CASE("api::RenderCache caches nothing when the renderer throws") {
  RenderCache cache;
  const auto s = snapshot(1);
  CHECK_THROWS_AS(
      cache.get("k", s, k_now, []() -> Rendering { throw std::runtime_error("render failed"); }),
      std::runtime_error);
  CHECK(cache.statistics().entries == 0);
  CountingRenderer feed{"ok"};
  CHECK(cache.get("k", s, k_now, feed())->body == "ok");
}

TEST_CASE("api::RenderCache drops the least recently used past its limits") {
  SUBCASE("entries") {
    RenderCache cache(2);
    CountingRenderer a{"a"};
    CountingRenderer b{"b"};
    CountingRenderer c{"c"};
    const auto s = snapshot(1);
    cache.get("a", s, k_now, a());
    cache.get("b", s, k_now, b());
    cache.get("a", s, k_now, a()); // a is now the most recent
    cache.get("c", s, k_now, c()); // b goes
    CHECK(cache.statistics().entries == 2);
    cache.get("a", s, k_now, a());
    CHECK(a.calls == 1);
    cache.get("b", s, k_now, b());
    CHECK(b.calls == 2);
  }
  SUBCASE("bytes") {
    RenderCache cache(100, 10);
    CountingRenderer a{"aaaaaa"};
    CountingRenderer b{"bbbbbb"};
    const auto s = snapshot(1);
    cache.get("a", s, k_now, a());
    cache.get("b", s, k_now, b());
    CHECK(cache.statistics().entries == 1);
    CHECK(cache.statistics().bytes == 6);
    // One document larger than the limit is still kept: the one just used.
    CountingRenderer big{std::string(50, 'x')};
    CHECK(cache.get("big", s, k_now, big())->body.size() == 50);
    CHECK(cache.statistics().entries == 1);
  }
}

TEST_CASE("api::RenderCache may be used from several threads at once") {
  RenderCache cache(8);
  std::atomic<int> renders{0};
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < 2000; ++i) {
        const auto version = static_cast<std::uint64_t>(1 + i / 500);
        const std::string key = "k" + std::to_string((i + t) % 12);
        const auto document = cache.get(key, snapshot(version), k_now, [&] {
          ++renders;
          return Rendering{key + "@" + std::to_string(version)};
        });
        if (document->version != version || document->body != key + "@" + std::to_string(version)) {
          ++wrong;
        }
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  CHECK(wrong == 0);
  CHECK(cache.statistics().entries <= 8);
  // How many of those hit depends on how the threads interleaved (run one
  // after another, 12 keys cycling through 8 entries never hit): check the
  // cache still caches after them instead.
  const auto before = renders.load();
  for (int i = 0; i < 3; ++i) {
    cache.get("after", snapshot(5), k_now, [&] {
      ++renders;
      return Rendering{"after@5"};
    });
  }
  CHECK(renders.load() == before + 1);
}
