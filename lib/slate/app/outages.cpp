#include <slate/app/outages.hpp>

#include <slate/util/text.hpp>
#include <slate/util/utc_text.hpp>

#include <algorithm>

namespace slate::app {
namespace {

using util::utc_text;

std::string subject(std::int64_t id) {
  return "outage/" + std::to_string(id);
}

} // namespace

void check_not_future(const std::optional<domain::Instant>& instant, domain::Instant now,
                      const std::string& field, const std::string& what,
                      domain::Problems& problems) {
  if (instant && *instant > now) {
    problems.push_back({domain::Code::time_in_future, field,
                        "'" + field + "' (" + utc_text(*instant) + ") is after now (" +
                            utc_text(now) + "): " + what});
  }
}

void check_known_regions(const std::vector<std::string>& ids, const Snapshot& snapshot,
                         const std::string& field, domain::Problems& problems) {
  std::vector<std::string> known;
  for (const auto& region : snapshot.regions) {
    known.push_back(region.id);
  }
  for (const auto& id : ids) {
    if (domain::find_region(snapshot.regions, id) == nullptr) {
      problems.push_back({domain::Code::unknown_region, field,
                          "region '" + id + "' is unknown; known regions: " + util::joined(known)});
    }
  }
}

domain::Outage outage_of(const formats::OutageRequest& request, const Snapshot& snapshot,
                         const WriteContext& write) {
  domain::Outage outage;
  outage.service = request.service;
  outage.regions = domain::canonical_region_ids(request.regions, snapshot.regions);
  outage.start = request.start.value_or(write.now);
  outage.end = request.end;
  outage.impact = request.impact;
  outage.cause = request.cause;
  outage.description = request.description;
  outage.created_at = write.now;
  outage.created_by = write.actor;
  return outage;
}

std::optional<std::string> exclusion_of(const domain::Outage& outage,
                                        const domain::Policy& policy) {
  const auto& causes = policy.availability.excluded_causes;
  const auto found = causes.find(outage.cause);
  if (found == causes.end()) {
    return std::nullopt;
  }
  return found->second;
}

std::string outage_text(const domain::Outage& outage, const domain::Policy& policy) {
  return formats::to_json_text(formats::outage_json(outage, exclusion_of(outage, policy)));
}

domain::Problems check_outage(const formats::OutageRequest& request, const Snapshot& snapshot,
                              domain::Instant now, const std::string& prefix) {
  domain::Problems problems;
  const auto& services = snapshot.policy.availability.services;
  if (!services.empty() &&
      std::find(services.begin(), services.end(), request.service) == services.end()) {
    problems.push_back({domain::Code::unknown_service, prefix + "service",
                        "service '" + request.service + "' is not one that policy '" +
                            snapshot.policy.name + "' lists: " + util::joined(services)});
  }
  check_known_regions(request.regions, snapshot, prefix + "regions", problems);
  check_not_future(request.start, now, prefix + "start",
                   "record an outage when it has begun; leave 'start' out for now", problems);
  check_not_future(request.end, now, prefix + "end",
                   "leave 'end' out while the outage goes on, and resolve it when it ends",
                   problems);
  if (!request.start && request.end) {
    problems.push_back({domain::Code::invalid_field, prefix + "end",
                        "'" + prefix + "end' needs '" + prefix +
                            "start': an outage that has already ended did not start now"});
  }
  return problems;
}

domain::Result<Created<domain::Outage>>
record_outage(Writer& writer, const formats::OutageRequest& request, const WriteContext& write) {
  WriteSteps<domain::Outage> steps;
  steps.what = "insert an outage";
  steps.kind = "outage";
  steps.find = find_by_id(&Snapshot::find_outage);
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::Outage> {
    if (auto problems = check_outage(request, snapshot, write.now, ""); !problems.empty()) {
      return problems;
    }
    return outage_of(request, snapshot, write);
  };
  steps.rows = [&](store::Transaction& transaction, domain::Outage& outage) {
    outage.id = transaction.outages().insert(outage);
    return Written{
        {{"outage.create", subject(outage.id), "", outage_text(outage, writer.snapshot()->policy)}},
        ""};
  };
  steps.apply = [](Snapshot& next, const domain::Outage& outage) {
    next.outages = next.outages.with({outage});
  };
  return writer.write(write, steps);
}

domain::Result<domain::Outage> resolve_outage(Writer& writer, std::int64_t id,
                                              const formats::ResolveRequest& request,
                                              const WriteContext& write) {
  std::string before;
  WriteSteps<domain::Outage> steps;
  steps.what = "update outage " + std::to_string(id);
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<domain::Outage> {
    const auto* current = snapshot.find_outage(id);
    if (current == nullptr) {
      return domain::Problem{domain::Code::not_found, "id",
                             "there is no outage " + std::to_string(id)};
    }
    if (!current->open()) {
      return domain::Problem{domain::Code::invalid_transition, "state",
                             "cannot resolve outage " + std::to_string(id) +
                                 ": it was resolved already, ending " + utc_text(*current->end)};
    }
    const domain::Instant end = request.end.value_or(write.now);
    domain::Problems problems;
    check_not_future(request.end, write.now, "end",
                     "resolve an outage once it has ended; leave 'end' out for now", problems);
    if (end <= current->start) {
      problems.push_back({domain::Code::invalid_field, "end",
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
    before = outage_text(*current, snapshot.policy);
    return changed;
  };
  steps.rows = [&](store::Transaction& transaction, domain::Outage& changed) {
    transaction.outages().update(changed);
    return Written{
        {{"outage.resolve", subject(id), before, outage_text(changed, writer.snapshot()->policy)}},
        ""};
  };
  steps.apply = [](Snapshot& next, const domain::Outage& changed) {
    next.outages = next.outages.with({changed});
  };
  return value_of(writer.write(write, steps));
}

} // namespace slate::app
