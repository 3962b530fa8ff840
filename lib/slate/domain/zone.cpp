#include <slate/domain/zone.hpp>

#include <date/tz.h>

#include <algorithm>
#include <array>
#include <stdexcept>

namespace slate::domain {
namespace {

struct AbbreviationHint {
  std::string_view abbreviation;
  std::string_view candidates;
};

// Abbreviations people actually type, with what they may mean. The list only
// improves the error message; any name without a '/' is refused regardless.
constexpr std::array k_abbreviation_hints{
    AbbreviationHint{"IST",
                     "Asia/Kolkata (India), Europe/Dublin (Ireland) or Asia/Jerusalem (Israel)"},
    AbbreviationHint{"GMT", "Europe/London (UK wall clock) or Etc/GMT (fixed UTC+0)"},
    AbbreviationHint{"BST", "Europe/London (British Summer Time) or Asia/Dhaka (Bangladesh)"},
    AbbreviationHint{"ET", "America/New_York"},
    AbbreviationHint{"EST",
                     "America/New_York (US Eastern) or Australia/Sydney (Australian Eastern)"},
    AbbreviationHint{"EDT", "America/New_York"},
    AbbreviationHint{"CT", "America/Chicago"},
    AbbreviationHint{
        "CST", "America/Chicago (US Central), Asia/Shanghai (China) or America/Havana (Cuba)"},
    AbbreviationHint{"CDT", "America/Chicago"},
    AbbreviationHint{"MT", "America/Denver"},
    AbbreviationHint{"MST", "America/Denver or America/Phoenix"},
    AbbreviationHint{"PT", "America/Los_Angeles"},
    AbbreviationHint{"PST", "America/Los_Angeles or Asia/Manila"},
    AbbreviationHint{"PDT", "America/Los_Angeles"},
    AbbreviationHint{"AEST", "Australia/Sydney, Australia/Melbourne or Australia/Brisbane"},
    AbbreviationHint{"AEDT", "Australia/Sydney or Australia/Melbourne"},
    AbbreviationHint{"CET", "Europe/Paris, Europe/Berlin or another Central European zone"},
    AbbreviationHint{"CEST", "Europe/Paris, Europe/Berlin or another Central European zone"},
    AbbreviationHint{"EET", "Europe/Athens, Europe/Helsinki or another Eastern European zone"},
    AbbreviationHint{"WET", "Europe/Lisbon"},
    AbbreviationHint{"SGT", "Asia/Singapore"},
    AbbreviationHint{"JST", "Asia/Tokyo"},
};

std::string upper(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return out;
}

Problem abbreviation_problem(std::string_view name, std::string_view field) {
  std::string message =
      "'" + std::string(name) + "' is not an IANA time zone name; abbreviations are ambiguous";
  const std::string key = upper(name);
  for (const auto& hint : k_abbreviation_hints) {
    if (hint.abbreviation == key) {
      message += ": '" + key + "' may mean " + std::string(hint.candidates);
      break;
    }
  }
  message += ". Use an Area/Location name such as Asia/Kolkata, Europe/London or "
             "America/New_York, or UTC";
  return {Code::zone_abbreviation, std::string(field), message};
}

} // namespace

Result<Zone> Zone::locate(std::string_view name, std::string_view field) {
  if (name.empty()) {
    return Problem{Code::zone_missing, std::string(field),
                   "a time zone is required: an IANA name such as Europe/London"};
  }
  if (name == "UTC" || name == "Etc/UTC") {
    return utc();
  }
  // Legacy tzdb names without an area ("EST", "CET", "GMT") are abbreviations
  // to a reader, and docs/domain.md refuses abbreviations in input.
  if (name.find('/') == std::string_view::npos) {
    return abbreviation_problem(name, field);
  }
  try {
    const date::time_zone* tz = date::locate_zone(name);
    return Zone(tz, std::string(name));
  } catch (const std::runtime_error&) {
    return Problem{Code::zone_unknown, std::string(field),
                   "'" + std::string(name) +
                       "' is not a time zone in the tz database; use an IANA name "
                       "such as Asia/Kolkata, Europe/London or America/New_York"};
  }
}

Zone Zone::utc() {
  static const date::time_zone* const tz = date::locate_zone("Etc/UTC");
  return Zone(tz, "UTC");
}

LocalKind Zone::classify(LocalTime local) const {
  switch (m_tz->get_info(local).result) {
  case date::local_info::nonexistent:
    return LocalKind::nonexistent;
  case date::local_info::ambiguous:
    return LocalKind::ambiguous;
  default:
    return LocalKind::unique;
  }
}

Instant Zone::to_utc(LocalTime local) const {
  const date::local_info info = m_tz->get_info(local);
  // In a gap, `first` is the offset in force before it: applying it moves the
  // reading forward by the gap. In a fold, `first` is the earlier offset and
  // so gives the earlier instant. Either way `first` is what docs/domain.md wants,
  // which is not what date's choose::earliest does in a gap (that returns the
  // transition instant itself).
  return Instant{local.time_since_epoch() - info.first.offset};
}

LocalReading Zone::to_local(Instant instant) const {
  const date::sys_info info = m_tz->get_info(instant);
  return {LocalTime{instant.time_since_epoch() + info.offset}, info.offset, info.abbrev};
}

} // namespace slate::domain
