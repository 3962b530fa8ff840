#include <slate/domain/region.hpp>

#include <slate/util/text.hpp>

#include <algorithm>

namespace slate::domain {

const Region* find_region(const std::vector<Region>& regions, std::string_view id) {
  auto it = std::find_if(regions.begin(), regions.end(), [id](const Region& region) {
    return util::equal_ignoring_case(region.id, id);
  });
  return it == regions.end() ? nullptr : &*it;
}

std::vector<std::string> canonical_region_ids(const std::vector<std::string>& ids,
                                              const std::vector<Region>& regions) {
  std::vector<std::string> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    const auto* region = find_region(regions, id);
    out.push_back(region != nullptr ? region->id : id);
  }
  return out;
}

} // namespace slate::domain
