#pragma once

#include <slate/app/snapshot.hpp>
#include <slate/formats/ical_feed.hpp>

#include <chrono>
#include <string_view>
#include <vector>

namespace slate::app {

// What one feed holds: one region's windows and maintenance, or every
// region's, optionally only maintenance of some services.
struct FeedQuery {
  const domain::Region* region = nullptr; // null: every region
  std::vector<std::string> services;      // empty: every service
};

// Return the services named by `text` ("api,web"), sorted and without
// repeats, spelt as the policy spells them (when it lists any); or every
// problem with it: an id that breaks the service-id rule, one the policy
// does not list, or none at all.
domain::Result<std::vector<std::string>> feed_services(std::string_view text,
                                                       const domain::Policy& policy);

// Return the feed of `query`: the window occurrences that overlap
// `horizon`, and the maintenance that has not ended before its start,
// naming the region and one of the services (or none, which covers them
// all), by start. `stamp` is its DTSTAMP; clients are asked to refresh
// every `refresh_interval`.
formats::CalendarFeed calendar_feed(const Snapshot& snapshot, const FeedQuery& query,
                                    const domain::Interval& horizon, domain::Instant stamp,
                                    std::chrono::seconds refresh_interval);

} // namespace slate::app
