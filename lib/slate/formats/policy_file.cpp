#include <slate/formats/policy_file.hpp>

#include <slate/formats/iso_duration.hpp>
#include <slate/formats/policy_alertmanager.hpp>
#include <slate/formats/support_policy_file.hpp>

#include <toml++/toml.h>

#include <algorithm>
#include <cmath>
#include <optional>
#include <set>

namespace slate::formats {
namespace {

class Reader {
public:
  Reader(const std::string& name, const std::vector<domain::Region>& regions,
         const HolidayReader& read_holidays)
      : m_name(name), m_regions(regions), m_read_holidays(read_holidays) {}

  void problem(const toml::node& node, const std::string& message) {
    problem(node.source().begin.line, message);
  }
  void problem(std::uint32_t line, const std::string& message) {
    const std::string where = m_name + ":" + std::to_string(line);
    m_problems.push_back({domain::Code::invalid_policy, where, where + ": " + message});
  }

  // Read the keys a region section and the top level share.
  void read_region_keys(const toml::table& table, domain::RegionPolicy& policy,
                        const domain::Region* region, const std::string& prefix) {
    if (const auto* node = table.get("notice")) {
      const auto* text = node->as_string();
      if (text == nullptr) {
        problem(*node,
                prefix + "notice must be a string holding an ISO 8601 duration, e.g. \"P7D\"");
      } else if (auto notice = parse_iso_duration(text->get(), prefix + "notice")) {
        policy.notice = *notice;
      } else {
        problem(*node, notice.problems().front().message);
      }
    }
    if (const auto* node = table.get("overlap")) {
      if (const auto* flag = node->as_boolean()) {
        policy.overlap_allowed = flag->get();
      } else {
        problem(*node, prefix + "overlap must be true or false");
      }
    }
    if (const auto* node = table.get("windows")) {
      const auto* list = node->as_array();
      if (list == nullptr || region == nullptr) {
        problem(*node,
                region == nullptr
                    ? "windows may only be given in a [regions.ID] section"
                    : prefix +
                          "windows must be a list of window UIDs, e.g. [\"window-us-mon@slated\"]");
        return;
      }
      policy.windows.clear();
      for (const auto& item : *list) {
        const auto* uid = item.as_string();
        if (uid == nullptr) {
          problem(item, prefix + "windows must hold strings (window UIDs)");
          continue;
        }
        const bool known =
            std::any_of(region->windows.begin(), region->windows.end(),
                        [&](const domain::Window& w) { return w.uid == uid->get(); });
        if (!known) {
          std::string uids;
          for (const auto& window : region->windows) {
            uids += (uids.empty() ? "" : ", ") + window.uid;
          }
          problem(item, prefix + "windows names '" + uid->get() +
                            "', which is not a window of region " + region->id +
                            " (its windows: " + uids + ")");
          continue;
        }
        policy.windows.push_back(uid->get());
      }
      if (list->empty()) {
        problem(
            *node,
            prefix +
                "windows is empty: no maintenance could ever be scheduled; leave the key out to "
                "allow every window of the region");
      }
    }
  }

  // A percentage as millionths of the whole, the unit verdicts are taken in.
  static std::int64_t to_ppm(double percent) { return std::llround(percent * 10000.0); }

  std::optional<double> percentage(const toml::node& node, const std::string& key) {
    const auto value = node.value<double>();
    if (!value || *value <= 0.0 || *value > 100.0) {
      problem(node, key + " must be a percentage above 0 and at most 100, e.g. 99.95");
      return std::nullopt;
    }
    return *value;
  }

