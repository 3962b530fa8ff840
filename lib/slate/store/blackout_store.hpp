#pragma once

#include <slate/domain/blackout.hpp>

#include <cstdint>
#include <vector>

namespace slate::store {

// Stored blackouts (change freezes) with their regions.
class BlackoutStore {
public:
  virtual ~BlackoutStore() = default;

  // Return every blackout, by id.
  virtual std::vector<domain::Blackout> load() = 0;

  // Insert `blackout` (its id is ignored) and return its new id.
  virtual std::int64_t insert(const domain::Blackout& blackout) = 0;

  // Remove blackout `id` with its regions. Throws StoreError if there is none.
  virtual void remove(std::int64_t id) = 0;
};

} // namespace slate::store
