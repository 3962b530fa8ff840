#pragma once

#include <slate/domain/interval.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

namespace slate::domain {

// A change freeze: no scheduled maintenance may touch `period` in `regions`
// (every region when `regions` is empty).
struct Blackout {
  std::int64_t id = 0; // assigned by the store
  std::vector<std::string> regions;
  Interval period;
  std::string reason;
  Instant created_at;
  std::string created_by; // token name

  bool global() const { return regions.empty(); }
  bool covers(const std::string& region) const {
    return global() || std::find(regions.begin(), regions.end(), region) != regions.end();
  }

  friend bool operator==(const Blackout&, const Blackout&) = default;
};

} // namespace slate::domain
