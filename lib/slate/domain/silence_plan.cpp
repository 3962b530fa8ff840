#include <slate/domain/silence_plan.hpp>

#include <algorithm>
#include <cctype>

namespace slate::domain {
namespace {

bool same_id(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    return std::tolower(static_cast<unsigned char>(x)) ==
           std::tolower(static_cast<unsigned char>(y));
  });
}

// Policy sections are keyed by the calendars' ids; a maintenance names
// regions as its client wrote them, which may differ in case.
const std::vector<Matcher>* find_matchers(const std::map<std::string, std::vector<Matcher>>& table,
                                          std::string_view id) {
  for (const auto& [key, matchers] : table) {
    if (same_id(key, id)) {
      return matchers.empty() ? nullptr : &matchers;
    }
  }
  return nullptr;
}

// A comment is one line in Alertmanager's UI and amtool's table.
std::string one_line(std::string_view text) {
  std::string out(text);
  std::replace_if(
      out.begin(), out.end(), [](char c) { return c == '\n' || c == '\r' || c == '\t'; }, ' ');
  return out;
}

} // namespace

std::string_view to_string(SilenceGoal goal) {
  return goal == SilenceGoal::in_force ? "in_force" : "expired";
}

std::string silence_tag(std::int64_t id, std::string_view region, std::string_view service) {
  std::string tag = "slated maintenance/" + std::to_string(id) + " region " + std::string(region);
  if (!service.empty()) {
    tag += " service " + std::string(service);
  }
  return tag;
}

bool comment_carries_tag(std::string_view comment, std::string_view tag) {
  if (comment.substr(0, tag.size()) != tag) {
    return false;
  }
  const std::string_view after = comment.substr(tag.size());
  return after.empty() || after.substr(0, 2) == ": ";
}

SilencePlan plan_silences(const Maintenance& maintenance, const AlertmanagerPolicy& policy,
                          std::string_view public_url, Instant now) {
  SilencePlan plan;
  const auto skip_all = [&](const std::string& reason) {
    for (const auto& region : maintenance.regions) {
      plan.skipped.push_back({silence_tag(maintenance.id, region, ""), reason});
    }
  };
  if (maintenance.imported) {
    skip_all("the maintenance was imported from history: it is over");
    return plan;
  }
  if (!maintenance.disruptive) {
    skip_all("the maintenance is not disruptive: alerts during it are real");
    return plan;
  }
  const Instant start =
      std::min(maintenance.booked.start, maintenance.started_at.value_or(maintenance.booked.start));
  const Interval span{start - policy.lead, maintenance.end + policy.grace};
  const SilenceGoal goal =
      maintenance.open() && now < span.end ? SilenceGoal::in_force : SilenceGoal::expired;
  std::string about = ": " + one_line(maintenance.title);
  if (!public_url.empty()) {
    about +=
        " (" + std::string(public_url) + "/v1/maintenances/" + std::to_string(maintenance.id) + ")";
  }
  for (const auto& region : maintenance.regions) {
    const auto* region_matchers = find_matchers(policy.regions, region);
    if (region_matchers == nullptr) {
      for (const auto& service : maintenance.services) {
        plan.skipped.push_back(
            {silence_tag(maintenance.id, region, service),
             "region " + region + " has no matchers in [alertmanager.regions." + region + "]"});
      }
      if (maintenance.services.empty()) {
        plan.skipped.push_back(
            {silence_tag(maintenance.id, region, ""),
             "region " + region + " has no matchers in [alertmanager.regions." + region + "]"});
      }
      continue;
    }
    if (maintenance.services.empty()) {
      const auto tag = silence_tag(maintenance.id, region, "");
      plan.silences.push_back({tag, region, "", *region_matchers, span, tag + about, goal});
      continue;
    }
    for (const auto& service : maintenance.services) {
      const auto tag = silence_tag(maintenance.id, region, service);
      const auto* service_matchers = find_matchers(policy.services, service);
      if (service_matchers == nullptr) {
        plan.skipped.push_back({tag, "service " + service +
                                         " has no matchers in [alertmanager.services." + service +
                                         "]; silencing all of region " + region +
                                         " would hide other services' alerts"});
        continue;
      }
      auto matchers = *region_matchers;
      matchers.insert(matchers.end(), service_matchers->begin(), service_matchers->end());
      plan.silences.push_back({tag, region, service, std::move(matchers), span, tag + about, goal});
    }
  }
  return plan;
}

} // namespace slate::domain
