#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/interval.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::domain {

// How much of the service an outage takes away: all of it, or some (a
// partial outage counts with the policy's weight).
enum class OutageImpact { major, partial };

// Why the service was down. Each cause other than `internal` maps to an
// SLA exclusion category of the policy (Uniphore's (ii)-(iv)); `internal`
// always counts.
enum class OutageCause {
  internal,           // the provider's own fault: counted
  force_majeure,      // (ii)(a) causes beyond reasonable control
  third_party,        // (ii)(a) third-party hosting, communications or internet provider
  customer,           // (ii)(b)(c) the customer's failure, actions or omissions
  customer_equipment, // (ii)(d) the customer's or a third party's equipment or software
  backup,             // (iii) backup of on-premises or externally hosted deployments
  suspension,         // (iv) suspension or termination of the customer's right of use
};

std::string_view to_string(OutageImpact impact);
std::string_view to_string(OutageCause cause);
std::optional<OutageImpact> parse_outage_impact(std::string_view text);
std::optional<OutageCause> parse_outage_cause(std::string_view text);
// Every cause, in declaration order (for messages listing the choices).
const std::vector<OutageCause>& all_outage_causes();

struct Outage {
  std::int64_t id = 0; // assigned by the store
  std::string service;
  std::vector<std::string> regions;
  Instant start;
  std::optional<Instant> end; // none while the outage goes on
  OutageImpact impact = OutageImpact::major;
  OutageCause cause = OutageCause::internal;
  std::string description;
  Instant created_at;
  std::string created_by; // token name
  bool imported = false;  // came from history import, not recorded live

  bool open() const { return !end.has_value(); }
  // The interval it covers, an open one running until `now`.
  Interval span(Instant now) const { return Interval{start, end.value_or(std::max(start, now))}; }

  friend bool operator==(const Outage&, const Outage&) = default;
};

} // namespace slate::domain
