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

std::string utc_text(domain::Instant instant) {
  return date::format("%F %T UTC", instant);
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : ", ") + name;
  }
  return out;
}

std::optional<store::IdempotencyRecord> idempotency_record(const WriteContext& write) {
  if (!write.idempotency_key) {
    return std::nullopt;
  }
  return store::IdempotencyRecord{*write.idempotency_key, write.actor, write.fingerprint, "",
                                  write.now};
}

// Problems for the regions of `ids` that `regions` does not know.
void check_regions(const std::vector<std::string>& ids, const std::vector<domain::Region>& regions,
                   const std::string& field, domain::Problems& problems) {
  std::vector<std::string> known;
  for (const auto& region : regions) {
    known.push_back(region.id);
  }
  for (const auto& id : ids) {
    if (domain::find_region(regions, id) == nullptr) {
      problems.push_back({domain::rule::unknown_region, field,
                          "region '" + id + "' is unknown; known regions: " + joined(known)});
    }
  }
}

// A problem if `instant` in `field` is after `now`: outages and history are
// what happened, not what will.
void check_not_future(const std::optional<domain::Instant>& instant, domain::Instant now,
                      const std::string& field, const std::string& what,
                      domain::Problems& problems) {
  if (instant && *instant > now) {
    problems.push_back({problem_code::time_in_future, field,
                        "'" + field + "' (" + utc_text(*instant) + ") is after now (" +
                            utc_text(now) + "): " + what});
  }
}

} // namespace

std::optional<std::string> exclusion_of(const domain::Outage& outage,
                                        const domain::Policy& policy) {
  const auto& causes = policy.availability.excluded_causes;
  const auto found = causes.find(outage.cause);
  if (found == causes.end()) {
    return std::nullopt;
  }
  return found->second;
}

Scheduler::Scheduler(store::Database& database, Publish publish)
    : m_database(database), m_publish(std::move(publish)) {}

