#include <slate/domain/observed_silence.hpp>

#include <support/time_literals.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using slate::domain::DesiredSilence;
using slate::domain::find_tagged_silence;
using slate::domain::MatchType;
using slate::domain::next_silence_step;
using slate::domain::ObservedSilence;
using slate::domain::parse_silence_state;
using slate::domain::SilenceGoal;
using slate::domain::SilenceState;
using slate::domain::SilenceStep;
using slate::domain::to_string;
using slate::test::utc;

namespace {

const std::string k_tag = "slated maintenance/12 region US";

DesiredSilence desired() {
  DesiredSilence silence;
  silence.tag = k_tag;
  silence.region = "US";
  silence.matchers = {{"region", MatchType::equal, "US"}, {"env", MatchType::regex, "prod|stage"}};
  silence.span = {utc("2026-12-07T05:55:00Z"), utc("2026-12-07T07:15:00Z")};
  silence.comment = k_tag + ": DB upgrade";
  return silence;
}

// What Alertmanager holds after creating `desired()` at 2026-12-01.
ObservedSilence observed() {
  ObservedSilence silence;
  silence.id = "329a2c2c-ec6e-4eec-9c70-55b83eaad3bf";
  silence.matchers = desired().matchers;
  silence.starts_at = utc("2026-12-07T05:55:00Z");
  silence.starts_at_text = "2026-12-07T05:55:00.000Z";
  silence.ends_at = utc("2026-12-07T07:15:00Z");
  silence.updated_at = utc("2026-12-01T00:00:00Z");
  silence.created_by = "slated";
  silence.comment = k_tag + ": DB upgrade";
  silence.state = SilenceState::pending;
  return silence;
}

const auto k_planned = utc("2026-12-02T00:00:00Z");
const auto k_during = utc("2026-12-07T06:30:00Z");

} // namespace

TEST_CASE("domain::next_silence_step: nothing to do when Alertmanager holds the silence") {
  CHECK(next_silence_step(desired(), nullptr, k_planned) == SilenceStep::create);
  const auto same = observed();
  CHECK(next_silence_step(desired(), &same, k_planned) == SilenceStep::none);
  // The same matchers in another order are the same silence.
  auto reordered = observed();
  std::swap(reordered.matchers[0], reordered.matchers[1]);
  CHECK(next_silence_step(desired(), &reordered, k_planned) == SilenceStep::none);
}

TEST_CASE("domain::next_silence_step updates what differs") {
  SUBCASE("extended: endsAt") {
    auto silence = observed();
    silence.ends_at = utc("2026-12-07T07:00:00Z");
    CHECK(next_silence_step(desired(), &silence, k_planned) == SilenceStep::update);
  }
  SUBCASE("matchers") {
    auto silence = observed();
    silence.matchers.pop_back();
    CHECK(next_silence_step(desired(), &silence, k_planned) == SilenceStep::update);
  }
  SUBCASE("comment") {
    auto silence = observed();
    silence.comment = k_tag + ": old title";
    CHECK(next_silence_step(desired(), &silence, k_planned) == SilenceStep::update);
  }
  SUBCASE("a pending silence's start") {
    auto silence = observed();
    silence.starts_at = utc("2026-12-07T05:50:00Z");
    CHECK(next_silence_step(desired(), &silence, k_planned) == SilenceStep::update);
  }
}

TEST_CASE("domain::next_silence_step: a started silence's start is Alertmanager's") {
  // Created during an emergency: Alertmanager moved the past start to the
  // moment of creation. That is no difference.
  auto silence = observed();
  silence.state = SilenceState::active;
  silence.starts_at = utc("2026-12-07T06:01:12Z");
  CHECK(next_silence_step(desired(), &silence, k_during) == SilenceStep::none);
}

TEST_CASE("domain::next_silence_step expires a silence no longer wanted") {
  auto done = desired();
  done.goal = SilenceGoal::expired;
  auto active = observed();
  active.state = SilenceState::active;
  CHECK(next_silence_step(done, &active, k_during) == SilenceStep::expire);
  auto pending = observed();
  CHECK(next_silence_step(done, &pending, k_planned) == SilenceStep::expire);
  auto expired = observed();
  expired.state = SilenceState::expired;
  CHECK(next_silence_step(done, &expired, k_during) == SilenceStep::none);
  CHECK(next_silence_step(done, nullptr, k_during) == SilenceStep::none);
  // Past its end, Alertmanager has expired it (or will): nothing to create.
  CHECK(next_silence_step(desired(), nullptr, utc("2026-12-07T07:15:00Z")) == SilenceStep::none);
}

TEST_CASE("domain::next_silence_step records, and does not undo, an operator's expiry") {
  // amtool silence expire: endsAt and updatedAt become the moment.
  auto by_hand = observed();
  by_hand.state = SilenceState::expired;
  by_hand.ends_at = utc("2026-12-07T06:10:00Z");
  by_hand.updated_at = by_hand.ends_at;
  CHECK(next_silence_step(desired(), &by_hand, k_during) == SilenceStep::expired_by_operator);
  // Reached its own end before the desired one (an extension never
  // arrived): create it again.
  auto ran_out = observed();
  ran_out.state = SilenceState::expired;
  ran_out.ends_at = utc("2026-12-07T06:10:00Z");
  ran_out.updated_at = utc("2026-12-01T00:00:00Z");
  CHECK(next_silence_step(desired(), &ran_out, k_during) == SilenceStep::create);
}

TEST_CASE("domain::find_tagged_silence finds slated's silence by its comment") {
  auto other_service = observed();
  other_service.id = "a";
  other_service.comment = k_tag + " service api: DB upgrade";
  auto by_operator = observed();
  by_operator.id = "b";
  by_operator.created_by = "alice";
  auto old = observed();
  old.id = "c";
  old.state = SilenceState::expired;
  auto first = observed();
  first.id = "d";
  first.updated_at = utc("2026-12-01T00:00:00Z");
  auto later = observed();
  later.id = "e";
  later.updated_at = utc("2026-12-01T00:00:01Z");
  const std::vector<ObservedSilence> listed{other_service, by_operator, old, first, later};
  const auto* found = find_tagged_silence(listed, k_tag);
  REQUIRE(found != nullptr);
  CHECK(found->id == "e");
  CHECK(find_tagged_silence({other_service, by_operator, old}, k_tag) == nullptr);
  CHECK(find_tagged_silence({}, k_tag) == nullptr);
}

TEST_CASE("domain::SilenceState and SilenceStep names") {
  for (const auto state : {SilenceState::pending, SilenceState::active, SilenceState::expired}) {
    CHECK(parse_silence_state(to_string(state)) == state);
  }
  CHECK_FALSE(parse_silence_state("Active").has_value());
  CHECK(to_string(SilenceStep::expired_by_operator) == "expired_by_operator");
}
