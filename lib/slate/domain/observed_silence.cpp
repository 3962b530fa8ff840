#include <slate/domain/observed_silence.hpp>

#include <algorithm>

namespace slate::domain {
namespace {

// Alertmanager does not promise to list matchers in the order they were
// posted; a silence's matchers are a set.
bool same_matchers(std::vector<Matcher> a, std::vector<Matcher> b) {
  const auto before = [](const Matcher& x, const Matcher& y) {
    return std::tie(x.name, x.type, x.value) < std::tie(y.name, y.type, y.value);
  };
  std::sort(a.begin(), a.end(), before);
  std::sort(b.begin(), b.end(), before);
  return a == b;
}

} // namespace

std::string_view to_string(SilenceState state) {
  switch (state) {
  case SilenceState::pending:
    return "pending";
  case SilenceState::active:
    return "active";
  case SilenceState::expired:
    return "expired";
  }
  return "expired";
}

std::optional<SilenceState> parse_silence_state(std::string_view text) {
  for (const auto state : {SilenceState::pending, SilenceState::active, SilenceState::expired}) {
    if (to_string(state) == text) {
      return state;
    }
  }
  return std::nullopt;
}

std::string_view to_string(SilenceStep step) {
  switch (step) {
  case SilenceStep::none:
    return "none";
  case SilenceStep::create:
    return "create";
  case SilenceStep::update:
    return "update";
  case SilenceStep::expire:
    return "expire";
  case SilenceStep::expired_by_operator:
    return "expired_by_operator";
  }
  return "none";
}

const ObservedSilence* find_tagged_silence(const std::vector<ObservedSilence>& listed,
                                           std::string_view tag) {
  const ObservedSilence* found = nullptr;
  for (const auto& silence : listed) {
    if (silence.state == SilenceState::expired || silence.created_by != k_silence_creator ||
        !comment_carries_tag(silence.comment, tag)) {
      continue;
    }
    if (found == nullptr || silence.updated_at > found->updated_at) {
      found = &silence;
    }
  }
  return found;
}

SilenceStep next_silence_step(const DesiredSilence& desired, const ObservedSilence* observed,
                              Instant now) {
  const bool wanted = desired.goal == SilenceGoal::in_force && now < desired.span.end;
  if (observed == nullptr) {
    return wanted ? SilenceStep::create : SilenceStep::none;
  }
  if (observed->state == SilenceState::expired) {
    if (!wanted) {
      return SilenceStep::none;
    }
    const bool expired_early =
        observed->updated_at == observed->ends_at && observed->ends_at < desired.span.end;
    return expired_early ? SilenceStep::expired_by_operator : SilenceStep::create;
  }
  if (!wanted) {
    return SilenceStep::expire;
  }
  // A started silence's start cannot change (Alertmanager moved a start in
  // the past to the moment it created the silence); a pending one's can.
  const bool start_differs =
      observed->state == SilenceState::pending && observed->starts_at != desired.span.start;
  if (!same_matchers(observed->matchers, desired.matchers) ||
      observed->ends_at != desired.span.end || observed->comment != desired.comment ||
      start_differs) {
    return SilenceStep::update;
  }
  return SilenceStep::none;
}

} // namespace slate::domain
