#include <slate/domain/policy.hpp>

#include <algorithm>

namespace slate::domain {

bool RegionPolicy::allows(const Window& window) const {
  return windows.empty() || std::find(windows.begin(), windows.end(), window.uid) != windows.end();
}

std::map<OutageCause, std::string> uniphore_excluded_causes() {
  return {
      {OutageCause::force_majeure, "(ii)(a) causes beyond reasonable control"},
      {OutageCause::third_party,
       "(ii)(a) third-party hosting, communications or internet provider"},
      {OutageCause::customer, "(ii)(b)(c) customer's failure, actions or omissions"},
      {OutageCause::customer_equipment,
       "(ii)(d) customer's or third party's equipment or software"},
      {OutageCause::backup, "(iii) backup of on-premises or externally hosted deployments"},
      {OutageCause::suspension, "(iv) suspension or termination of the right to use"},
  };
}

const RegionPolicy& Policy::for_region(std::string_view id) const {
  const auto found = regions.find(std::string(id));
  return found == regions.end() ? defaults : found->second;
}

} // namespace slate::domain
