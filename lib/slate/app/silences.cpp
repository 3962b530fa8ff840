#include <slate/app/silences.hpp>

#include <slate/domain/silence_plan.hpp>
#include <slate/formats/json_maintenance_silence.hpp>

#include <algorithm>

namespace slate::app {
namespace {

const domain::MaintenanceSilence* find_silence(const Snapshot& snapshot, const std::string& tag) {
  const auto found =
      std::find_if(snapshot.silences.begin(), snapshot.silences.end(),
                   [&](const domain::MaintenanceSilence& s) { return s.tag == tag; });
  return found == snapshot.silences.end() ? nullptr : &*found;
}

store::StoredSilence stored(const domain::MaintenanceSilence& silence) {
  return {
      silence.tag,        silence.maintenance_id, formats::desired_silence_text(silence.desired),
      silence.silence_id, silence.alertmanager,   std::string(to_string(silence.status)),
      silence.updated_at};
}

// Write the silence changed by `change` into the store and the snapshot,
// without an audit entry: it records what Alertmanager said, not a change
// anyone asked for.
void record(
    Writer& writer, const std::string& what, domain::Instant now,
    const std::function<
        std::optional<domain::MaintenanceSilence>(const domain::MaintenanceSilence&)>& change,
    const std::function<void(store::Transaction&, const domain::MaintenanceSilence&)>& rows) {
  WriteSteps<domain::MaintenanceSilence> steps;
  steps.what = what;
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::MaintenanceSilence> {
    for (const auto& silence : snapshot.silences) {
      if (auto changed = change(silence)) {
        return std::move(*changed);
      }
    }
    return domain::Problem{domain::Code::not_found, "tag", "no such silence: " + what};
  };
  steps.rows = [&](store::Transaction& transaction, domain::MaintenanceSilence& silence) {
    rows(transaction, silence);
    return Written{};
  };
  steps.apply = [](Snapshot& next, const domain::MaintenanceSilence& silence) {
    apply_silences(next, {silence});
  };
  (void)writer.write(WriteContext{"slated", now, std::nullopt, ""}, steps);
}

// Return the silences of `maintenance` whose desired state differs from
// the one `snapshot` records, as they should be queued.
std::vector<domain::MaintenanceSilence> moved_silences(const Snapshot& snapshot,
                                                       const SilenceSettings& settings,
                                                       const domain::Maintenance& maintenance,
                                                       domain::Instant now) {
  std::vector<domain::MaintenanceSilence> changed;
  if (!settings.enabled) {
    return changed;
  }
  const auto plan =
      domain::plan_silences(maintenance, snapshot.policy.alertmanager, settings.public_url, now);
  for (const auto& desired : plan.silences) {
    const auto* current = find_silence(snapshot, desired.tag);
    if (current != nullptr && current->desired == desired) {
      continue;
    }
    if (current == nullptr && desired.goal == domain::SilenceGoal::expired) {
      continue; // never made: nothing to expire
    }
    domain::MaintenanceSilence silence =
        current != nullptr ? *current : domain::MaintenanceSilence{};
    silence.tag = desired.tag;
    silence.maintenance_id = maintenance.id;
    silence.desired = desired;
    silence.status = domain::SilenceStatus::queued;
    silence.updated_at = now;
    changed.push_back(std::move(silence));
  }
  return changed;
}

} // namespace

std::vector<domain::MaintenanceSilence> queue_silences(store::Transaction& transaction,
                                                       const Snapshot& snapshot,
                                                       const SilenceSettings& settings,
                                                       const domain::Maintenance& maintenance,
                                                       domain::Instant now) {
  auto changed = moved_silences(snapshot, settings, maintenance, now);
  for (const auto& silence : changed) {
    transaction.silences().queue(stored(silence), now);
  }
  return changed;
}

std::size_t replan_silences(Writer& writer, domain::Instant now) {
  using Silences = std::vector<domain::MaintenanceSilence>;
  WriteSteps<Silences> steps;
  steps.what = "queue the silences of open maintenance";
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<Silences> {
    Silences all;
    for (const auto& maintenance : snapshot.maintenances) {
      if (!maintenance.open()) {
        continue;
      }
      auto moved = moved_silences(snapshot, writer.silence_settings(), maintenance, now);
      all.insert(all.end(), moved.begin(), moved.end());
    }
    if (all.empty()) {
      // Not a problem: there is just nothing to commit or publish.
      return domain::Problem{domain::Code::not_found, "", "no silence to queue"};
    }
    return all;
  };
  steps.rows = [&](store::Transaction& transaction, Silences& silences) {
    for (const auto& silence : silences) {
      transaction.silences().queue(stored(silence), now);
    }
    return Written{};
  };
  steps.apply = [](Snapshot& next, const Silences& silences) { apply_silences(next, silences); };
  const auto written = writer.write(WriteContext{"slated", now, std::nullopt, ""}, steps);
  return written ? written->value.size() : 0;
}

void apply_silences(Snapshot& snapshot, const std::vector<domain::MaintenanceSilence>& changed) {
  for (const auto& silence : changed) {
    const auto found =
        std::find_if(snapshot.silences.begin(), snapshot.silences.end(),
                     [&](const domain::MaintenanceSilence& s) { return s.tag == silence.tag; });
    if (found != snapshot.silences.end()) {
      *found = silence;
    } else {
      snapshot.silences.push_back(silence);
    }
  }
}

std::vector<domain::MaintenanceSilence> load_silences(store::Transaction& transaction) {
  std::vector<domain::MaintenanceSilence> out;
  for (const auto& row : transaction.silences().load()) {
    auto desired = formats::parse_desired_silence(row.desired);
    const auto status = domain::parse_silence_status(row.status);
    if (!desired || !status) {
      continue;
    }
    out.push_back({row.tag, row.maintenance_id, std::move(desired).value(), row.silence_id,
                   row.alertmanager, *status, row.updated_at});
  }
  return out;
}

void record_silence(Writer& writer, std::int64_t change_id, int attempts,
                    const domain::DesiredSilence& sent, const SilenceOutcome& outcome,
                    domain::Instant now) {
  record(
      writer, "record silence " + sent.tag, now,
      [&](const domain::MaintenanceSilence& current) -> std::optional<domain::MaintenanceSilence> {
        if (current.tag != sent.tag) {
          return std::nullopt;
        }
        auto changed = current;
        changed.silence_id = outcome.silence_id;
        changed.alertmanager = outcome.alertmanager;
        // A later change is waiting: it is still queued, whatever this one did.
        changed.status = current.desired == sent ? outcome.status : domain::SilenceStatus::queued;
        changed.updated_at = now;
        return changed;
      },
      [&](store::Transaction& transaction, const domain::MaintenanceSilence& silence) {
        transaction.silences().record_done(change_id, attempts, stored(silence), now);
      });
}

void record_silence_failure(Writer& writer, std::int64_t change_id, const std::string& tag,
                            int attempts, const std::string& error, bool give_up,
                            domain::Instant now) {
  record(
      writer, "record a failed change of silence " + tag, now,
      [&](const domain::MaintenanceSilence& current) -> std::optional<domain::MaintenanceSilence> {
        if (current.tag != tag) {
          return std::nullopt;
        }
        auto changed = current;
        if (give_up) {
          changed.status = domain::SilenceStatus::failed;
          changed.updated_at = now;
        }
        return changed;
      },
      [&](store::Transaction& transaction, const domain::MaintenanceSilence&) {
        transaction.silences().record_failure(change_id, attempts, error, give_up, now);
      });
}

} // namespace slate::app
