#pragma once

#include <slate/store/store_error.hpp>

namespace slate::app {

// What a use case throws, from its store, when the database cannot be
// reached now (a restart, a failover): a state that passes, not a bug.
// Nothing was changed, unless its message says the connection broke during
// the commit. Named here so that the API, which does not see the store,
// can answer it with 503 and Retry-After.
using DatabaseUnavailable = store::StoreUnavailable;

} // namespace slate::app
