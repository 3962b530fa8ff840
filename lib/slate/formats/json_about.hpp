#pragma once

#include <slate/domain/instant.hpp>

#include <string>
#include <string_view>

namespace slate::formats {

// What a running slated is: its build, the time zone rules it reads and
// when it started. The daemon knows these; the API only shows them.
struct About {
  std::string version;
  std::string commit;
  // The IANA tz database version the daemon's zones come from ("2025b"):
  // DST rules change between versions.
  std::string tz_database;
  domain::Instant started{};
};

// Return the document of GET /v1/about: {"version", "commit",
// "tz_database", "policy" (the name of the policy in force), "started"
// (RFC 3339, UTC)}.
std::string render_about(const About& about, std::string_view policy);

} // namespace slate::formats
