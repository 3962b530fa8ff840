#pragma once

#include <slate/domain/interval.hpp>
#include <slate/domain/zone.hpp>

#include <string>

namespace slate::domain {

// Times for customers: the region's wall clock first, then the home zone's
// in parentheses, each with the abbreviation the tz database gives at that
// instant, so that both sides of a DST change read right:
//
//   "Wed 14 Jan 02:30–04:30 GMT (08:00–10:00 IST)"
//   "Sun 29 Mar 00:30 GMT–02:30 BST (06:00–07:00 IST)"     a change inside
//   "Mon 05 Jan 23:30–Tue 06 Jan 01:30 IST"                home zone = local zone
//   "Tue 06 Jan 00:30–02:30 AEDT (Mon 05 Jan 19:00–21:00 IST)"
//
// The dash is an en dash (U+2013). A date is written only where it is new:
// the local start always has one; the local end has one when it falls on
// another local day; the home start has one when its date differs from the
// local start's, the home end when it differs from the home start's. An
// abbreviation is written once when both ends share it, else at each end.
// The parenthesis is left out when `home` is the same zone as `local`.
std::string local_and_home(const Interval& interval, const Zone& local, const Zone& home);

// One instant the same way: "Wed 14 Jan 04:30 GMT (10:00 IST)"; the home
// part has a date when it falls on another day than the local reading.
std::string local_and_home(Instant instant, const Zone& local, const Zone& home);

// Only the local part of local_and_home: "Wed 14 Jan 02:30–04:30 GMT".
std::string local_range_text(const Interval& interval, const Zone& zone);

// A length in words, largest units first, zero parts left out:
// "2 hours", "1 hour 30 minutes", "7 days", "45 seconds", "0 minutes".
std::string length_words(Seconds length);

} // namespace slate::domain
