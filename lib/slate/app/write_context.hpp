#pragma once

#include <slate/domain/instant.hpp>

#include <optional>
#include <string>

namespace slate::app {

// Who writes, when, and how to recognise a retry.
struct WriteContext {
  std::string actor; // token name, or "slated" for what the clock does
  domain::Instant now;
  std::optional<std::string> idempotency_key;
  std::string fingerprint; // of the request, to refuse a key reused for another one
};

// What a create made, or made before.
template <class T> struct Created {
  T value;
  bool replayed = false; // an earlier request with the same Idempotency-Key made it
};

} // namespace slate::app
