#include <slate/formats/policy_alertmanager.hpp>

#include <slate/formats/iso_duration.hpp>

#include <algorithm>
#include <set>

namespace slate::formats {
namespace {

class SectionReader {
public:
  SectionReader(const std::string& name, const std::vector<domain::Region>& regions,
                const std::vector<std::string>& services, domain::Problems& problems)
      : m_name(name), m_regions(regions), m_services(services), m_problems(problems) {}

  void problem(const toml::node& node, const std::string& message) {
    const std::string where = m_name + ":" + std::to_string(node.source().begin.line);
    m_problems.push_back({domain::Code::invalid_policy, where, where + ": " + message});
  }

  void refuse_unknown(const toml::table& table, const std::set<std::string>& known,
                      const std::string& where) {
    for (const auto& [key, node] : table) {
      if (known.count(std::string(key.str())) == 0) {
        std::string list;
        for (const auto& k : known) {
          list += (list.empty() ? "" : ", ") + k;
        }
        problem(node, "unknown key '" + std::string(key.str()) + "' in " + where +
                          "; the keys are " + list);
      }
    }
  }

  void duration(const toml::table& table, const std::string& key, domain::Seconds& out) {
    const auto* node = table.get(key);
    if (node == nullptr) {
      return;
    }
    const auto* text = node->as_string();
    if (text == nullptr) {
      problem(*node, "alertmanager." + key +
                         " must be a string holding an ISO 8601 duration, e.g. \"PT5M\"");
    } else if (auto parsed = parse_iso_duration(text->get(), "alertmanager." + key)) {
      out = *parsed;
    } else {
      problem(*node, parsed.problems().front().message);
    }
  }

  // Read `key` of `table`, a non-empty list of matchers; nullopt after a
  // problem.
  std::optional<std::vector<domain::Matcher>> matchers(const toml::table& table,
                                                       const std::string& key,
                                                       const std::string& where,
                                                       const toml::node& section) {
    const auto* node = table.get(key);
    if (node == nullptr) {
      problem(section, where + " needs " + key + " = [...], e.g. ['region=\"US\"']");
      return std::nullopt;
    }
    const auto* list = node->as_array();
    if (list == nullptr || list->empty()) {
      problem(*node, where + "." + key +
                         " must be a non-empty list of Alertmanager matchers, e.g. "
                         "['region=\"US\"']");
      return std::nullopt;
    }
    std::vector<domain::Matcher> out;
    bool ok = true;
    for (const auto& item : *list) {
      const auto* text = item.as_string();
      if (text == nullptr) {
        problem(item, where + "." + key + " must hold strings such as 'region=\"US\"'");
        ok = false;
        continue;
      }
      auto matcher = domain::parse_matcher(text->get(), where + "." + key);
      if (!matcher) {
        for (const auto& p : matcher.problems()) {
          problem(item, where + "." + key + ": " + p.message);
        }
        ok = false;
        continue;
      }
      out.push_back(std::move(matcher).value());
    }
    if (!ok) {
      return std::nullopt;
    }
    return out;
  }

  bool label_name(const toml::table& table, const std::string& key, std::string& out) {
    const auto* node = table.get(key);
    if (node == nullptr) {
      return false;
    }
    const auto* text = node->as_string();
    const bool valid =
        text != nullptr && !text->get().empty() &&
        domain::check_matcher({text->get(), domain::MatchType::equal, ""}, key).empty();
    if (!valid) {
      problem(*node, "alertmanager.alerts." + key +
                         " must be a label name (letters, digits and '_', not starting with a "
                         "digit), e.g. \"service\"");
      return false;
    }
    out = text->get();
    return true;
  }

  void regions(const toml::node& node, domain::AlertmanagerPolicy& policy) {
    const auto* sections = node.as_table();
    if (sections == nullptr) {
      problem(node, "alertmanager.regions must be a table of [alertmanager.regions.ID] sections");
      return;
    }
    for (const auto& [key, section] : *sections) {
      const std::string id(key.str());
      const std::string where = "alertmanager.regions." + id;
      const auto* region = domain::find_region(m_regions, id);
      if (region == nullptr) {
        std::string ids;
        for (const auto& r : m_regions) {
          ids += (ids.empty() ? "" : ", ") + r.id;
        }
        problem(section, "[" + where + "] names no region of the calendars (they are " + ids + ")");
        continue;
      }
      const auto* table = section.as_table();
      if (table == nullptr) {
        problem(section, where + " must be a section with matchers = [...]");
        continue;
      }
      refuse_unknown(*table, {"matchers"}, "[" + where + "]");
      auto read = matchers(*table, "matchers", where, section);
      if (!read) {
        continue;
      }
      // A maintenance that names no services gets a silence with only the
      // region's matchers, so they must be a silence Alertmanager accepts.
      for (const auto& p : domain::check_silence_matchers(*read, where + ".matchers")) {
        problem(*table->get("matchers"), where + ".matchers: " + p.message);
      }
      policy.regions[region->id] = std::move(*read);
    }
  }

