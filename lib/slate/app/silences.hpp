#pragma once

#include <slate/app/silence_settings.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/app/writer.hpp>
#include <slate/domain/maintenance_silence.hpp>
#include <slate/store/store.hpp>

#include <cstdint>
#include <string>
#include <vector>

// The silences slated keeps in Alertmanager for maintenance: each change
// of a maintenance queues, in its own transaction, a change for each of its
// silences whose desired state moved (created, extended, expired); the
// daemon's silencer delivers them and records here what Alertmanager said.
namespace slate::app {

// Queue in `transaction` a change for each silence `maintenance` should
// have (domain::plan_silences under the snapshot's policy at `now`) whose
// desired state differs from the one `snapshot` records; a silence never
// queued whose goal is already expired is left out. Return the silences so
// changed, for apply_silences. Nothing when `settings` is not enabled.
std::vector<domain::MaintenanceSilence> queue_silences(store::Transaction& transaction,
                                                       const Snapshot& snapshot,
                                                       const SilenceSettings& settings,
                                                       const domain::Maintenance& maintenance,
                                                       domain::Instant now);

// Queue, in one write, the changes queue_silences would queue for every
// maintenance that is planned or in progress: after a reload changed the
// policy's matchers, and at start (Alertmanager may have been configured
// since the maintenance was booked). Return how many were queued; nothing
// is written (nor published) when none is.
std::size_t replan_silences(Writer& writer, domain::Instant now);

// Replace the silences of `snapshot` that have the tags of `changed`, and
// add the others.
void apply_silences(Snapshot& snapshot, const std::vector<domain::MaintenanceSilence>& changed);

// Return the silences `transaction` holds; one whose stored state cannot be
// read is left out (and cannot be sent either).
std::vector<domain::MaintenanceSilence> load_silences(store::Transaction& transaction);

// What Alertmanager holds of a silence after a change or a look.
struct SilenceOutcome {
  std::string silence_id;   // "" when it holds none
  std::string alertmanager; // the URL that answered
  domain::SilenceStatus status = domain::SilenceStatus::pending;
};

// Record that Alertmanager holds `outcome` for silence `sent.tag`, after
// change `change_id` (0: a look of the reconciler) took `attempts`
// attempts, and publish it. The silence stays "queued" when a later change
// of it is waiting (its desired state is no longer `sent`).
void record_silence(Writer& writer, std::int64_t change_id, int attempts,
                    const domain::DesiredSilence& sent, const SilenceOutcome& outcome,
                    domain::Instant now);

// Record a failed attempt of change `change_id` of silence `tag`; with
// `give_up` the silence is "failed" from now on.
void record_silence_failure(Writer& writer, std::int64_t change_id, const std::string& tag,
                            int attempts, const std::string& error, bool give_up,
                            domain::Instant now);

} // namespace slate::app
