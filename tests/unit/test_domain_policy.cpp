#include <slate/domain/policy.hpp>

#include <support/api_fixture.hpp>

#include <doctest/doctest.h>

using slate::domain::Policy;
using slate::domain::RegionPolicy;
using slate::domain::Window;
using slate::test::sample_regions;
using namespace std::chrono_literals;

TEST_CASE("domain::Policy defaults are the Uniphore SLA's") {
  const Policy policy;
  CHECK(policy.name == "uniphore");
  CHECK(policy.source.empty());
  CHECK(policy.availability_target_percent == doctest::Approx(99.95));
  CHECK(policy.defaults.notice == std::chrono::days{7});
  CHECK(policy.defaults.overlap_allowed == false);
  CHECK(policy.defaults.windows.empty());
  CHECK(policy.regions.empty());
}

TEST_CASE("domain::RegionPolicy::allows every window without a list, else only those listed") {
  const auto regions = sample_regions();
  const auto& dc = regions[4];
  REQUIRE(dc.id == "DC");
  const Window& sunday = dc.windows[0];
  const Window& wednesday = dc.windows[1];
  REQUIRE(sunday.uid == "dc-sunday");
  REQUIRE(wednesday.uid == "dc-wednesday");

  RegionPolicy policy;
  CHECK(policy.allows(sunday));
  CHECK(policy.allows(wednesday));

  policy.windows = {"dc-sunday"};
  CHECK(policy.allows(sunday));
  CHECK_FALSE(policy.allows(wednesday));

  // UIDs are compared exactly, as the calendars spell them.
  policy.windows = {"DC-SUNDAY"};
  CHECK_FALSE(policy.allows(sunday));
}

TEST_CASE("domain::Policy::for_region gives a region's own section, else the defaults") {
  Policy policy;
  policy.defaults.notice = 30 * 24h;
  RegionPolicy us;
  us.notice = 14 * 24h;
  us.overlap_allowed = true;
  us.windows = {"us-window"};
  policy.regions["US"] = us;

  const auto& for_us = policy.for_region("US");
  CHECK(&for_us == &policy.regions.at("US"));
  CHECK(for_us.notice == 14 * 24h);
  CHECK(for_us.overlap_allowed);
  CHECK(for_us.windows == std::vector<std::string>{"us-window"});

  const auto& for_eu = policy.for_region("EU");
  CHECK(&for_eu == &policy.defaults);
  CHECK(for_eu.notice == 30 * 24h);
  CHECK_FALSE(for_eu.overlap_allowed);
  CHECK(for_eu.windows.empty());
}