  void read_availability(const toml::table& table, domain::AvailabilityRules& rules) {
    refuse_unknown(table,
                   {"reporting_zone", "formula", "partial_weight", "services", "excluded_causes",
                    "credit_tiers"},
                   " in [availability]");
    if (const auto* node = table.get("reporting_zone")) {
      const auto* text = node->as_string();
      auto zone =
          domain::Zone::locate(text == nullptr ? "" : text->get(), "availability.reporting_zone");
      if (zone) {
        rules.reporting_zone = *zone;
      } else {
        problem(*node, zone.problems().front().message);
      }
    }
    if (const auto* node = table.get("formula")) {
      const auto* text = node->as_string();
      if (text != nullptr && text->get() == "exclusions_leave_total") {
        rules.formula = domain::AvailabilityFormula::exclusions_leave_total;
      } else if (text != nullptr && text->get() == "exclusions_count_as_up") {
        rules.formula = domain::AvailabilityFormula::exclusions_count_as_up;
      } else {
        problem(*node,
                "availability.formula must be \"exclusions_leave_total\" ((total - excluded - "
                "counted) / "
                "(total - excluded)) or \"exclusions_count_as_up\" ((total - counted) / total)");
      }
    }
    if (const auto* node = table.get("partial_weight")) {
      const auto value = node->value<double>();
      if (!value || *value < 0.0 || *value > 1.0) {
        problem(*node, "availability.partial_weight must be a number from 0 to 1 (1 counts a "
                       "partial outage in full)");
      } else {
        rules.partial_weight_permille = std::llround(*value * 1000.0);
      }
    }
    if (const auto* node = table.get("services")) {
      const auto* list = node->as_array();
      rules.services.clear();
      if (list == nullptr) {
        problem(*node,
                "availability.services must be a list of service ids, e.g. [\"api\", \"voice\"]");
      } else {
        for (const auto& item : *list) {
          const auto* id = item.as_string();
          if (id == nullptr || id->get().empty()) {
            problem(item, "availability.services must hold non-empty strings");
          } else {
            rules.services.push_back(id->get());
          }
        }
      }
    }
    if (const auto* node = table.get("excluded_causes")) {
      const auto* causes = node->as_table();
      if (causes == nullptr) {
        problem(*node, "availability.excluded_causes must be a section mapping causes to exclusion "
                       "categories");
      } else {
        rules.excluded_causes.clear();
        for (const auto& [key, value] : *causes) {
          const auto cause = domain::parse_outage_cause(key.str());
          const auto* category = value.as_string();
          if (!cause || *cause == domain::OutageCause::internal) {
            std::string names;
            for (const auto c : domain::all_outage_causes()) {
              if (c != domain::OutageCause::internal) {
                names += (names.empty() ? "" : ", ") + std::string(domain::to_string(c));
              }
            }
            problem(value, "'" + std::string(key.str()) +
                               "' is not a cause that can be excluded; the causes are " + names);
          } else if (category == nullptr || category->get().empty()) {
            problem(value, "the exclusion category of " + std::string(key.str()) +
                               " must be a non-empty string, e.g. \"(ii)(a) force majeure\"");
          } else {
            rules.excluded_causes[*cause] = category->get();
          }
        }
      }
    }
    if (const auto* node = table.get("credit_tiers")) {
      const auto* tiers = node->as_array();
      if (tiers == nullptr) {
        problem(
            *node,
            "availability.credit_tiers must be a list of [[availability.credit_tiers]] sections");
        return;
      }
      rules.credit_tiers.clear();
      for (const auto& item : *tiers) {
        const auto* tier = item.as_table();
        if (tier == nullptr) {
          problem(item, "each credit tier needs below = PERCENT and credit = \"TEXT\"");
          continue;
        }
        refuse_unknown(*tier, {"below", "credit"}, " in [[availability.credit_tiers]]");
        const auto* below = tier->get("below");
        const auto* credit = tier->get("credit");
        const auto percent =
            below == nullptr ? std::nullopt : percentage(*below, "credit_tiers.below");
        if (below == nullptr || credit == nullptr || credit->as_string() == nullptr) {
          problem(item, "each credit tier needs below = PERCENT and credit = \"TEXT\"");
          continue;
        }
        if (percent) {
          rules.credit_tiers.push_back({to_ppm(*percent), credit->as_string()->get()});
        }
      }
      std::sort(rules.credit_tiers.begin(), rules.credit_tiers.end(),
                [](const domain::CreditTier& a, const domain::CreditTier& b) {
                  return a.below_ppm > b.below_ppm;
                });
    }
  }

