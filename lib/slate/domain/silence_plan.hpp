#pragma once

#include <slate/domain/alertmanager_policy.hpp>
#include <slate/domain/instant.hpp>
#include <slate/domain/interval.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/matcher.hpp>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// Whether a silence should be in force in Alertmanager (pending or active)
// or expired.
enum class SilenceGoal { in_force, expired };

std::string_view to_string(SilenceGoal goal);

// One silence a maintenance should have in Alertmanager, in full: what a
// POST /api/v2/silences needs, and whether it should be in force.
struct DesiredSilence {
  // Unique per maintenance, region and service, and written at the start of
  // the comment, so that a silence whose creation was answered by a lost
  // response can be found again (see comment_carries_tag).
  std::string tag;
  std::string region;
  std::string service; // empty for the region's silence
  // The region's matchers, then the service's.
  std::vector<Matcher> matchers;
  // [startsAt, endsAt): never open-ended.
  Interval span;
  std::string comment;
  SilenceGoal goal = SilenceGoal::in_force;

  friend bool operator==(const DesiredSilence&, const DesiredSilence&) = default;
};

// A silence a maintenance does not get, and why (a sentence).
struct SkippedSilence {
  std::string tag;
  std::string reason;

  friend bool operator==(const SkippedSilence&, const SkippedSilence&) = default;
};

struct SilencePlan {
  std::vector<DesiredSilence> silences;
  std::vector<SkippedSilence> skipped;
};

// Return the tag of the silence for maintenance `id` in `region` and, if not
// empty, `service`: "slated maintenance/12 region US" or "slated
// maintenance/12 region US service api".
std::string silence_tag(std::int64_t id, std::string_view region, std::string_view service);

// Return whether `comment` carries `tag`: it is the tag, or starts with the
// tag followed by ": ". So the region's tag is not found in the comment of
// one of its services' silences.
bool comment_carries_tag(std::string_view comment, std::string_view tag);

// Return the silences `maintenance` should have under `policy` at `now`.
//
// One silence per region it names, with that region's matchers; where it
// names services, one per region and service instead, with the region's
// and the service's matchers together. Each runs from the maintenance's
// start (or its actual start, if it was started earlier) less
// `policy.lead` to its current end (which moves when it is extended) plus
// `policy.grace`. The comment is the tag, then ": " and the title, then the
// maintenance's URL when `public_url` (no trailing '/') is not empty.
//
// A silence is in force while the maintenance is planned or in progress
// and its end has not passed; once the maintenance is completed or
// cancelled, or the silence's end is at or before `now` (Alertmanager
// refuses to create such a silence), it is expired.
//
// Skipped, with the reason: a region or service without matchers in the
// policy (a region is never silenced as a whole for a service without
// matchers, which would hide other services' real alerts), every silence
// of a maintenance that is not disruptive (its alerts are real) or was
// imported from history (it is over).
SilencePlan plan_silences(const Maintenance& maintenance, const AlertmanagerPolicy& policy,
                          std::string_view public_url, Instant now);

} // namespace slate::domain
