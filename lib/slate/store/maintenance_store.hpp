#pragma once

#include <slate/domain/maintenance.hpp>

#include <cstdint>
#include <vector>

namespace slate::store {

// Stored maintenance with its regions and services, in their order.
class MaintenanceStore {
public:
  virtual ~MaintenanceStore() = default;

  // Return every maintenance, by id.
  virtual std::vector<domain::Maintenance> load() = 0;

  // Insert `maintenance` (its id is ignored) and return its new id.
  virtual std::int64_t insert(const domain::Maintenance& maintenance) = 0;

  // Replace every field and list of the maintenance with `maintenance`'s
  // id. Throws StoreError if there is none.
  virtual void update(const domain::Maintenance& maintenance) = 0;
};

} // namespace slate::store