  void refuse_unknown(const toml::table& table, const std::set<std::string>& known,
                      const std::string& where) {
    for (const auto& [key, node] : table) {
      if (known.count(std::string(key.str())) == 0) {
        std::string list;
        for (const auto& k : known) {
          list += (list.empty() ? "" : ", ") + k;
        }
        problem(node,
                "unknown key '" + std::string(key.str()) + "'" + where + "; the keys are " + list);
      }
    }
  }

  domain::Result<domain::Policy> read(std::string_view text) {
    toml::table root;
    try {
      root = toml::parse(text, m_name);
    } catch (const toml::parse_error& error) {
      problem(error.source().begin.line, std::string(error.description()));
      return std::move(m_problems);
    }
    domain::Policy policy;
    policy.source = m_name;
    refuse_unknown(root,
                   {"name", "description", "availability_target", "notice", "overlap", "regions",
                    "availability", "support", "alertmanager"},
                   "");
    if (const auto* node = root.get("name")) {
      if (const auto* value = node->as_string(); value != nullptr && !value->get().empty()) {
        policy.name = value->get();
      } else {
        problem(*node, "name must be a non-empty string");
      }
    } else {
      problem(1, "the policy has no name; add e.g. name = \"uniphore\"");
    }
    if (const auto* node = root.get("availability_target")) {
      const auto value = node->value<double>();
      if (!value || *value <= 0.0 || *value > 100.0) {
        problem(*node,
                "availability_target must be a percentage above 0 and at most 100, e.g. 99.95");
      } else {
        policy.availability_target_percent = *value;
        policy.availability.target_ppm = to_ppm(*value);
      }
    }
    if (const auto* node = root.get("availability")) {
      if (const auto* table = node->as_table()) {
        read_availability(*table, policy.availability);
      } else {
        problem(*node, "availability must be a section: [availability]");
      }
    }
    if (const auto* node = root.get("support")) {
      if (const auto* table = node->as_table()) {
        policy.support = read_support_policy(*table, m_name, m_read_holidays, m_problems);
      } else {
        problem(*node, "support must be a section: [support]");
      }
    }
    if (const auto* node = root.get("alertmanager")) {
      read_alertmanager_policy(*node, m_name, m_regions, policy.availability.services,
                               policy.alertmanager, m_problems);
    }
    read_region_keys(root, policy.defaults, nullptr, "");
    if (const auto* node = root.get("regions")) {
      const auto* sections = node->as_table();
      if (sections == nullptr) {
        problem(*node, "regions must be a table of [regions.ID] sections");
      } else {
        for (const auto& [key, section] : *sections) {
          const std::string id(key.str());
          const auto* region = domain::find_region(m_regions, id);
          const auto* table = section.as_table();
          if (region == nullptr) {
            std::string ids;
            for (const auto& r : m_regions) {
              ids += (ids.empty() ? "" : ", ") + r.id;
            }
            problem(section,
                    "[regions." + id + "] names no region of the calendars (they are " + ids + ")");
            continue;
          }
          if (table == nullptr) {
            problem(section,
                    "regions." + id + " must be a section with notice, overlap or windows");
            continue;
          }
          refuse_unknown(*table, {"notice", "overlap", "windows"}, " in [regions." + id + "]");
          domain::RegionPolicy region_policy = policy.defaults;
          region_policy.windows.clear();
          read_region_keys(*table, region_policy, region, "regions." + id + ".");
          policy.regions[region->id] = std::move(region_policy);
        }
      }
    }
    if (!m_problems.empty()) {
      return std::move(m_problems);
    }
    return policy;
  }

private:
  const std::string& m_name;
  const std::vector<domain::Region>& m_regions;
  const HolidayReader& m_read_holidays;
  domain::Problems m_problems;
};

} // namespace

domain::Result<domain::Policy> read_policy(std::string_view text, const std::string& name,
                                           const std::vector<domain::Region>& regions,
                                           const HolidayReader& read_holidays) {
  return Reader(name, regions, read_holidays).read(text);
}

} // namespace slate::formats
