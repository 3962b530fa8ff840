#pragma once

#include <slate/domain/instant.hpp>

#include <optional>
#include <string>

namespace slate::store {

// A POST made with an Idempotency-Key: a retry with the same key and actor
// gets the resource the first request created instead of a second one.
struct IdempotencyRecord {
  std::string key;
  std::string actor;
  // A hash of method, path and body: a key reused for another request is refused.
  std::string fingerprint;
  std::string resource; // e.g. "maintenance/12"
  domain::Instant created_at;
};

// The Idempotency-Keys requests came with, by (key, actor).
class IdempotencyStore {
public:
  virtual ~IdempotencyStore() = default;

  // Return the record of `key` sent by `actor`, or std::nullopt.
  virtual std::optional<IdempotencyRecord> find(const std::string& key,
                                                const std::string& actor) = 0;

  // Insert `record`. A second record with the same (key, actor) is refused
  // (StoreError), so two racing requests with one key cannot both create.
  virtual void insert(const IdempotencyRecord& record) = 0;
};

} // namespace slate::store
