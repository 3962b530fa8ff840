#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/matcher.hpp>
#include <slate/domain/silence_plan.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// The creator slated writes into every silence it makes.
inline constexpr std::string_view k_silence_creator = "slated";

// A silence's state as Alertmanager reports it.
enum class SilenceState { pending, active, expired };

std::string_view to_string(SilenceState state);
std::optional<SilenceState> parse_silence_state(std::string_view text);

// A silence as Alertmanager lists it (GET /api/v2/silences).
struct ObservedSilence {
  std::string id;
  std::vector<Matcher> matchers;
  Instant starts_at; // whole seconds
  Instant ends_at;   // whole seconds
  // startsAt exactly as Alertmanager wrote it (with milliseconds): an
  // update of a silence that has started must send it back unchanged, or
  // Alertmanager replaces the silence instead (see silence_post_body).
  std::string starts_at_text;
  std::optional<Instant> updated_at;
  std::string created_by;
  std::string comment;
  SilenceState state = SilenceState::pending;

  friend bool operator==(const ObservedSilence&, const ObservedSilence&) = default;
};

// Return the silence of `listed` that slated made for `tag` (created by
// k_silence_creator, its comment carrying the tag) and that is not
// expired, the one updated last if there are several; nullptr if none.
// This is how a silence whose creation lost its response is found again.
const ObservedSilence* find_tagged_silence(const std::vector<ObservedSilence>& listed,
                                           std::string_view tag);

// What to do so that Alertmanager holds `desired`.
enum class SilenceStep {
  none,   // it holds it already
  create, // POST without an id
  // POST with the id. Alertmanager keeps the id when only endsAt or the
  // comment change; it replaces the silence (new id, the old one expired)
  // when the matchers change.
  update,
  expire, // DELETE /api/v2/silence/{id}
  // An operator expired it before its end: record that, do not undo it.
  expired_by_operator,
};

std::string_view to_string(SilenceStep step);

// Return the next step for `desired`, given `observed`, the silence
// Alertmanager holds under the id slated recorded for it (nullptr: none
// recorded, or Alertmanager no longer knows it, e.g. it restarted without
// its storage), at `now`.
//
// An expired silence counts as expired by an operator when its endsAt is
// its updatedAt (to the second: an expiry sets both to the moment it
// happens) and comes before the desired end; one that simply reached its
// endsAt before the desired end (an extension that never arrived) is
// created again.
SilenceStep next_silence_step(const DesiredSilence& desired, const ObservedSilence* observed,
                              Instant now);

} // namespace slate::domain
