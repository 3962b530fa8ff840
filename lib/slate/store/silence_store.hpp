#pragma once

#include <slate/domain/instant.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace slate::store {

// One silence of a maintenance as the store keeps it. `desired` is the
// whole desired state as JSON text (the app reads and writes it; see
// formats/json_maintenance_silence.hpp), so the store knows rows, not
// matchers.
struct StoredSilence {
  std::string tag;
  std::int64_t maintenance_id = 0;
  std::string desired;
  std::string silence_id;   // "" until Alertmanager gave one
  std::string alertmanager; // "" until one answered
  std::string status;       // domain::SilenceStatus as text
  domain::Instant updated_at;
};

// A change not yet acknowledged by Alertmanager: a row of the silence
// outbox, carrying the whole desired state of its silence.
struct SilenceChange {
  std::int64_t id = 0;
  std::string tag;
  std::int64_t maintenance_id = 0;
  std::string desired;
  int attempts = 0; // made so far, over every run of the daemon
  domain::Instant created_at;
};

// How many changes are in each state.
struct SilenceChangeCounts {
  std::int64_t pending = 0;
  std::int64_t done = 0;
  std::int64_t failed = 0;
};

// The silences slated keeps in Alertmanager for maintenance, and their
// durable outbox: a change commits in the transaction of the maintenance
// write that makes it, and leaves the pending state only once Alertmanager
// acknowledged it (or it no longer matters), so a crash loses none. A
// later change of a silence supersedes its earlier pending ones: each
// carries the whole desired state. Every method throws StoreError when the
// database fails.
class SilenceStore {
public:
  virtual ~SilenceStore() = default;

  // Return every silence, by tag.
  virtual std::vector<StoredSilence> load() = 0;

  // Set silence `silence.tag` to `silence` (inserting it if new) and add a
  // pending change carrying `silence.desired`, created at `at`; earlier
  // pending changes of the tag are marked superseded.
  virtual void queue(const StoredSilence& silence, domain::Instant at) = 0;

  // Return the oldest pending change, or std::nullopt.
  virtual std::optional<SilenceChange> next_pending() = 0;

  // Record that change `change_id` is done after `attempts` attempts at
  // `at`, and what Alertmanager now holds of its silence (id, URL, status).
  // A change of 0 records the silence only (what the reconciler found).
  virtual void record_done(std::int64_t change_id, int attempts, const StoredSilence& silence,
                           domain::Instant at) = 0;

  // Record a failed attempt (`attempts` in all) of change `change_id` and
  // why; with `give_up` it is failed for good, and its silence's status is
  // set to "failed".
  virtual void record_failure(std::int64_t change_id, int attempts, const std::string& error,
                              bool give_up, domain::Instant at) = 0;

  virtual SilenceChangeCounts counts() = 0;
};

} // namespace slate::store
