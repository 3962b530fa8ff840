#include <slate/app/snapshot.hpp>

#include <algorithm>

namespace slate::app {
namespace {

bool by_id(const domain::Outage& a, const domain::Outage& b) {
  return a.id < b.id;
}

} // namespace

OutageBook::OutageBook(std::vector<domain::Outage> outages) {
  *this = OutageBook().with(std::move(outages));
}

OutageBook OutageBook::with(std::vector<domain::Outage> outages) const {
  std::map<std::string, List, std::less<>> changed;
  for (auto& outage : outages) {
    auto& list = changed[outage.service];
    list.push_back(std::move(outage));
  }
  OutageBook book = *this;
  for (auto& [service, added] : changed) {
    // An outage keeps its service for life, so a replacement is always in
    // the list of the service it names.
    List list;
    if (const auto found = book.m_by_service.find(service); found != book.m_by_service.end()) {
      list = *found->second;
    }
    book.m_size -= list.size();
    std::stable_sort(added.begin(), added.end(), by_id);
    for (auto& outage : added) {
      const auto at = std::lower_bound(list.begin(), list.end(), outage, by_id);
      if (at != list.end() && at->id == outage.id) {
        *at = std::move(outage);
      } else {
        list.insert(at, std::move(outage));
      }
    }
    book.m_size += list.size();
    book.m_by_service[service] = std::make_shared<const List>(std::move(list));
  }
  return book;
}

const domain::Outage* OutageBook::find(std::int64_t id) const {
  // A binary search per service: a thousand services cost microseconds, and
  // an index by id would have to be copied on every write.
  for (const auto& [service, list] : m_by_service) {
    const auto at = std::lower_bound(
        list->begin(), list->end(), id,
        [](const domain::Outage& outage, std::int64_t value) { return outage.id < value; });
    if (at != list->end() && at->id == id) {
      return &*at;
    }
  }
  return nullptr;
}

std::span<const domain::Outage> OutageBook::of_service(std::string_view service) const {
  const auto found = m_by_service.find(service);
  if (found == m_by_service.end()) {
    return {};
  }
  return {found->second->data(), found->second->size()};
}

std::vector<std::string> OutageBook::services() const {
  std::vector<std::string> names;
  names.reserve(m_by_service.size());
  for (const auto& [service, list] : m_by_service) {
    names.push_back(service);
  }
  return names;
}

void OutageBook::for_each(const std::function<void(const domain::Outage&)>& visit) const {
  for (const auto& [service, list] : m_by_service) {
    for (const auto& outage : *list) {
      visit(outage);
    }
  }
}

const domain::Maintenance* Snapshot::find_maintenance(std::int64_t id) const {
  const auto found = std::lower_bound(
      maintenances.begin(), maintenances.end(), id,
      [](const domain::Maintenance& m, std::int64_t value) { return m.id < value; });
  return found != maintenances.end() && found->id == id ? &*found : nullptr;
}

const domain::Blackout* Snapshot::find_blackout(std::int64_t id) const {
  const auto found =
      std::lower_bound(blackouts.begin(), blackouts.end(), id,
                       [](const domain::Blackout& b, std::int64_t value) { return b.id < value; });
  return found != blackouts.end() && found->id == id ? &*found : nullptr;
}

const domain::Ticket* Snapshot::find_ticket(std::string_view ref) const {
  const auto found = tickets.find(ref);
  return found != tickets.end() ? found->second.get() : nullptr;
}

} // namespace slate::app
