#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace slate::util {

// FNV-1a, 64 bits: the one hash slated uses to tell texts apart where the
// result must be stable across restarts and machines (entity tags,
// idempotency fingerprints, template digests). Not cryptographic: nothing
// it guards is chosen by an attacker who gains from a collision. Tokens are
// hashed with SHA-256 instead.
class Fnv1a {
public:
  // Add the bytes of `text`.
  Fnv1a& add(std::string_view text);
  // Add the bytes of `text` and then a separator, so that ("ab", "c") and
  // ("a", "bc") hash differently.
  Fnv1a& add_field(std::string_view text);

  std::uint64_t value() const { return m_hash; }
  // Return the value as 16 lower-case hexadecimal digits.
  std::string hex() const;

private:
  std::uint64_t m_hash = 14695981039346656037ULL;
};

// Return the FNV-1a hash of `text` as 16 hexadecimal digits.
std::string fnv1a_hex(std::string_view text);

} // namespace slate::util
