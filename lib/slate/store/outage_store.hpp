#pragma once

#include <slate/domain/outage.hpp>

#include <cstdint>
#include <vector>

namespace slate::store {

// Stored outages with their regions.
class OutageStore {
public:
  virtual ~OutageStore() = default;

  // Return every outage, by id.
  virtual std::vector<domain::Outage> load() = 0;

  // Insert `outage` (its id is ignored) and return its new id.
  virtual std::int64_t insert(const domain::Outage& outage) = 0;

  // Replace every field of the outage with `outage`'s id (resolving it sets
  // its end) and its regions. Throws StoreError if there is none.
  virtual void update(const domain::Outage& outage) = 0;
};

} // namespace slate::store
