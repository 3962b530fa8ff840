#include <slate/domain/policy.hpp>

#include <algorithm>

namespace slate::domain {

bool RegionPolicy::allows(const Window& window) const {
  return windows.empty() || std::find(windows.begin(), windows.end(), window.uid) != windows.end();
}

const RegionPolicy& Policy::for_region(std::string_view id) const {
  const auto found = regions.find(std::string(id));
  return found == regions.end() ? defaults : found->second;
}

} // namespace slate::domain