void Scheduler::start(std::vector<domain::Region> regions, domain::Policy policy,
                      domain::Zone home_zone, formats::MessageTemplates templates) {
  auto snapshot = std::make_shared<Snapshot>();
  snapshot->version = 1;
  snapshot->home_zone = std::move(home_zone);
  snapshot->regions = std::move(regions);
  snapshot->policy = std::move(policy);
  snapshot->templates = std::move(templates);
  snapshot->maintenances = m_database.load_maintenances();
  snapshot->blackouts = m_database.load_blackouts();
  snapshot->outages = OutageBook(m_database.load_outages());
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

void Scheduler::reconfigure(std::vector<domain::Region> regions, domain::Policy policy,
                            formats::MessageTemplates templates) {
  auto snapshot = std::make_shared<Snapshot>(*m_snapshot);
  ++snapshot->version;
  snapshot->regions = std::move(regions);
  snapshot->policy = std::move(policy);
  snapshot->templates = std::move(templates);
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

void Scheduler::publish_next(std::vector<Maintenance> maintenances,
                             std::vector<domain::Blackout> blackouts) {
  publish_change([&](Snapshot& next) {
    next.maintenances = std::move(maintenances);
    next.blackouts = std::move(blackouts);
  });
}

void Scheduler::publish_change(const std::function<void(Snapshot&)>& change) {
  auto snapshot = std::make_shared<Snapshot>(*m_snapshot);
  ++snapshot->version;
  change(*snapshot);
  m_snapshot = std::move(snapshot);
  m_publish(m_snapshot);
}

std::string Scheduler::render(const domain::Outage& outage) const {
  return formats::to_json_text(
      formats::outage_json(outage, exclusion_of(outage, m_snapshot->policy)));
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
  // Nothing an import makes can be deleted; maintenance and outages
  // cannot be either, but the check costs nothing.
  const bool exists = kind == "maintenance" ? m_snapshot->find_maintenance(id) != nullptr
                      : kind == "blackout"  ? m_snapshot->find_blackout(id) != nullptr
                      : kind == "outage"    ? m_snapshot->find_outage(id) != nullptr
                                            : true;
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

namespace slate::app {

domain::Problems Scheduler::check_outage(const formats::OutageRequest& request, domain::Instant now,
                                         const std::string& prefix) const {
  domain::Problems problems;
  const auto& services = m_snapshot->policy.availability.services;
  if (!services.empty() &&
      std::find(services.begin(), services.end(), request.service) == services.end()) {
    problems.push_back({problem_code::unknown_service, prefix + "service",
                        "service '" + request.service + "' is not one that policy '" +
                            m_snapshot->policy.name + "' lists: " + joined(services)});
  }
  check_regions(request.regions, m_snapshot->regions, prefix + "regions", problems);
  check_not_future(request.start, now, prefix + "start",
                   "record an outage when it has begun; leave 'start' out for now", problems);
  check_not_future(request.end, now, prefix + "end",
                   "leave 'end' out while the outage goes on, and resolve it when it ends",
                   problems);
  if (!request.start && request.end) {
    problems.push_back({"invalid_field", prefix + "end",
                        "'" + prefix + "end' needs '" + prefix +
                            "start': an outage that has already ended did not start now"});
  }
  return problems;
}

domain::Result<Created<domain::Outage>>
Scheduler::create_outage(const formats::OutageRequest& request, const WriteContext& write) {
  std::string replayed;
  if (auto problem = replay_check(write, "outage", replayed)) {
    return *problem;
  }
  if (!replayed.empty()) {
    if (const auto* existing = m_snapshot->find_outage(id_of(replayed))) {
      return Created<domain::Outage>{*existing, true};
    }
  }
  if (auto problems = check_outage(request, write.now, ""); !problems.empty()) {
    return problems;
  }
  domain::Outage outage;
  outage.service = request.service;
  outage.regions = canonical(request.regions, m_snapshot->regions);
  outage.start = request.start.value_or(write.now);
  outage.end = request.end;
  outage.impact = request.impact;
  outage.cause = request.cause;
  outage.description = request.description;
  outage.created_at = write.now;
  outage.created_by = write.actor;

  const store::AuditEntry audit{0, write.now, write.actor, "outage.create", "", "", ""};
  auto stored = m_database.insert_outage(
      outage, audit, [this](const domain::Outage& o) { return render(o); },
      idempotency_record(write));
  publish_change([&](Snapshot& next) { next.outages = next.outages.with({stored}); });
  return Created<domain::Outage>{std::move(stored), false};
}

domain::Result<domain::Outage> Scheduler::resolve_outage(std::int64_t id,
                                                         const formats::ResolveRequest& request,
                                                         const WriteContext& write) {
  const auto* current = m_snapshot->find_outage(id);
  if (current == nullptr) {
    return not_found("outage", id);
  }
  if (!current->open()) {
    return domain::Problem{problem_code::invalid_transition, "state",
                           "cannot resolve outage " + std::to_string(id) +
                               ": it was resolved already, ending " + utc_text(*current->end)};
  }
  const domain::Instant end = request.end.value_or(write.now);
  domain::Problems problems;
  check_not_future(request.end, write.now, "end",
                   "resolve an outage once it has ended; leave 'end' out for now", problems);
  if (end <= current->start) {
    problems.push_back({"invalid_field", "end",
                        "'end' (" + utc_text(end) + ") must be after the outage's start (" +
                            utc_text(current->start) + ")"});
  }
  if (!problems.empty()) {
    return problems;
  }
  domain::Outage changed = *current;
  changed.end = end;
  changed.impact = request.impact.value_or(changed.impact);
  changed.cause = request.cause.value_or(changed.cause);
  changed.description = request.description.value_or(changed.description);
  const store::AuditEntry audit{0,
                                write.now,
                                write.actor,
                                "outage.resolve",
                                "outage/" + std::to_string(id),
                                render(*current),
                                render(changed)};
  m_database.update_outage(changed, audit);
  publish_change([&](Snapshot& next) { next.outages = next.outages.with({changed}); });
  return changed;
}

domain::Result<Created<store::History>>
Scheduler::import_history(const formats::ImportRequest& request, const WriteContext& write) {
  std::string replayed;
  if (auto problem = replay_check(write, "import", replayed)) {
    return *problem;
  }
  if (!replayed.empty()) {
    if (const auto ranges = store::parse_import_resource(replayed)) {
      store::History history;
      for (std::int64_t i = 0; i < ranges->maintenances; ++i) {
        if (const auto* m = m_snapshot->find_maintenance(ranges->first_maintenance + i)) {
          history.maintenances.push_back(*m);
        }
      }
      for (std::int64_t i = 0; i < ranges->outages; ++i) {
        if (const auto* o = m_snapshot->find_outage(ranges->first_outage + i)) {
          history.outages.push_back(*o);
        }
      }
      return Created<store::History>{std::move(history), true};
    }
  }

  domain::Problems problems;
  store::History history;
  for (std::size_t i = 0; i < request.maintenances.size(); ++i) {
    const auto& item = request.maintenances[i];
    const std::string prefix = "maintenances[" + std::to_string(i) + "].";
    check_regions(item.regions, m_snapshot->regions, prefix + "regions", problems);
    check_not_future(item.announced_at, write.now, prefix + "announced_at",
                     "an import holds past maintenance", problems);
    check_not_future(item.actual_start, write.now, prefix + "actual_start",
                     "an import holds past maintenance", problems);
    check_not_future(item.actual_end, write.now, prefix + "actual_end",
                     "an import holds past maintenance", problems);
    Maintenance m;
    m.kind = item.kind;
    m.state = item.state;
    m.title = item.title;
    m.message = item.message;
    m.regions = canonical(item.regions, m_snapshot->regions);
    m.services = item.services;
    m.booked = item.span;
    // Work that ran past its booked end was extended: its end is the
    // actual one, and what lies outside the window is its overrun.
    m.end = std::max(item.span.end, item.actual_end.value_or(item.span.end));
    m.announced_at = item.announced_at;
    m.started_at = item.actual_start;
    m.finished_at = item.actual_end;
    m.updated_at = write.now;
    m.created_by = write.actor;
    m.disruptive = item.disruptive;
    m.imported = true;
    history.maintenances.push_back(std::move(m));
  }
  for (std::size_t i = 0; i < request.outages.size(); ++i) {
    const auto& item = request.outages[i];
    const std::string prefix = "outages[" + std::to_string(i) + "].";
    auto found = check_outage(item, write.now, prefix);
    problems.insert(problems.end(), found.begin(), found.end());
    domain::Outage o;
    o.service = item.service;
    o.regions = canonical(item.regions, m_snapshot->regions);
    o.start = item.start.value_or(write.now);
    o.end = item.end;
    o.impact = item.impact;
    o.cause = item.cause;
    o.description = item.description;
    o.created_at = write.now;
    o.created_by = write.actor;
    o.imported = true;
    history.outages.push_back(std::move(o));
  }
  if (!problems.empty()) {
    return problems;
  }

  const store::AuditEntry audit{0, write.now, write.actor, "import", "", "", ""};
  auto stored = m_database.import_history(
      std::move(history), audit, [this](const Maintenance& m) { return render(m); },
      [this](const domain::Outage& o) { return render(o); }, idempotency_record(write));
  publish_change([&](Snapshot& next) {
    next.maintenances.insert(next.maintenances.end(), stored.maintenances.begin(),
                             stored.maintenances.end());
    next.outages = next.outages.with(stored.outages);
  });
  return Created<store::History>{std::move(stored), false};
}

} // namespace slate::app
