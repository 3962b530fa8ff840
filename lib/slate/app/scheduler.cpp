#include <slate/app/scheduler.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/domain/booking_rules.hpp>
#include <slate/formats/json_text.hpp>

#include <algorithm>

namespace slate::app {
namespace {

using domain::Maintenance;
using domain::MaintenanceState;

domain::Problem not_found(const std::string& what, std::int64_t id) {
  return {problem_code::not_found, "id", "there is no " + what + " " + std::to_string(id)};
}

domain::Problem bad_transition(const Maintenance& maintenance, const std::string& action,
                               const std::string& needs) {
  return {problem_code::invalid_transition, "state",
          "cannot " + action + " maintenance " + std::to_string(maintenance.id) + ": it is " +
              std::string(to_string(maintenance.state)) + ", and " + action + " needs it " + needs};
}

// Canonical region ids (as the calendars spell them), in the request's order.
std::vector<std::string> canonical(const std::vector<std::string>& ids,
                                   const std::vector<domain::Region>& regions) {
  std::vector<std::string> out;
  for (const auto& id : ids) {
    const auto* region = domain::find_region(regions, id);
    out.push_back(region != nullptr ? region->id : id);
  }
  return out;
}

std::int64_t id_of(const std::string& resource) {
  const auto slash = resource.rfind('/');
  return slash == std::string::npos ? 0 : std::stoll(resource.substr(slash + 1));
}

} // namespace

Scheduler::Scheduler(store::Database& database, Publish publish)
    : m_database(database), m_publish(std::move(publish)) {}

void Scheduler::start(std::vector<domain::Region> regions, domain::Policy policy,
                      domain::Zone home_zone) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = 1;
  snapshot->home_zone = std::move(home_zone);
  snapshot->regions = std::move(regions);
  snapshot->policy = std::move(policy);
  snapshot->maintenances = m_database.load_maintenances();
  snapshot->blackouts = m_database.load_blackouts();
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

void Scheduler::reconfigure(std::vector<domain::Region> regions, domain::Policy policy) {
  auto snapshot = std::make_shared<Snapshot>(*m_snapshot);
  ++snapshot->version;
  snapshot->regions = std::move(regions);
  snapshot->policy = std::move(policy);
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

void Scheduler::publish_next(std::vector<Maintenance> maintenances,
                             std::vector<domain::Blackout> blackouts) {
  auto snapshot = std::make_shared<Snapshot>(*m_snapshot);
  ++snapshot->version;
  snapshot->maintenances = std::move(maintenances);
  snapshot->blackouts = std::move(blackouts);
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

std::string Scheduler::render(const Maintenance& maintenance) const {
  return formats::to_json_text(formats::maintenance_json(view_of(maintenance, *m_snapshot)));
}

std::optional<domain::Problem> Scheduler::replay_check(const WriteContext& write,
                                                       const std::string& kind,
                                                       std::string& resource) const {
  if (!write.idempotency_key) {
    return std::nullopt;
  }
  const auto record = m_database.find_idempotency(*write.idempotency_key, write.actor);
  if (!record) {
    return std::nullopt;
  }
  if (record->fingerprint != write.fingerprint || record->resource.rfind(kind + "/", 0) != 0) {
    return domain::Problem{problem_code::idempotency_reused, "Idempotency-Key",
                           "Idempotency-Key '" + *write.idempotency_key +
                               "' was already used for another request (" + record->resource +
                               "); use a new key for a new request"};
  }
  const auto id = id_of(record->resource);
  const bool exists = kind == "maintenance" ? m_snapshot->find_maintenance(id) != nullptr
                                            : m_snapshot->find_blackout(id) != nullptr;
  if (!exists) {
    return domain::Problem{problem_code::idempotency_reused, "Idempotency-Key",
                           "Idempotency-Key '" + *write.idempotency_key + "' made " +
                               record->resource +
                               ", which has since been deleted; use a new key to create it again"};
  }
  resource = record->resource;
  return std::nullopt;
}

domain::Result<Created<Maintenance>>
Scheduler::create_maintenance(const formats::MaintenanceRequest& request,
                              const WriteContext& write) {
  std::string replayed;
  if (auto problem = replay_check(write, "maintenance", replayed)) {
    return *problem;
  }
  if (!replayed.empty()) {
    if (const auto* existing = m_snapshot->find_maintenance(id_of(replayed))) {
      return Created<Maintenance>{*existing, true};
    }
  }
  const domain::Booking booking{request.kind, request.regions, request.span, write.now};
  const domain::BookingContext context{write.now,
                                       m_snapshot->policy,
                                       m_snapshot->regions,
                                       m_snapshot->blackouts,
                                       m_snapshot->maintenances,
                                       0};
  if (auto problems = domain::check_booking(booking, context); !problems.empty()) {
    return problems;
  }

  Maintenance maintenance;
  maintenance.kind = request.kind;
  maintenance.title = request.title;
  maintenance.message = request.message;
  maintenance.regions = canonical(request.regions, m_snapshot->regions);
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

  std::optional<store::IdempotencyRecord> record;
  if (write.idempotency_key) {
    record = store::IdempotencyRecord{*write.idempotency_key, write.actor, write.fingerprint, "",
                                      write.now};
  }
  const store::AuditEntry audit{0, write.now, write.actor, "maintenance.create", "", "", ""};
  auto stored = m_database.insert_maintenance(
      maintenance, audit, [this](const Maintenance& m) { return render(m); }, record);

  auto maintenances = m_snapshot->maintenances;
  maintenances.push_back(stored);
  publish_next(std::move(maintenances), m_snapshot->blackouts);
  return Created<Maintenance>{std::move(stored), false};
}

domain::Result<Maintenance> Scheduler::change(std::int64_t id, const char* action,
                                              const WriteContext& write,
                                              const Transition& transition) {
  const auto* current = m_snapshot->find_maintenance(id);
  if (current == nullptr) {
    return not_found("maintenance", id);
  }
  Maintenance changed = *current;
  if (auto problem = transition(changed, write.now)) {
    return *problem;
  }
  changed.updated_at = write.now;
  ++changed.sequence;
  const store::AuditEntry audit{0,
                                write.now,
                                write.actor,
                                std::string("maintenance.") + action,
                                "maintenance/" + std::to_string(id),
                                render(*current),
                                render(changed)};
  m_database.update_maintenance(changed, audit);

  auto maintenances = m_snapshot->maintenances;
  std::replace_if(
      maintenances.begin(), maintenances.end(), [&](const Maintenance& m) { return m.id == id; },
      changed);
  publish_next(std::move(maintenances), m_snapshot->blackouts);
  return changed;
}

domain::Result<Maintenance> Scheduler::start_maintenance(std::int64_t id,
                                                         const WriteContext& write) {
  return change(id, "start", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (m.state != MaintenanceState::planned) {
                    return bad_transition(m, "start", "planned");
                  }
                  m.state = MaintenanceState::in_progress;
                  m.started_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> Scheduler::complete_maintenance(std::int64_t id,
                                                            const WriteContext& write) {
  return change(id, "complete", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (m.state != MaintenanceState::in_progress) {
                    return bad_transition(m, "complete", "in_progress (start it first)");
                  }
                  m.state = MaintenanceState::completed;
                  m.finished_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> Scheduler::cancel_maintenance(std::int64_t id,
                                                          const WriteContext& write) {
  return change(id, "cancel", write,
                [](Maintenance& m, domain::Instant now) -> std::optional<domain::Problem> {
                  if (!m.open()) {
                    return bad_transition(m, "cancel", "planned or in_progress");
                  }
                  m.state = MaintenanceState::cancelled;
                  m.finished_at = now;
                  return std::nullopt;
                });
}

domain::Result<Maintenance> Scheduler::extend_maintenance(std::int64_t id, domain::Instant end,
                                                          const WriteContext& write) {
  return change(id, "extend", write,
                [end](Maintenance& m, domain::Instant) -> std::optional<domain::Problem> {
                  if (!m.open()) {
                    return bad_transition(m, "extend", "planned or in_progress");
                  }
                  if (end <= m.end) {
                    return domain::Problem{
                        problem_code::invalid_extension, "end",
                        "extend only moves the end later: the maintenance already ends at " +
                            date::format("%F %T UTC", m.end) + "; to finish early, complete it"};
                  }
                  m.end = end;
                  return std::nullopt;
                });
}

domain::Result<Created<domain::Blackout>>
Scheduler::create_blackout(const formats::BlackoutRequest& request, const WriteContext& write) {
  std::string replayed;
  if (auto problem = replay_check(write, "blackout", replayed)) {
    return *problem;
  }
  if (!replayed.empty()) {
    if (const auto* existing = m_snapshot->find_blackout(id_of(replayed))) {
      return Created<domain::Blackout>{*existing, true};
    }
  }
  domain::Problems problems;
  for (const auto& id : request.regions) {
    if (domain::find_region(m_snapshot->regions, id) == nullptr) {
      problems.push_back(
          {domain::rule::unknown_region, "regions", "region '" + id + "' is unknown"});
    }
  }
  if (!problems.empty()) {
    return problems;
  }
  domain::Blackout blackout{0,
                            canonical(request.regions, m_snapshot->regions),
                            request.period,
                            request.reason,
                            write.now,
                            write.actor};
  std::optional<store::IdempotencyRecord> record;
  if (write.idempotency_key) {
    record = store::IdempotencyRecord{*write.idempotency_key, write.actor, write.fingerprint, "",
                                      write.now};
  }
  const store::AuditEntry audit{0, write.now, write.actor, "blackout.create", "", "", ""};
  auto stored = m_database.insert_blackout(
      blackout, audit,
      [](const domain::Blackout& b) { return formats::to_json_text(formats::blackout_json(b)); },
      record);
  auto blackouts = m_snapshot->blackouts;
  blackouts.push_back(stored);
  publish_next(m_snapshot->maintenances, std::move(blackouts));
  return Created<domain::Blackout>{std::move(stored), false};
}

domain::Result<domain::Blackout> Scheduler::delete_blackout(std::int64_t id,
                                                            const WriteContext& write) {
  const auto* current = m_snapshot->find_blackout(id);
  if (current == nullptr) {
    return not_found("blackout", id);
  }
  const domain::Blackout removed = *current;
  const store::AuditEntry audit{0,
                                write.now,
                                write.actor,
                                "blackout.delete",
                                "blackout/" + std::to_string(id),
                                formats::to_json_text(formats::blackout_json(removed)),
                                ""};
  m_database.delete_blackout(id, audit);
  auto blackouts = m_snapshot->blackouts;
  std::erase_if(blackouts, [id](const domain::Blackout& b) { return b.id == id; });
  publish_next(m_snapshot->maintenances, std::move(blackouts));
  return removed;
}

} // namespace slate::app
