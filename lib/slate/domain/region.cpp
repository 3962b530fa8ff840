#include <slate/domain/region.hpp>

#include <algorithm>
#include <cctype>

namespace slate::domain {

const Region* find_region(const std::vector<Region>& regions, std::string_view id) {
  const auto same = [id](const Region& region) {
    return std::equal(region.id.begin(), region.id.end(), id.begin(), id.end(), [](char a, char b) {
      return std::tolower(static_cast<unsigned char>(a)) ==
             std::tolower(static_cast<unsigned char>(b));
    });
  };
  auto it = std::find_if(regions.begin(), regions.end(), same);
  return it == regions.end() ? nullptr : &*it;
}

} // namespace slate::domain
