#pragma once

#include <slate/domain/problem.hpp>

#include <array>
#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slate::daemon {

// The API tokens slated accepts for writes, read from a file of lines
// "NAME SHA256HEX" ('#' starts a comment; blank lines are ignored). The file
// holds only the SHA-256 of each token, so reading it does not reveal one.
class TokenBook {
public:
  // One accepted token: the name writes are recorded under, and the
  // SHA-256 digest of the token.
  struct Entry {
    std::string name;
    std::array<unsigned char, 32> digest{};
    int line = 0;
  };

  // An empty book: it accepts no token.
  TokenBook() = default;

  // Return the tokens listed in `path`, or every problem found, each
  // message "FILE:LINE: why" ("FILE: why" when the file cannot be read).
  // A name given twice, or two names for one token, are refused. A file
  // that group or others may read or write is accepted, with a warning.
  static domain::Result<TokenBook> read(const std::filesystem::path& path);

  // Return the name of the entry whose digest is the SHA-256 of `token`, or
  // std::nullopt if there is none (always for an empty `token`). Every
  // entry is compared, in constant time, whichever matches.
  std::optional<std::string> name_for(std::string_view token) const;

  // Return the things worth telling the operator that did not prevent
  // reading the file (loose permissions, no token at all), one sentence each
  // about the file, without its name: "group or others may read or change
  // it (mode 0644); run chmod 600 on it".
  const std::vector<std::string>& warnings() const { return m_warnings; }

  // Return the entries in file order.
  const std::vector<Entry>& entries() const { return m_entries; }
  std::size_t size() const { return m_entries.size(); }
  bool empty() const { return m_entries.empty(); }

private:
  std::vector<Entry> m_entries;
  std::vector<std::string> m_warnings;
};

// Return whether `name` can name a token: 1 to 64 characters of A-Z a-z
// 0-9 . _ -.
bool valid_token_name(std::string_view name);

// Return the SHA-256 digest of `data` as 64 lowercase hex digits. Throws
// std::runtime_error if OpenSSL fails.
std::string sha256_hex(std::string_view data);

// Return a new random API token: "slt_" followed by 32 bytes from the
// system's cryptographic generator (OpenSSL RAND_bytes) in unpadded
// base64url (43 characters). Throws std::runtime_error if the generator
// cannot give them.
std::string new_token();

} // namespace slate::daemon
