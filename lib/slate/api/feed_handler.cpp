#include <slate/api/feed_handler.hpp>

#include <slate/api/conditional.hpp>
#include <slate/api/error.hpp>
#include <slate/api/parameters.hpp>
#include <slate/app/window_schedule.hpp>
#include <slate/formats/ical_feed.hpp>

#include <algorithm>
#include <cctype>

namespace slate::api {
namespace {

constexpr std::string_view k_content_type = "text/calendar; charset=utf-8";
constexpr std::size_t k_max_service_length = 64;

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

std::string quoted(std::string_view text) {
  constexpr std::size_t k_max = 64;
  return "'" +
         (text.size() > k_max ? std::string(text.substr(0, k_max)) + "..." : std::string(text)) +
         "'";
}

std::string joined(const std::vector<std::string>& names, std::string_view separator) {
  std::string out;
  for (const auto& name : names) {
    out += (out.empty() ? "" : std::string(separator)) + name;
  }
  return out;
}

bool valid_service_id(std::string_view id) {
  return !id.empty() && id.size() <= k_max_service_length &&
         std::all_of(id.begin(), id.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' ||
                  c == '.';
         });
}

// Return the services named by `text` ("api,web"), sorted and without
// repeats, spelt as the policy spells them; or every problem with it.
domain::Result<std::vector<std::string>> read_services(std::string_view text,
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
      if (!valid_service_id(item)) {
        problems.push_back({"services_invalid", "services",
                            "service " + quoted(item) +
                                " is not a service id: use 1 to 64 letters, digits, '-', '_' "
                                "or '.'"});
      } else if (!known.empty()) {
        const auto found = std::find_if(known.begin(), known.end(), [&](const std::string& k) {
          return same_ignoring_case(k, item);
        });
        if (found == known.end()) {
          problems.push_back({"services_unknown", "services",
                              "unknown service " + quoted(item) + "; the policy's services are " +
                                  joined(known, ", ")});
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
    problems.push_back({"services_invalid", "services",
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

bool names_region(const domain::Maintenance& maintenance, const domain::Region& region) {
  return std::any_of(maintenance.regions.begin(), maintenance.regions.end(),
                     [&](const std::string& id) { return same_ignoring_case(id, region.id); });
}

// A maintenance that names no service covers every service of its regions.
bool covers_any(const domain::Maintenance& maintenance, const std::vector<std::string>& services) {
  if (services.empty() || maintenance.services.empty()) {
    return true;
  }
  return std::any_of(
      maintenance.services.begin(), maintenance.services.end(), [&](const std::string& service) {
        return std::any_of(services.begin(), services.end(), [&](const std::string& wanted) {
          return same_ignoring_case(service, wanted);
        });
      });
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

struct FeedQuery {
  const domain::Region* region = nullptr; // null: every region
  std::vector<std::string> services;      // empty: every service
};

formats::CalendarFeed assemble(const app::Snapshot& snapshot, const FeedQuery& query,
                               const domain::Interval& horizon, domain::Instant stamp,
                               const FeedSettings& settings) {
  formats::CalendarFeed feed;
  feed.name = query.region != nullptr ? query.region->name + " maintenance"
                                      : std::string("All regions maintenance");
  if (!query.services.empty()) {
    feed.name += " (" + joined(query.services, ", ") + ")";
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
  feed.refresh_interval = settings.refresh_interval;
  feed.stamp = stamp;
  feed.span = horizon;

  const auto add_windows = [&](const domain::Region& region) {
    for (const auto& occurrence : app::windows_overlapping(region, horizon)) {
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

} // namespace

FeedHandler::FeedHandler(Scope scope, std::shared_ptr<RenderCache> cache, FeedSettings settings)
    : m_scope(scope), m_cache(std::move(cache)), m_settings(std::move(settings)) {}

Response FeedHandler::handle(const Request& request, const Context& context) const {
  const app::Snapshot& snapshot = *context.snapshot;
  const char* resource = m_scope == Scope::all ? "/calendars/all.ics" : "/calendars/{region}.ics";
  auto parameters = read_parameters(request.query, resource, {"services"});
  if (!parameters) {
    return error_response(parameters.problems());
  }

  FeedQuery query;
  if (m_scope == Scope::region) {
    const std::string& id = context.path_parameters.at(0);
    query.region = domain::find_region(snapshot.regions, id);
    if (query.region == nullptr) {
      std::vector<std::string> ids;
      for (const auto& region : snapshot.regions) {
        ids.push_back(region.id);
      }
      return error_response(domain::Problem{
          std::string(code::not_found), "region",
          "no calendar for region " + quoted(id) + "; the feeds are /calendars/all.ics and " +
              (ids.empty() ? std::string("none for regions, as none are loaded")
                           : "/calendars/{" + joined(ids, ",") + "}.ics")});
    }
  }
  if (const auto services = parameters->find("services"); services != parameters->end()) {
    auto read = read_services(services->second, snapshot.policy);
    if (!read) {
      return error_response(read.problems());
    }
    query.services = std::move(read).value();
  }

  // One cache entry per variant; the region is spelt as the snapshot spells
  // it, so that /calendars/us.ics and /calendars/US.ics share it.
  std::string key = "/calendars/";
  key += query.region != nullptr ? query.region->id : "all";
  key += ".ics";
  if (!query.services.empty()) {
    key += "?services=" + joined(query.services, ",");
  }

  // The horizon is counted from the start of today (UTC), so a feed changes
  // at most once a day between snapshots.
  const domain::Instant today = date::floor<date::days>(context.now);
  const auto document = m_cache->get(key, snapshot, context.now, [&] {
    const domain::Interval horizon{today - m_settings.past, today + m_settings.future};
    // DTSTAMP: when the content was published; the day only while the
    // publisher does not say, so that a day that adds or drops no event
    // renders the same bytes (same ETag: clients get their 304).
    const domain::Instant stamp =
        snapshot.published_at != domain::Instant{} ? snapshot.published_at : today;
    return Rendering{
        formats::render_calendar_feed(assemble(snapshot, query, horizon, stamp, m_settings)),
        today + date::days{1}, today};
  });
  return conditional_response(request, document, k_content_type, m_settings.cache_control,
                              context.now);
}

} // namespace slate::api
