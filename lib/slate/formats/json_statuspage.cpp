#include <slate/formats/json_statuspage.hpp>

#include <slate/util/text.hpp>

#include <slate/domain/dual_time_text.hpp>
#include <slate/formats/rfc3339.hpp>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdlib>
#include <map>
#include <utility>

namespace slate::formats {
namespace {

// A Statuspage timestamp: the home zone's wall clock, milliseconds and the
// offset, as Statuspage writes them ("2014-05-14T14:22:39.441-06:00").
std::string timestamp(domain::Instant instant, const domain::Zone& zone) {
  const auto reading = zone.to_local(instant);
  if (reading.offset % std::chrono::minutes{1} != domain::Seconds{0}) {
    return date::format("%FT%T", instant) + ".000Z"; // local mean time: no RFC 3339 offset
  }
  const long minutes =
      std::labs(std::chrono::duration_cast<std::chrono::minutes>(reading.offset).count());
  const auto two = [](long value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return date::format("%FT%T", reading.local) + ".000" +
         (reading.offset < domain::Seconds{0} ? "-" : "+") + two(minutes / 60) + ":" +
         two(minutes % 60);
}

bool names(const std::vector<std::string>& ids, std::string_view id) {
  return std::any_of(ids.begin(), ids.end(),
                     [&](const std::string& x) { return util::equal_ignoring_case(x, id); });
}

// Everything the documents share, worked out once per document.
class Writer {
public:
  Writer(const StatusModel& model, const StatuspagePage& page)
      : m_model(model), m_page(page), m_page_id(statuspage_id("page/" + page.name)) {
    build_components();
  }

  Json page() const {
    return Json{{"id", m_page_id},
                {"name", m_page.name},
                {"url", m_page.url},
                {"time_zone", m_model.home_zone.name()},
                {"updated_at", time(m_model.updated_at)}};
  }

  Json status() const {
    return Json{{"indicator", to_string(m_model.indicator)},
                {"description", description(m_model.indicator)}};
  }

  Json components() const {
    Json list = Json::array();
    for (const auto& component : m_components) {
      list.push_back(component);
    }
    return list;
  }

  Json maintenances(bool scheduled, bool active) const {
    Json list = Json::array();
    for (const auto& entry : m_model.maintenances) {
      const bool in_progress = entry.maintenance.state == domain::MaintenanceState::in_progress;
      if ((in_progress && active) || (!in_progress && scheduled)) {
        list.push_back(maintenance(entry));
      }
    }
    return list;
  }

  Json incidents() const {
    Json list = Json::array();
    for (const auto& outage : m_model.open_outages) {
      list.push_back(incident(outage));
    }
    return list;
  }

private:
  std::string time(domain::Instant instant) const { return timestamp(instant, m_model.home_zone); }

  std::string link(const std::string& anchor) const { return m_page.url + "/#" + anchor; }

  void build_components() {
    int group_position = 0;
    for (const auto& region : m_model.regions) {
      ++group_position;
      const bool grouped = !m_model.services.empty();
      const std::string region_key = "component/" + region.id;
      const std::string group_id = statuspage_id(region_key);
      Json children_ids = Json::array();
      std::vector<Json> children;
      int position = 0;
      domain::Instant group_changed = m_model.updated_at;
      bool group_changed_set = false;
      for (const auto& service : region.services) {
        const auto changed = service.changed_at.value_or(m_model.updated_at);
        if (!group_changed_set || changed > group_changed) {
          group_changed = changed;
          group_changed_set = true;
        }
        if (!grouped) {
          continue;
        }
        const std::string id = statuspage_id(region_key + "/" + service.service);
        children_ids.push_back(id);
        Json child = component(id, service.service, service.status, changed, ++position, nullptr,
                               group_id, false);
        m_by_key[{region.id, service.service}] = child;
        m_names[{region.id, service.service}] = region.name + " " + service.service;
        children.push_back(std::move(child));
      }
      Json group =
          component(group_id, region.name, region.status, group_changed, group_position,
                    "Region " + region.id + ", local time " + region.zone.name(), nullptr, grouped);
      if (grouped) {
        group["components"] = std::move(children_ids);
      } else {
        m_by_key[{region.id, ""}] = group;
        m_names[{region.id, ""}] = region.name;
      }
      m_components.push_back(std::move(group));
      for (auto& child : children) {
        m_components.push_back(std::move(child));
      }
    }
  }

  Json component(const std::string& id, const std::string& name, ComponentStatus status,
                 domain::Instant changed, int position, Json description, Json group_id,
                 bool group) const {
    return Json{{"id", id},
                {"name", name},
                {"status", to_string(status)},
                {"created_at", time(changed)},
                {"updated_at", time(changed)},
                {"position", position},
                {"description", std::move(description)},
                {"showcase", true},
                {"start_date", nullptr},
                {"group_id", std::move(group_id)},
                {"page_id", m_page_id},
                {"group", group},
                {"only_show_if_degraded", false}};
  }

  // The components a maintenance or an outage touches, in page order.
  std::vector<std::pair<std::string, std::string>>
  touched(const std::vector<std::string>& regions, const std::vector<std::string>& services) const {
    std::vector<std::pair<std::string, std::string>> keys;
    for (const auto& region : m_model.regions) {
      if (!names(regions, region.id)) {
        continue;
      }
      for (const auto& service : region.services) {
        if (service.service.empty() || services.empty() || names(services, service.service)) {
          keys.emplace_back(region.id, service.service);
        }
      }
    }
    return keys;
  }

  Json components_of(const std::vector<std::pair<std::string, std::string>>& keys) const {
    Json list = Json::array();
    for (const auto& key : keys) {
      if (const auto found = m_by_key.find(key); found != m_by_key.end()) {
        list.push_back(found->second);
      }
    }
    return list;
  }

  Json update(const std::string& id, std::string_view status, const std::string& body,
              const std::string& incident_id, domain::Instant at, Json affected) const {
    return Json{{"id", id},
                {"status", status},
                {"body", body},
                {"incident_id", incident_id},
                {"created_at", time(at)},
                {"updated_at", time(at)},
                {"display_at", time(at)},
                {"affected_components", std::move(affected)},
                {"deliver_notifications", true},
                {"custom_tweet", nullptr},
                {"tweet_id", nullptr}};
  }

  Json maintenance(const StatusMaintenance& entry) const {
    const auto& m = entry.maintenance;
    const std::string key = "maintenance/" + std::to_string(m.id);
    const std::string id = statuspage_id(key);
    const bool in_progress = m.state == domain::MaintenanceState::in_progress;
    Json updates = Json::array();
    for (const auto& item : entry.updates) {
      // What the maintenance was when the update was posted.
      const bool after_start = m.started_at && item.at >= *m.started_at;
      const std::string_view status = item.phase == MessagePhase::completed ? "completed"
                                      : after_start                         ? "in_progress"
                                                                            : "scheduled";
      updates.push_back(update(statuspage_id(key + "/" + std::string(to_string(item.phase)) + "/" +
                                             std::to_string(item.at.time_since_epoch().count())),
                               status, item.text, id, item.at, nullptr));
    }
    return Json{{"id", id},
                {"name", m.title},
                {"status", in_progress ? "in_progress" : "scheduled"},
                {"created_at", time(m.announced_at)},
                {"updated_at", time(m.updated_at)},
                {"monitoring_at", nullptr},
                {"resolved_at", nullptr},
                {"impact", m.disruptive ? "major" : "none"},
                {"shortlink", link("maintenance-" + std::to_string(m.id))},
                {"started_at", time(m.started_at.value_or(m.booked.start))},
                {"page_id", m_page_id},
                {"incident_updates", std::move(updates)},
                {"components", components_of(touched(m.regions, m.services))},
                {"scheduled_for", time(m.booked.start)},
                {"scheduled_until", time(m.end)}};
  }

  Json incident(const domain::Outage& outage) const {
    const std::string key = "outage/" + std::to_string(outage.id);
    const std::string id = statuspage_id(key);
    const auto keys = touched(outage.regions, {outage.service});
    const bool everywhere =
        !m_model.regions.empty() &&
        std::all_of(m_model.regions.begin(), m_model.regions.end(),
                    [&](const RegionStatus& region) { return names(outage.regions, region.id); });
    const bool major = outage.impact == domain::OutageImpact::major;
    const std::string_view impact = !major ? "minor" : everywhere ? "critical" : "major";
    const ComponentStatus new_status =
        major ? ComponentStatus::major_outage : ComponentStatus::partial_outage;
    Json affected = Json::array();
    for (const auto& key_pair : keys) {
      if (const auto found = m_by_key.find(key_pair); found != m_by_key.end()) {
        affected.push_back(Json{{"code", found->second.at("id")},
                                {"name", m_names.at(key_pair)},
                                {"old_status", "operational"},
                                {"new_status", to_string(new_status)}});
      }
    }
    const std::string body =
        !outage.description.empty()
            ? outage.description
            : std::string(major ? "An outage" : "A partial outage") + " of " + outage.service +
                  " in " + util::joined(outage.regions, ", ") + " began at " +
                  date::format("%F %R UTC", outage.start) + ". We are working on it.";
    Json updates = Json::array();
    updates.push_back(update(statuspage_id(key + "/identified"), "identified", body, id,
                             outage.created_at, std::move(affected)));
    return Json{{"id", id},
                {"name", std::string(major ? "Outage" : "Partial outage") + " of " +
                             outage.service + " in " + util::joined(outage.regions, ", ")},
                {"status", "identified"},
                {"created_at", time(outage.created_at)},
                {"updated_at", time(outage.created_at)},
                {"monitoring_at", nullptr},
                {"resolved_at", nullptr},
                {"impact", impact},
                {"shortlink", link("outage-" + std::to_string(outage.id))},
                {"started_at", time(outage.start)},
                {"page_id", m_page_id},
                {"incident_updates", std::move(updates)},
                {"components", components_of(keys)}};
  }

  const StatusModel& m_model;
  const StatuspagePage& m_page;
  std::string m_page_id;
  std::vector<Json> m_components;
  std::map<std::pair<std::string, std::string>, Json> m_by_key;
  std::map<std::pair<std::string, std::string>, std::string> m_names;
};

} // namespace

std::string statuspage_id(std::string_view key) {
  std::uint64_t hash = 14695981039346656037ull; // FNV-1a
  for (const char c : key) {
    hash ^= static_cast<unsigned char>(c);
    hash *= 1099511628211ull;
  }
  constexpr std::string_view digits = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string id(12, '0');
  for (auto i = id.size(); i-- > 0;) {
    id[i] = digits[hash % digits.size()];
    hash /= digits.size();
  }
  return id;
}

std::string render_statuspage_summary(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(Json{{"page", writer.page()},
                           {"components", writer.components()},
                           {"incidents", writer.incidents()},
                           {"scheduled_maintenances", writer.maintenances(true, true)},
                           {"status", writer.status()}});
}

std::string render_statuspage_status(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(Json{{"page", writer.page()}, {"status", writer.status()}});
}

std::string render_statuspage_components(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(Json{{"page", writer.page()}, {"components", writer.components()}});
}

std::string render_statuspage_upcoming(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(
      Json{{"page", writer.page()}, {"scheduled_maintenances", writer.maintenances(true, false)}});
}

std::string render_statuspage_active(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(
      Json{{"page", writer.page()}, {"scheduled_maintenances", writer.maintenances(false, true)}});
}

std::string render_statuspage_unresolved(const StatusModel& model, const StatuspagePage& page) {
  const Writer writer(model, page);
  return to_json_text(Json{{"page", writer.page()}, {"incidents", writer.incidents()}});
}

} // namespace slate::formats