  void services(const toml::node& node, domain::AlertmanagerPolicy& policy) {
    const auto* sections = node.as_table();
    if (sections == nullptr) {
      problem(node, "alertmanager.services must be a table of [alertmanager.services.ID] sections");
      return;
    }
    for (const auto& [key, section] : *sections) {
      const std::string id(key.str());
      const std::string where = "alertmanager.services." + id;
      if (!m_services.empty() &&
          std::find(m_services.begin(), m_services.end(), id) == m_services.end()) {
        std::string ids;
        for (const auto& s : m_services) {
          ids += (ids.empty() ? "" : ", ") + s;
        }
        problem(section, "[" + where + "] names no service of [availability] services (they are " +
                             ids + ")");
        continue;
      }
      const auto* table = section.as_table();
      if (table == nullptr) {
        problem(section, where + " must be a section with matchers = [...]");
        continue;
      }
      refuse_unknown(*table, {"matchers"}, "[" + where + "]");
      if (auto read = matchers(*table, "matchers", where, section)) {
        policy.services[id] = std::move(*read);
      }
    }
  }

  void region_values(const toml::node& node, domain::AlertMapping& mapping) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      problem(node, "alertmanager.alerts.region_values must be a section mapping label values to "
                    "region ids: [alertmanager.alerts.region_values]");
      return;
    }
    for (const auto& [key, value] : *table) {
      const std::string label_value(key.str());
      std::vector<const toml::node*> names;
      if (const auto* list = value.as_array()) {
        for (const auto& item : *list) {
          names.push_back(&item);
        }
      } else {
        names.push_back(&value);
      }
      std::vector<std::string> ids;
      for (const auto* item : names) {
        const auto* text = item->as_string();
        const auto* region =
            text == nullptr ? nullptr : domain::find_region(m_regions, text->get());
        if (region == nullptr) {
          std::string all;
          for (const auto& r : m_regions) {
            all += (all.empty() ? "" : ", ") + r.id;
          }
          problem(*item, "alertmanager.alerts.region_values: '" + label_value +
                             "' must map to a region id or a list of them (the regions are " + all +
                             ")");
          continue;
        }
        ids.push_back(region->id);
      }
      if (ids.empty() && names.empty()) {
        problem(value, "alertmanager.alerts.region_values: '" + label_value +
                           "' maps to an empty list of regions");
      }
      if (!ids.empty() && ids.size() == names.size()) {
        mapping.region_values[label_value] = std::move(ids);
      }
    }
  }

  void alerts(const toml::node& node, domain::AlertmanagerPolicy& policy) {
    const auto* table = node.as_table();
    if (table == nullptr) {
      problem(node, "alertmanager.alerts must be a section: [alertmanager.alerts]");
      return;
    }
    refuse_unknown(
        *table,
        {"match", "service_label", "region_label", "region_values", "cause_label", "impact_label"},
        "[alertmanager.alerts]");
    domain::AlertMapping mapping;
    if (auto match = matchers(*table, "match", "alertmanager.alerts", node)) {
      mapping.match = std::move(*match);
    }
    label_name(*table, "service_label", mapping.service_label);
    label_name(*table, "region_label", mapping.region_label);
    label_name(*table, "cause_label", mapping.cause_label);
    label_name(*table, "impact_label", mapping.impact_label);
    if (const auto* values = table->get("region_values")) {
      region_values(*values, mapping);
    }
    policy.alerts = std::move(mapping);
  }

private:
  const std::string& m_name;
  const std::vector<domain::Region>& m_regions;
  const std::vector<std::string>& m_services;
  domain::Problems& m_problems;
};

} // namespace

void read_alertmanager_policy(const toml::node& section, const std::string& name,
                              const std::vector<domain::Region>& regions,
                              const std::vector<std::string>& services,
                              domain::AlertmanagerPolicy& policy, domain::Problems& problems) {
  SectionReader reader(name, regions, services, problems);
  const auto* table = section.as_table();
  if (table == nullptr) {
    reader.problem(section, "alertmanager must be a section: [alertmanager]");
    return;
  }
  reader.refuse_unknown(*table, {"lead", "grace", "regions", "services", "alerts"},
                        "[alertmanager]");
  reader.duration(*table, "lead", policy.lead);
  reader.duration(*table, "grace", policy.grace);
  if (const auto* node = table->get("regions")) {
    reader.regions(*node, policy);
  }
  if (const auto* node = table->get("services")) {
    reader.services(*node, policy);
  }
  if (const auto* node = table->get("alerts")) {
    reader.alerts(*node, policy);
  }
}

} // namespace slate::formats
