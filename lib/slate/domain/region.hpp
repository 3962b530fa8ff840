#pragma once

#include <slate/domain/window_rule.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// Another way the source document states a window, kept so that `lint` can
// show where the two statements disagree (the seed gives each window in IST
// and in the region's own time).
struct AlternateStatement {
  std::string label; // e.g. "as written in IST"
  WindowRule rule;
  std::string source; // "file:line" of its definition
};

// One maintenance window of a region: the rule that is the contract, plus
// any alternate statements of it.
struct Window {
  std::string uid;
  std::string summary;
  WindowRule rule;
  std::vector<AlternateStatement> alternates;
  std::string source; // "file:line" of its definition
};

// A platform location with its own maintenance windows.
struct Region {
  std::string id;   // as used in the API, e.g. "US"; matched case-insensitively
  std::string name; // for people, e.g. "United States"
  std::vector<Window> windows;
  std::string source; // the file it came from
};

// Return the region whose id equals `id` ignoring ASCII case, or nullptr.
const Region* find_region(const std::vector<Region>& regions, std::string_view id);

// Return `ids` spelt as `regions` spell them ("us" -> "US"), in the same
// order; an id `regions` does not have stays as it is.
std::vector<std::string> canonical_region_ids(const std::vector<std::string>& ids,
                                              const std::vector<Region>& regions);

} // namespace slate::domain
