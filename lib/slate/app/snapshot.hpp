#pragma once

#include <slate/domain/blackout.hpp>
#include <slate/domain/instant.hpp>
#include <slate/domain/maintenance.hpp>
#include <slate/domain/maintenance_silence.hpp>
#include <slate/domain/outage.hpp>
#include <slate/domain/policy.hpp>
#include <slate/domain/region.hpp>
#include <slate/domain/ticket.hpp>
#include <slate/domain/zone.hpp>
#include <slate/formats/message_text.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace slate::app {

// Every recorded outage, grouped by service. Each service's outages are in
// order of id and shared between the snapshots that have them, so that
// recording an outage copies one service's list, not all of them (a
// snapshot is copied on every write, and a year of outages of a thousand
// services is a million records).
class OutageBook {
public:
  OutageBook() = default;
  // Return a book of `outages` (any order; ids must differ).
  explicit OutageBook(std::vector<domain::Outage> outages);

  // Return a copy with `outages` added, or replacing those with the same id.
  OutageBook with(std::vector<domain::Outage> outages) const;

  // Return the outage with `id`, or nullptr.
  const domain::Outage* find(std::int64_t id) const;
  // Return the outages of `service`, by id; empty if it has none.
  std::span<const domain::Outage> of_service(std::string_view service) const;
  // Return every service that has an outage, in byte order.
  std::vector<std::string> services() const;
  std::size_t size() const { return m_size; }
  bool empty() const { return m_size == 0; }
  // Call `visit` with every outage, service by service, each by id.
  void for_each(const std::function<void(const domain::Outage&)>& visit) const;

private:
  using List = std::vector<domain::Outage>;
  std::map<std::string, std::shared_ptr<const List>, std::less<>> m_by_service;
  std::size_t m_size = 0;
};

// Everything a reader needs, immutable once published. Readers hold a
// shared_ptr to one snapshot; a reload or a write publishes a new one with
// a higher `version`. What is rendered from a snapshot is cached by its
// version, but its ETag is a digest of the bytes: versions restart at 1 with
// the daemon, and a tag must never match stale content.
struct Snapshot {
  std::uint64_t version = 0;
  domain::Zone home_zone = domain::Zone::utc();
  std::vector<domain::Region> regions;
  domain::Policy policy;
  // The messages customers read (etc/templates/), replaced with the
  // calendars and the policy on a reload.
  formats::MessageTemplates templates = formats::MessageTemplates::defaults();
  std::vector<domain::Maintenance> maintenances; // by id
  std::vector<domain::Blackout> blackouts;       // by id
  // When this snapshot was published, set by the publisher. It dates what
  // is rendered from the snapshot (HTTP Last-Modified), so that a date never
  // moves backwards, not even when something is deleted. The epoch (the
  // default) means unknown: the render cache then dates documents by when
  // it first saw the snapshot.
  domain::Instant published_at{};
  OutageBook outages;
  // Every support ticket by ref, each with its whole history; shared
  // between snapshots, so that an event copies one ticket, not all of them.
  std::map<std::string, std::shared_ptr<const domain::Ticket>, std::less<>> tickets;
  // The Alertmanager silences kept for maintenance (app/silences.hpp), by
  // tag; empty without Alertmanager.
  std::vector<domain::MaintenanceSilence> silences;

  const domain::Maintenance* find_maintenance(std::int64_t id) const;
  const domain::Blackout* find_blackout(std::int64_t id) const;
  const domain::Outage* find_outage(std::int64_t id) const { return outages.find(id); }
  // Return the ticket whose ref is `ref` (exact), or nullptr.
  const domain::Ticket* find_ticket(std::string_view ref) const;
};

using SnapshotPtr = std::shared_ptr<const Snapshot>;

} // namespace slate::app
