// The snapshot's outage index (app/snapshot).
#include <slate/app/snapshot.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

using slate::app::OutageBook;
using slate::domain::Outage;
using slate::test::utc;

TEST_CASE("app::OutageBook groups by service and shares what a change leaves alone") {
  Outage a;
  a.id = 3;
  a.service = "api";
  Outage b = a;
  b.id = 1;
  Outage c = a;
  c.id = 2;
  c.service = "voice";
  const OutageBook book({a, b, c});
  CHECK(book.size() == 3);
  CHECK(book.services() == std::vector<std::string>{"api", "voice"});
  REQUIRE(book.of_service("api").size() == 2);
  CHECK(book.of_service("api")[0].id == 1); // by id
  CHECK(book.of_service("api")[1].id == 3);
  CHECK(book.of_service("web").empty());
  CHECK(book.find(2)->service == "voice");
  CHECK(book.find(4) == nullptr);

  Outage resolved = c;
  resolved.end = utc("2026-01-01T00:00:00Z");
  Outage d = c;
  d.id = 9;
  const OutageBook next = book.with({resolved, d});
  CHECK(next.size() == 4);
  CHECK(next.find(2)->end.has_value());
  CHECK_FALSE(book.find(2)->end.has_value()); // the old book is unchanged
  // The untouched service's list is the same object in both books.
  CHECK(next.of_service("api").data() == book.of_service("api").data());
  CHECK(next.of_service("voice").data() != book.of_service("voice").data());
  std::vector<std::int64_t> ids;
  next.for_each([&](const Outage& o) { ids.push_back(o.id); });
  CHECK(ids == std::vector<std::int64_t>{1, 3, 2, 9});
}
