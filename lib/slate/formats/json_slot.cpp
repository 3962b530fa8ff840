#include <slate/formats/json_slot.hpp>

#include <slate/formats/iso_duration.hpp>
#include <slate/formats/json_text.hpp>
#include <slate/formats/rfc3339.hpp>

namespace slate::formats {

std::string render_slot_listing(const SlotListing& listing) {
  Json defaults = Json::object();
  for (const auto& applied : listing.defaults) {
    defaults[applied.parameter] = applied.value;
  }
  Json out = {{"regions", listing.regions},
              {"duration", format_iso_duration(listing.duration)},
              {"duration_seconds", listing.duration.count()},
              {"after", format_rfc3339_utc(listing.after)},
              {"earliest_start", format_rfc3339_utc(listing.earliest_start)},
              {"horizon", format_rfc3339_utc(listing.horizon)},
              {"defaults_applied", defaults}};
  if (listing.answer == nullptr || !listing.answer->slot) {
    out["slot"] = nullptr;
    out["reason"] = listing.answer == nullptr ? "" : listing.answer->reason;
    return to_json_text(out);
  }
  const auto& slot = *listing.answer->slot;
  Json parts = Json::array();
  for (const auto& part : slot.parts) {
    const auto& zone = part.region->windows.front().rule.zone();
    const auto start = zone.to_local(slot.span.start);
    const auto end = zone.to_local(slot.span.end);
    parts.push_back({{"region", part.region->id},
                     {"zone", zone.name()},
                     {"local_start", format_rfc3339(slot.span.start, start.offset)},
                     {"local_end", format_rfc3339(slot.span.end, end.offset)},
                     {"start_abbreviation", start.abbreviation},
                     {"end_abbreviation", end.abbreviation},
                     {"window",
                      {{"start", format_rfc3339_utc(part.occurrence.interval.start)},
                       {"end", format_rfc3339_utc(part.occurrence.interval.end)}}}});
  }
  out["slot"] = {{"start", format_rfc3339_utc(slot.span.start)},
                 {"end", format_rfc3339_utc(slot.span.end)},
                 {"regions", parts}};
  return to_json_text(out);
}

} // namespace slate::formats
