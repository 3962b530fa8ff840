#include <slate/domain/interval_set.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::domain::Interval;
using slate::domain::IntervalSet;
using slate::domain::Seconds;
using slate::test::utc;

namespace {

// Intervals on one day, in hours, to keep the tables readable.
Interval h(int from, int to) {
  const auto base = utc("2026-01-01T00:00:00Z");
  return {base + std::chrono::hours{from}, base + std::chrono::hours{to}};
}

} // namespace

TEST_CASE("domain::Interval is half-open") {
  CHECK(h(1, 3).contains(h(1, 1).start));
  CHECK_FALSE(h(1, 3).contains(h(3, 3).start));
  CHECK_FALSE(h(1, 3).overlaps(h(3, 5)));
  CHECK(h(1, 3).overlaps(h(2, 5)));
  CHECK(h(2, 2).empty());
  CHECK(h(3, 2).empty());
  CHECK(h(3, 2).length() == Seconds{0});
  CHECK_FALSE(h(2, 2).overlaps(h(1, 3)));
  CHECK(h(1, 5).contains(h(2, 3)));
  CHECK(h(1, 5).contains(h(1, 5)));
  CHECK_FALSE(h(1, 5).contains(h(4, 6)));
}

TEST_CASE("domain::IntervalSet::add merges overlapping and touching intervals") {
  struct Row {
    const char* name;
    std::vector<Interval> added;
    std::vector<Interval> expected;
  };
  const Row rows[] = {
      {"nothing", {}, {}},
      {"empty intervals are ignored", {h(2, 2), h(5, 4)}, {}},
      {"disjoint stay apart", {h(5, 6), h(1, 2)}, {h(1, 2), h(5, 6)}},
      {"touching merge", {h(1, 2), h(2, 3)}, {h(1, 3)}},
      {"touching merge in reverse", {h(2, 3), h(1, 2)}, {h(1, 3)}},
      {"overlapping merge", {h(1, 4), h(3, 6)}, {h(1, 6)}},
      {"nested vanish", {h(1, 10), h(2, 3), h(4, 5)}, {h(1, 10)}},
      {"one bridges three", {h(1, 2), h(3, 4), h(5, 6), h(0, 7)}, {h(0, 7)}},
      {"bridge between two", {h(1, 2), h(3, 4), h(2, 3)}, {h(1, 4)}},
      {"duplicate", {h(1, 2), h(1, 2)}, {h(1, 2)}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    IntervalSet one_by_one;
    for (const auto& interval : row.added) {
      one_by_one.add(interval);
    }
    CHECK(one_by_one.intervals() == row.expected);
    CHECK(IntervalSet(row.added).intervals() == row.expected);
  }
}

TEST_CASE("domain::IntervalSet::subtract") {
  struct Row {
    const char* name;
    IntervalSet from;
    IntervalSet cut;
    std::vector<Interval> expected;
  };
  const Row rows[] = {
      {"nothing from nothing", {}, {}, {}},
      {"nothing cut", {h(1, 5)}, {}, {h(1, 5)}},
      {"cut everything", {h(1, 5)}, {h(0, 6)}, {}},
      {"cut exactly", {h(1, 5)}, {h(1, 5)}, {}},
      {"hole in the middle", {h(1, 5)}, {h(2, 3)}, {h(1, 2), h(3, 5)}},
      {"touching cut leaves all", {h(1, 5)}, {h(5, 6), h(0, 1)}, {h(1, 5)}},
      {"head and tail", {h(1, 5)}, {h(0, 2), h(4, 9)}, {h(2, 4)}},
      {"one cut across two", {h(1, 3), h(4, 6)}, {h(2, 5)}, {h(1, 2), h(5, 6)}},
      {"many holes",
       {h(0, 10)},
       {h(1, 2), h(3, 4), h(5, 6)},
       {h(0, 1), h(2, 3), h(4, 5), h(6, 10)}},
  };
  for (const auto& row : rows) {
    CAPTURE(row.name);
    CHECK(row.from.subtract(row.cut).intervals() == row.expected);
  }
}

TEST_CASE("domain::IntervalSet::intersect, unite and clip") {
  const IntervalSet a{h(1, 4), h(6, 9)};
  const IntervalSet b{h(3, 7), h(8, 12)};
  CHECK(a.intersect(b).intervals() == std::vector{h(3, 4), h(6, 7), h(8, 9)});
  CHECK(b.intersect(a) == a.intersect(b));
  CHECK(a.unite(b).intervals() == std::vector{h(1, 12)});
  CHECK(a.intersect(IntervalSet{}).empty());
  CHECK(IntervalSet{h(1, 2)}.intersect(IntervalSet{h(2, 3)}).empty());
  CHECK(a.clip(h(2, 7)).intervals() == std::vector{h(2, 4), h(6, 7)});
  CHECK(a.clip(h(4, 6)).empty());
  CHECK(a.clip(h(5, 5)).empty());
}

TEST_CASE("domain::IntervalSet queries") {
  const IntervalSet set{h(1, 4), h(6, 9)};
  CHECK(set.length() == Seconds{6 * 3600});
  CHECK(set.contains(h(1, 1).start));
  CHECK_FALSE(set.contains(h(4, 4).start));
  CHECK(set.contains(h(6, 9)));
  CHECK_FALSE(set.contains(h(3, 7)));
  CHECK(set.overlaps(h(3, 7)));
  CHECK_FALSE(set.overlaps(h(4, 6)));
  CHECK_FALSE(set.overlaps(h(9, 12)));
  CHECK_FALSE(set.overlaps(h(5, 5)));
  CHECK(IntervalSet{}.length() == Seconds{0});
}
