#include <slate/domain/service_id.hpp>

#include <doctest/doctest.h>

#include <string>

using slate::domain::valid_service_id;

TEST_CASE("domain::valid_service_id: one rule for outages, maintenance, feeds and reports") {
  for (const char* good : {"api", "voice-eu", "a.b_c:d", "X"}) {
    CHECK(valid_service_id(good));
  }
  for (const char* bad : {"", "web api", "a/b", "ä", "a,b"}) {
    CHECK_FALSE(valid_service_id(bad));
  }
  CHECK(valid_service_id(std::string(64, 'a')));
  CHECK_FALSE(valid_service_id(std::string(65, 'a')));
}
