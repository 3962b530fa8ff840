#pragma once

#include <slate/app/silence_settings.hpp>
#include <slate/app/snapshot.hpp>
#include <slate/app/write_context.hpp>
#include <slate/domain/problem.hpp>
#include <slate/store/store.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::app {

// One thing a write changed, for the audit log.
struct Change {
  std::string action;  // e.g. "maintenance.create"
  std::string subject; // e.g. "maintenance/12"
  std::string before;  // JSON as the API shows it; "" for a creation
  std::string after;   // "" for a deletion
};

// What the rows of one write say about it.
struct Written {
  std::vector<Change> changes;
  // What the request's Idempotency-Key names from now on; empty: the
  // subject of the first change.
  std::string resource;
};

// Return the id at the end of `resource` ("maintenance/12" -> 12), or 0.
std::int64_t resource_id(const std::string& resource);

// Return a WriteSteps::find that looks the id of a resource up with
// `lookup`, e.g. find_by_id(&Snapshot::find_maintenance).
template <class T>
std::function<std::optional<T>(const Snapshot&, const std::string&)>
find_by_id(const T* (Snapshot::*lookup)(std::int64_t) const) {
  return [lookup](const Snapshot& snapshot, const std::string& resource) -> std::optional<T> {
    const T* found = (snapshot.*lookup)(resource_id(resource));
    return found != nullptr ? std::optional<T>(*found) : std::nullopt;
  };
}

// One write use case, as the Writer runs it (see Writer::write).
template <class T> struct WriteSteps {
  // What is done, for an error: "insert a maintenance".
  std::string what;
  // For a create that honours Idempotency-Key: what it creates
  // ("maintenance"), and how to find, in a snapshot, what an earlier
  // request made from that request's resource ("maintenance/12"); nothing
  // found means it is gone. Empty: no replay (a change to something).
  std::string kind;
  std::function<std::optional<T>(const Snapshot&, const std::string& resource)> find;
  // Check the request against the current snapshot and return what to
  // write, or every problem; no I/O.
  std::function<domain::Result<T>(const Snapshot&)> decide;
  // Write the rows of `value` (setting the ids it gets) and say what changed.
  std::function<Written(store::Transaction&, T& value)> rows;
  // Change a copy of the current snapshot as the rows changed the store.
  std::function<void(Snapshot&, const T& value)> apply;
};

// The one writer: it owns the current snapshot and is the only way to
// change the store. Every write use case (maintenances.hpp, blackouts.hpp,
// outages.hpp, history_import.hpp) is a WriteSteps run by write(), which
// does the same for each, in one store transaction:
//   1. replay: a retry with a known Idempotency-Key gets what the first
//      request made; a key reused for another request is refused;
//   2. decide: the request is checked against the current snapshot, and
//      every problem returned, nothing written;
//   3. rows: the use case's rows, one audit entry per change and the
//      idempotency record;
// and after the commit publishes a new snapshot. A write that fails
// anywhere changes nothing anywhere.
// Several daemons may share one store (replicas on one PostgreSQL). Each
// write first takes the store's state lock (Transaction::lock_state), so
// the writes of all replicas run one at a time; if another replica
// committed since this snapshot was made (the state version moved), the
// stored state is loaded again, in that transaction, before step 1. So the
// checks always see what the store holds, never a stale snapshot, and two
// replicas cannot both book one slot. A write that wrote rows advances the
// state version, which tells the other replicas to catch up.
// Not thread-safe: the daemon calls it from its writer thread only.
class Writer {
public:
  using Publish = std::function<void(SnapshotPtr)>;

  Writer(store::Store& store, Publish publish);

  // Load what the store holds and publish the first snapshot (version 1).
  void start(std::vector<domain::Region> regions, domain::Policy policy, domain::Zone home_zone,
             formats::MessageTemplates templates);

  // Publish a snapshot with new calendars, policy and templates (SIGHUP).
  void reconfigure(std::vector<domain::Region> regions, domain::Policy policy,
                   formats::MessageTemplates templates);

