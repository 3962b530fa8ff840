#pragma once

#include <slate/app/writer.hpp>
#include <slate/formats/json_outage.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

// Importing a team's past maintenance and outages, on the Writer's one
// write path.
namespace slate::app {

// What an import stores: past maintenance and outages, each marked
// imported. Ids are set once stored.
struct History {
  std::vector<domain::Maintenance> maintenances;
  std::vector<domain::Outage> outages;
};

// Store past maintenance and outages, all or nothing, each marked imported
// and audited as "import". Each item is checked as a live one is for its
// shape, regions, service and times (nothing after `write.now`); notice,
// windows, blackouts and overlaps are not refused here but decide, in
// reports, what is excluded. Problems name the item: "outages[2].regions".
domain::Result<Created<History>>
import_history(Writer& writer, const formats::ImportRequest& request, const WriteContext& write);

// Return the idempotency resource of an import that made `history`:
// "import/M/m/O/o", the first maintenance id M and their count m, the first
// outage id O and their count o (0/0 for none). The ids one import makes are
// consecutive: import_history refuses to commit otherwise.
std::string import_resource(const History& history);

// The id ranges an import resource names.
struct ImportRanges {
  std::int64_t first_maintenance = 0;
  std::int64_t maintenances = 0;
  std::int64_t first_outage = 0;
  std::int64_t outages = 0;
};

// Return the ranges `resource` names, or std::nullopt if it is not an
// import resource.
std::optional<ImportRanges> parse_import_resource(const std::string& resource);

} // namespace slate::app
