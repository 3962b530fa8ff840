#include <slate/util/fnv1a.hpp>

namespace slate::util {
namespace {

constexpr std::uint64_t k_prime = 1099511628211ULL;

} // namespace

Fnv1a& Fnv1a::add(std::string_view text) {
  for (const char c : text) {
    m_hash ^= static_cast<unsigned char>(c);
    m_hash *= k_prime;
  }
  return *this;
}

Fnv1a& Fnv1a::add_field(std::string_view text) {
  add(text);
  // 0xff is not a byte of UTF-8 text, so no text can imitate the separator.
  m_hash ^= 0xffU;
  m_hash *= k_prime;
  return *this;
}

std::string Fnv1a::hex() const {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string out(16, '0');
  std::uint64_t value = m_hash;
  for (std::size_t i = 16; i-- > 0; value >>= 4) {
    out[i] = k_digits[value & 0xfU];
  }
  return out;
}

std::string fnv1a_hex(std::string_view text) {
  return Fnv1a().add(text).hex();
}

} // namespace slate::util