  // Keep Alertmanager silences for maintenance as `settings` say (see
  // app/silences.hpp); off until called.
  void set_silence_settings(SilenceSettings settings) { m_silence_settings = std::move(settings); }
  const SilenceSettings& silence_settings() const { return m_silence_settings; }

  SnapshotPtr snapshot() const { return m_snapshot; }
  store::Store& store() { return m_store; }

  // Catch up with the other replicas of a shared store: if the stored state
  // version differs from the one this snapshot reflects, load the stored
  // state again and publish it (calendars, policy and templates kept).
  // Return whether it did. Throws store::StoreError if the store fails;
  // the snapshot then stays as it was.
  bool catch_up();

  // The state version (Transaction::state_version) this snapshot reflects.
  std::int64_t state_version() const { return m_state_version; }

  // Run `steps` for the request `write` describes (see the class comment):
  // the value written, or the one an earlier request with the same
  // Idempotency-Key made (replayed), or every problem. Throws
  // store::StoreError if the store fails: then nothing is written and
  // nothing published.
  template <class T>
  domain::Result<Created<T>> write(const WriteContext& write, const WriteSteps<T>& steps) {
    std::optional<domain::Result<Created<T>>> outcome;
    std::optional<T> written;
    std::int64_t advanced = 0;
    m_store.write(steps.what, [&](store::Transaction& transaction) {
      // Held until the commit: no other replica writes in between, and
      // what it committed before is in the snapshot the steps see.
      follow(transaction, transaction.lock_state());
      if (!steps.kind.empty()) {
        if (auto replayed = replay(transaction, write, steps)) {
          outcome = std::move(*replayed);
          return;
        }
      }
      auto decided = steps.decide(*m_snapshot);
      if (!decided) {
        outcome = domain::Result<Created<T>>(decided.problems());
        return;
      }
      T value = std::move(decided).value();
      record(transaction, write, steps.rows(transaction, value));
      advanced = transaction.advance_state();
      written = std::move(value);
    });
    if (!written) {
      return std::move(*outcome);
    }
    m_state_version = advanced;
    auto next = std::make_shared<Snapshot>(*m_snapshot);
    steps.apply(*next, *written);
    publish(std::move(next));
    return Created<T>{std::move(*written), false};
  }

private:
  template <class T>
  std::optional<domain::Result<Created<T>>>
  replay(store::Transaction& transaction, const WriteContext& write, const WriteSteps<T>& steps) {
    auto resource = replayed_resource(transaction, write, steps.kind);
    if (!resource) {
      return domain::Result<Created<T>>(resource.problems());
    }
    if (!resource.value()) {
      return std::nullopt;
    }
    if (auto found = steps.find(*m_snapshot, *resource.value())) {
      return domain::Result<Created<T>>(Created<T>{std::move(*found), true});
    }
    return domain::Result<Created<T>>(gone(write, *resource.value()));
  }

  // Load the state `transaction` sees into `snapshot`: everything but the
  // configuration (regions, policy, templates, home zone).
  static void load(store::Transaction& transaction, Snapshot& snapshot);
  // If `version`, the state version `transaction` sees, is not the one of
  // the current snapshot, load the state it sees and publish it; return
  // whether it did.
  bool follow(store::Transaction& transaction, std::int64_t version);

  domain::Result<std::optional<std::string>> replayed_resource(store::Transaction& transaction,
                                                               const WriteContext& write,
                                                               std::string_view kind) const;
  domain::Problem gone(const WriteContext& write, const std::string& resource) const;
  void record(store::Transaction& transaction, const WriteContext& write, const Written& written);
  void publish(std::shared_ptr<Snapshot> next);

  store::Store& m_store;
  Publish m_publish;
  SnapshotPtr m_snapshot;
  // The state version m_snapshot reflects (see catch_up).
  std::int64_t m_state_version = 0;
  SilenceSettings m_silence_settings;
};

// Return what `created` holds without the replay flag: what a change to
// something that exists returns (only creates are replayed).
template <class T> domain::Result<T> value_of(domain::Result<Created<T>> created) {
  if (!created) {
    return created.problems();
  }
  return std::move(created).value().value;
}

} // namespace slate::app
