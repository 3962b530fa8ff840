#pragma once

#include <slate/domain/instant.hpp>
#include <slate/domain/interval.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/occurrence.hpp>
#include <slate/domain/zone.hpp>

#include <chrono>
#include <string>
#include <vector>

namespace slate::formats {

// One occurrence of a region's maintenance window, as a feed lists it.
struct FeedWindow {
  std::string region;      // region id, e.g. "US"
  std::string region_name; // e.g. "United States"
  std::string window_uid;  // the window's UID in its calendar file
  std::string summary;     // the window's SUMMARY; may be empty
  domain::Zone zone;       // the zone of the window's rule
  std::string rule_text;   // the rule for people, e.g. "Mon 01:00–03:00"
  domain::Occurrence occurrence;
};

// What one calendar feed holds.
struct CalendarFeed {
  std::string name;        // X-WR-CALNAME and NAME
  std::string description; // X-WR-CALDESC and DESCRIPTION; may be empty
  // How often clients should fetch the feed again (REFRESH-INTERVAL and
  // X-PUBLISHED-TTL).
  domain::Seconds refresh_interval = std::chrono::hours{1};
  // DTSTAMP of the window events: when what they show was published.
  domain::Instant stamp;
  // The span the window occurrences were taken from: every VTIMEZONE
  // describes its zone over it correctly.
  domain::Interval span;
  std::vector<FeedWindow> windows;               // in the order to write them
  std::vector<domain::Maintenance> maintenances; // in the order to write them
};

// Return `feed` as an iCalendar object (RFC 5545), written with libical:
// CRLF line ends, lines folded at 75 octets, METHOD:PUBLISH, the names,
// REFRESH-INTERVAL;VALUE=DURATION and X-PUBLISHED-TTL, then one VTIMEZONE
// per TZID used and one VEVENT per window occurrence and per maintenance.
//
// Each window occurrence is written so that every client computes the
// daemon's instants (docs/domain.md, "Time"): with its local start and end and
// the IANA zone as TZID when both are plain local times, and in UTC when
// either falls in a DST gap or fold (where clients resolve local times
// differently) or moved, with a DESCRIPTION that says why. Its UID is
// stable: region, local date and window ("US-20260105-window-us-mon@slated").
// Each VTIMEZONE is one STANDARD and at most one DAYLIGHT observance with a
// yearly RRULE (what Outlook keeps), checked against the tz database over
// `span` and the year before; a zone whose changes no such rule describes
// gets observances with RDATEs instead.
//
// A maintenance is written in UTC with UID "maintenance-ID@slated",
// SEQUENCE its sequence, LAST-MODIFIED and DTSTAMP its update time, CREATED
// its announcement, STATUS CONFIRMED or CANCELLED, and DESCRIPTION its
// message. Windows and maintenance are TRANSP:TRANSPARENT: they do not make
// a subscriber busy.
std::string render_calendar_feed(const CalendarFeed& feed);

} // namespace slate::formats
