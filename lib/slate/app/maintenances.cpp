#include <slate/app/maintenances.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/app/silences.hpp>
#include <slate/domain/booking_rules.hpp>
#include <slate/util/utc_text.hpp>

#include <algorithm>

namespace slate::app {
namespace {

using domain::Maintenance;
using domain::MaintenanceState;

// Change `maintenance` as an action asks, or say why it may not.
using Transition = std::function<std::optional<domain::Problem>(Maintenance&, domain::Instant)>;

domain::Problem bad_transition(const Maintenance& maintenance, const std::string& action,
                               const std::string& needs) {
  return {domain::Code::invalid_transition, "state",
          "cannot " + action + " maintenance " + std::to_string(maintenance.id) + ": it is " +
              std::string(to_string(maintenance.state)) + ", and " + action + " needs it " + needs};
}

std::string subject(std::int64_t id) {
  return "maintenance/" + std::to_string(id);
}

// Every lifecycle action: find it, change it, store it with its audit
// entry (before and after as the API shows it), publish.
domain::Result<Maintenance> change(Writer& writer, std::int64_t id, const std::string& action,
                                   const WriteContext& write, const Transition& transition) {
  std::string before;
  std::vector<domain::MaintenanceSilence> silences;
  WriteSteps<Maintenance> steps;
  steps.what = action + " maintenance " + std::to_string(id);
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<Maintenance> {
    const auto* current = snapshot.find_maintenance(id);
    if (current == nullptr) {
      return domain::Problem{domain::Code::not_found, "id",
                             "there is no maintenance " + std::to_string(id)};
    }
    Maintenance changed = *current;
    if (auto problem = transition(changed, write.now)) {
      return *problem;
    }
    changed.updated_at = write.now;
    ++changed.sequence;
    before = maintenance_text(*current, snapshot);
    return changed;
  };
  steps.rows = [&](store::Transaction& transaction, Maintenance& changed) {
    transaction.maintenances().update(changed);
    silences = queue_silences(transaction, *writer.snapshot(), writer.silence_settings(), changed,
                              write.now);
    return Written{{{"maintenance." + action, subject(id), before,
                     maintenance_text(changed, *writer.snapshot())}},
                   ""};
  };
  steps.apply = [&silences](Snapshot& next, const Maintenance& changed) {
    std::replace_if(
        next.maintenances.begin(), next.maintenances.end(),
        [&](const Maintenance& m) { return m.id == changed.id; }, changed);
    apply_silences(next, silences);
  };
  return value_of(writer.write(write, steps));
}

} // namespace

domain::Result<Created<Maintenance>> book_maintenance(Writer& writer,
                                                      const formats::MaintenanceRequest& request,
                                                      const WriteContext& write) {
  std::vector<domain::MaintenanceSilence> silences;
  WriteSteps<Maintenance> steps;
  steps.what = "insert a maintenance";
  steps.kind = "maintenance";
  steps.find = find_by_id(&Snapshot::find_maintenance);
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<Maintenance> {
    const domain::Booking booking{request.kind, request.regions, request.span, write.now};
    const domain::BookingContext context{
        write.now, snapshot.policy, snapshot.regions, snapshot.blackouts, snapshot.maintenances, 0};
    if (auto problems = domain::check_booking(booking, context); !problems.empty()) {
      return problems;
    }
    Maintenance maintenance;
    maintenance.kind = request.kind;
    maintenance.title = request.title;
    maintenance.message = request.message;
    maintenance.regions = domain::canonical_region_ids(request.regions, snapshot.regions);
    maintenance.services = request.services;
    maintenance.booked = request.span;
    maintenance.end = request.span.end;
    maintenance.announced_at = write.now;
    maintenance.updated_at = write.now;
    maintenance.created_by = write.actor;
    // Emergency work is declared while it happens: once started it is in progress.
    if (request.kind == domain::MaintenanceKind::emergency && request.span.start <= write.now) {
      maintenance.state = MaintenanceState::in_progress;
      maintenance.started_at = request.span.start;
    }
    return maintenance;
  };
  steps.rows = [&](store::Transaction& transaction, Maintenance& maintenance) {
    maintenance.id = transaction.maintenances().insert(maintenance);
    silences = queue_silences(transaction, *writer.snapshot(), writer.silence_settings(),
                              maintenance, write.now);
    return Written{{{"maintenance.create", subject(maintenance.id), "",
                     maintenance_text(maintenance, *writer.snapshot())}},
                   ""};
  };
  steps.apply = [&silences](Snapshot& next, const Maintenance& maintenance) {
    next.maintenances.push_back(maintenance);
    apply_silences(next, silences);
  };
  return writer.write(write, steps);
}

domain::Result<Maintenance> start_maintenance(Writer& writer, std::int64_t id,
                                              const WriteContext& write) {
  return change(writer, id, "start", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (m.state != MaintenanceState::planned) {
                    return bad_transition(m, "start", "planned");
                  }
                  m.state = MaintenanceState::in_progress;
                  m.started_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> complete_maintenance(Writer& writer, std::int64_t id,
                                                 const WriteContext& write) {
  return change(writer, id, "complete", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (m.state != MaintenanceState::in_progress) {
                    return bad_transition(m, "complete", "in_progress (start it first)");
                  }
                  m.state = MaintenanceState::completed;
                  m.finished_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> cancel_maintenance(Writer& writer, std::int64_t id,
                                               const WriteContext& write) {
  return change(writer, id, "cancel", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (!m.open()) {
                    return bad_transition(m, "cancel", "planned or in_progress");
                  }
                  m.state = MaintenanceState::cancelled;
                  m.finished_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> extend_maintenance(Writer& writer, std::int64_t id, domain::Instant end,
                                               const WriteContext& write) {
  return change(writer, id, "extend", write,
                [end](Maintenance& m, domain::Instant) -> std::optional<domain::Problem> {
                  if (!m.open()) {
                    return bad_transition(m, "extend", "planned or in_progress");
                  }
                  if (end <= m.end) {
                    return domain::Problem{
                        domain::Code::invalid_extension, "end",
                        "extend only moves the end later: the maintenance already ends at " +
                            util::utc_text(m.end) + "; to finish early, complete it"};
                  }
                  m.end = end;
                  return std::nullopt;
                });
}

} // namespace slate::app
