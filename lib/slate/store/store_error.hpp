#pragma once

#include <stdexcept>

namespace slate::store {

// The database cannot be opened, is newer than this slated, or a write
// failed (the transaction was rolled back: nothing changed).
class StoreError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

} // namespace slate::store
