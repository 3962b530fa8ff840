#include <slate/app/history_import.hpp>

#include <slate/app/maintenance_view.hpp>
#include <slate/app/outages.hpp>

#include <algorithm>
#include <charconv>

namespace slate::app {
namespace {

std::optional<History> history_of(const Snapshot& snapshot, const std::string& resource) {
  const auto ranges = parse_import_resource(resource);
  if (!ranges) {
    return std::nullopt;
  }
  History history;
  for (std::int64_t i = 0; i < ranges->maintenances; ++i) {
    if (const auto* m = snapshot.find_maintenance(ranges->first_maintenance + i)) {
      history.maintenances.push_back(*m);
    }
  }
  for (std::int64_t i = 0; i < ranges->outages; ++i) {
    if (const auto* o = snapshot.find_outage(ranges->first_outage + i)) {
      history.outages.push_back(*o);
    }
  }
  return history;
}

// The idempotency resource names the ids as ranges; a gap (another writer
// in between, which the store's write lock rules out) would make it lie.
void check_consecutive(std::int64_t& last, std::int64_t id, const char* what) {
  if (last != 0 && id != last + 1) {
    throw store::StoreError(std::string("the ids of imported ") + what + " are not consecutive");
  }
  last = id;
}

domain::Maintenance past_maintenance(const formats::ImportedMaintenance& item,
                                     const Snapshot& snapshot, const WriteContext& write) {
  domain::Maintenance m;
  m.kind = item.kind;
  m.state = item.state;
  m.title = item.title;
  m.message = item.message;
  m.regions = domain::canonical_region_ids(item.regions, snapshot.regions);
  m.services = item.services;
  m.booked = item.span;
  // Work that ran past its booked end was extended: its end is the actual
  // one, and what lies outside the window is its overrun.
  m.end = std::max(item.span.end, item.actual_end.value_or(item.span.end));
  m.announced_at = item.announced_at;
  m.started_at = item.actual_start;
  m.finished_at = item.actual_end;
  m.updated_at = write.now;
  m.created_by = write.actor;
  m.disruptive = item.disruptive;
  m.imported = true;
  return m;
}

domain::Outage past_outage(const formats::OutageRequest& item, const Snapshot& snapshot,
                           const WriteContext& write) {
  auto outage = outage_of(item, snapshot, write);
  outage.imported = true;
  return outage;
}

} // namespace

domain::Result<Created<History>>
import_history(Writer& writer, const formats::ImportRequest& request, const WriteContext& write) {
  WriteSteps<History> steps;
  steps.what = "import history";
  steps.kind = "import";
  steps.find = history_of;
  steps.decide = [&](const Snapshot& snapshot) -> domain::Result<History> {
    domain::Problems problems;
    History history;
    for (std::size_t i = 0; i < request.maintenances.size(); ++i) {
      const auto& item = request.maintenances[i];
      const std::string prefix = "maintenances[" + std::to_string(i) + "].";
      check_known_regions(item.regions, snapshot, prefix + "regions", problems);
      const std::string past = "an import holds past maintenance";
      check_not_future(item.announced_at, write.now, prefix + "announced_at", past, problems);
      check_not_future(item.actual_start, write.now, prefix + "actual_start", past, problems);
      check_not_future(item.actual_end, write.now, prefix + "actual_end", past, problems);
      history.maintenances.push_back(past_maintenance(item, snapshot, write));
    }
    for (std::size_t i = 0; i < request.outages.size(); ++i) {
      const auto& item = request.outages[i];
      auto found = check_outage(item, snapshot, write.now, "outages[" + std::to_string(i) + "].");
      problems.insert(problems.end(), found.begin(), found.end());
      history.outages.push_back(past_outage(item, snapshot, write));
    }
    if (!problems.empty()) {
      return problems;
    }
    return history;
  };
  steps.rows = [&](store::Transaction& transaction, History& history) {
    const auto& snapshot = *writer.snapshot();
    Written written;
    std::int64_t last = 0;
    for (auto& maintenance : history.maintenances) {
      maintenance.id = transaction.maintenances().insert(maintenance);
      check_consecutive(last, maintenance.id, "maintenances");
      written.changes.push_back({"import", "maintenance/" + std::to_string(maintenance.id), "",
                                 maintenance_text(maintenance, snapshot)});
    }
    last = 0;
    for (auto& outage : history.outages) {
      outage.id = transaction.outages().insert(outage);
      check_consecutive(last, outage.id, "outages");
      written.changes.push_back({"import", "outage/" + std::to_string(outage.id), "",
                                 outage_text(outage, snapshot.policy)});
    }
    written.resource = import_resource(history);
    return written;
  };
  steps.apply = [](Snapshot& next, const History& history) {
    next.maintenances.insert(next.maintenances.end(), history.maintenances.begin(),
                             history.maintenances.end());
    next.outages = next.outages.with(history.outages);
  };
  return writer.write(write, steps);
}

std::string import_resource(const History& history) {
  const auto range = [](const auto& items) {
    return std::to_string(items.empty() ? 0 : items.front().id) + "/" +
           std::to_string(items.size());
  };
  return "import/" + range(history.maintenances) + "/" + range(history.outages);
}

std::optional<ImportRanges> parse_import_resource(const std::string& resource) {
  constexpr std::string_view prefix = "import/";
  if (resource.rfind(prefix, 0) != 0) {
    return std::nullopt;
  }
  std::int64_t numbers[4] = {0, 0, 0, 0};
  const char* at = resource.data() + prefix.size();
  const char* const end = resource.data() + resource.size();
  for (int i = 0; i < 4; ++i) {
    const auto [stop, error] = std::from_chars(at, end, numbers[i]);
    if (error != std::errc() || numbers[i] < 0 ||
        (i < 3 ? stop == end || *stop != '/' : stop != end)) {
      return std::nullopt;
    }
    at = stop + (i < 3 ? 1 : 0);
  }
  return ImportRanges{numbers[0], numbers[1], numbers[2], numbers[3]};
}

} // namespace slate::app
