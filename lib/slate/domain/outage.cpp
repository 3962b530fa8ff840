#include <slate/domain/outage.hpp>

namespace slate::domain {

std::string_view to_string(OutageImpact impact) {
  return impact == OutageImpact::major ? "major" : "partial";
}

std::string_view to_string(OutageCause cause) {
  switch (cause) {
  case OutageCause::internal:
    return "internal";
  case OutageCause::force_majeure:
    return "force_majeure";
  case OutageCause::third_party:
    return "third_party";
  case OutageCause::customer:
    return "customer";
  case OutageCause::customer_equipment:
    return "customer_equipment";
  case OutageCause::backup:
    return "backup";
  case OutageCause::suspension:
    return "suspension";
  }
  return "internal";
}

const std::vector<OutageCause>& all_outage_causes() {
  static const std::vector<OutageCause> causes{
      OutageCause::internal,  OutageCause::force_majeure,      OutageCause::third_party,
      OutageCause::customer,  OutageCause::customer_equipment, OutageCause::backup,
      OutageCause::suspension};
  return causes;
}

std::optional<OutageImpact> parse_outage_impact(std::string_view text) {
  for (auto impact : {OutageImpact::major, OutageImpact::partial}) {
    if (to_string(impact) == text) {
      return impact;
    }
  }
  return std::nullopt;
}

std::optional<OutageCause> parse_outage_cause(std::string_view text) {
  for (auto cause : all_outage_causes()) {
    if (to_string(cause) == text) {
      return cause;
    }
  }
  return std::nullopt;
}

} // namespace slate::domain
