#pragma once

#include <stdexcept>

namespace slate::store {

// The database cannot be opened, is newer than this slated, or a write
// failed (the transaction was rolled back: nothing changed).
class StoreError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

// The database cannot be reached now (its server is down, restarting or
// failing over, or the network to it is): a state that passes, unlike a
// statement the server refused. Nothing was changed, unless the message
// says the connection went while committing. The next transaction
// connects again.
class StoreUnavailable : public StoreError {
public:
  using StoreError::StoreError;
};

} // namespace slate::store
