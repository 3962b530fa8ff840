#include <slate/app/calendar_feed.hpp>

#include <slate/app/window_schedule.hpp>
#include <slate/domain/service_id.hpp>
#include <slate/util/text.hpp>

#include <algorithm>
#include <tuple>

namespace slate::app {
namespace {

bool names_region(const domain::Maintenance& maintenance, const domain::Region& region) {
  return util::contains_ignoring_case(maintenance.regions, region.id);
}

// A maintenance that names no service covers every service of its regions.
bool covers_any(const domain::Maintenance& maintenance, const std::vector<std::string>& services) {
  if (services.empty() || maintenance.services.empty()) {
    return true;
  }
  return std::any_of(
      maintenance.services.begin(), maintenance.services.end(),
      [&](const std::string& service) { return util::contains_ignoring_case(services, service); });
}

std::string clock_text(domain::Seconds since_midnight) {
  const auto minutes = since_midnight.count() / 60;
  const auto two = [](long long value) {
    return std::string(1, static_cast<char>('0' + value / 10)) +
           static_cast<char>('0' + value % 10);
  };
  return two(minutes / 60) + ":" + two(minutes % 60);
}

// The window's rule for people: "Mon 01:00–03:00".
std::string rule_text(const domain::WindowRule& rule) {
  return rule.days().to_string() + " " + clock_text(rule.local_start()) + "\u2013" +
         clock_text(rule.local_end());
}

} // namespace

domain::Result<std::vector<std::string>> feed_services(std::string_view text,
                                                       const domain::Policy& policy) {
  const auto& known = policy.availability.services;
  std::vector<std::string> services;
  domain::Problems problems;
  while (true) {
    const std::size_t comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') {
      item.remove_prefix(1);
    }
    while (!item.empty() && item.back() == ' ') {
      item.remove_suffix(1);
    }
    if (!item.empty()) {
      if (!domain::valid_service_id(item)) {
        problems.push_back({domain::Code::services_invalid, "services",
                            "service " + util::quoted(item) + " is not a service id: use " +
                                std::string(domain::k_service_id_rule)});
      } else if (!known.empty()) {
        const auto found = std::find_if(known.begin(), known.end(), [&](const std::string& k) {
          return util::equal_ignoring_case(k, item);
        });
        if (found == known.end()) {
          problems.push_back({domain::Code::services_unknown, "services",
                              "unknown service " + util::quoted(item) +
                                  "; the policy's services are " + util::joined(known, ", ")});
        } else {
          services.push_back(*found);
        }
      } else {
        services.emplace_back(item);
      }
    }
    if (comma == std::string_view::npos) {
      break;
    }
    text.remove_prefix(comma + 1);
  }
  if (problems.empty() && services.empty()) {
    problems.push_back({domain::Code::services_invalid, "services",
                        "'services' names no service; give one or more ids separated by commas, "
                        "e.g. services=api,web, or leave the parameter out for all of them"});
  }
  if (!problems.empty()) {
    return problems;
  }
  std::sort(services.begin(), services.end());
  services.erase(std::unique(services.begin(), services.end()), services.end());
  return services;
}

formats::CalendarFeed calendar_feed(const Snapshot& snapshot, const FeedQuery& query,
                                    const domain::Interval& horizon, domain::Instant stamp,
                                    std::chrono::seconds refresh_interval) {
  formats::CalendarFeed feed;
  feed.name = query.region != nullptr ? query.region->name + " maintenance"
                                      : std::string("All regions maintenance");
  if (!query.services.empty()) {
    feed.name += " (" + util::joined(query.services, ", ") + ")";
  }
  // The rules go here, once, rather than into every occurrence.
  if (query.region != nullptr) {
    std::string rules;
    for (const auto& window : query.region->windows) {
      rules +=
          (rules.empty() ? "" : "; ") + rule_text(window.rule) + " " + window.rule.zone().name();
    }
    feed.description = "Maintenance windows (" + rules + ") and announced maintenance of " +
                       query.region->name + " (" + query.region->id + "), published by slated.";
  } else {
    feed.description =
        "Maintenance windows and announced maintenance of every region, published by slated.";
  }
  feed.refresh_interval = refresh_interval;
  feed.stamp = stamp;
  feed.span = horizon;

  const auto add_windows = [&](const domain::Region& region) {
    for (const auto& occurrence : windows_overlapping(region, horizon)) {
      const auto& window = *occurrence.window;
      feed.windows.push_back({region.id, region.name, window.uid, window.summary,
                              window.rule.zone(), rule_text(window.rule), occurrence.occurrence});
    }
  };
  if (query.region != nullptr) {
    add_windows(*query.region);
  } else {
    for (const auto& region : snapshot.regions) {
      add_windows(region);
    }
  }

  for (const auto& maintenance : snapshot.maintenances) {
    if (maintenance.span().end <= horizon.start) {
      continue;
    }
    if (query.region != nullptr && !names_region(maintenance, *query.region)) {
      continue;
    }
    if (!covers_any(maintenance, query.services)) {
      continue;
    }
    feed.maintenances.push_back(maintenance);
  }
  std::stable_sort(feed.maintenances.begin(), feed.maintenances.end(),
                   [](const domain::Maintenance& a, const domain::Maintenance& b) {
                     return std::tie(a.booked.start, a.id) < std::tie(b.booked.start, b.id);
                   });
  return feed;
}

} // namespace slate::app
