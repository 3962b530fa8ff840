#include <common/token_file.hpp>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

namespace slate::daemon {
namespace {

using Digest = std::array<unsigned char, 32>;

constexpr std::size_t k_max_name = 64;
constexpr std::string_view k_token_prefix = "slt_";

Digest sha256(std::string_view data) {
  Digest digest{};
  unsigned int length = 0;
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1 ||
      length != digest.size()) {
    throw std::runtime_error("OpenSSL cannot compute a SHA-256 digest");
  }
  return digest;
}

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

} // namespace

bool valid_token_name(std::string_view name) {
  if (name.empty() || name.size() > k_max_name) {
    return false;
  }
  for (const char c : name) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '.' || c == '_' || c == '-';
    if (!ok) {
      return false;
    }
  }
  return true;
}

namespace {

// Why `hex` is not a SHA-256 digest, or an empty string if it is one. The
// field is not quoted back: an operator may have pasted the token itself.
std::string hex_problem(std::string_view hex) {
  if (hex.size() != 64) {
    return "the SHA-256 must be 64 hex digits, found " + std::to_string(hex.size()) + " characters";
  }
  for (const char c : hex) {
    if (hex_value(c) < 0) {
      return "the SHA-256 must be 64 hex digits (0-9, a-f), found another character";
    }
  }
  return {};
}

Digest parse_digest(std::string_view hex) {
  Digest digest{};
  for (std::size_t i = 0; i < digest.size(); ++i) {
    digest[i] = static_cast<unsigned char>(hex_value(hex[2 * i]) * 16 + hex_value(hex[2 * i + 1]));
  }
  return digest;
}

std::vector<std::string> words_of(std::string_view line) {
  std::vector<std::string> words;
  std::istringstream in{std::string(line)};
  for (std::string word; in >> word;) {
    words.push_back(word);
  }
  return words;
}

domain::Problem problem(const std::string& here, const std::string& why) {
  return {domain::Code::tokens_invalid, "", here + ": " + why};
}

std::string octal_mode(std::filesystem::perms perms) {
  std::ostringstream out;
  out << std::oct << (static_cast<unsigned>(perms) & 0777U);
  std::string text = out.str();
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

} // namespace

domain::Result<TokenBook> TokenBook::read(const std::filesystem::path& path) {
  const std::string where = path.string();
  std::error_code error;
  if (std::filesystem::is_directory(path, error)) {
    return problem(where, "cannot be read: it is a directory");
  }
  std::ifstream file(path);
  if (!file) {
    return problem(where, std::string("cannot be read: ") + std::strerror(errno));
  }

  TokenBook book;
  domain::Problems problems;
  std::map<std::string, int, std::less<>> line_of_name;
  std::map<Digest, std::pair<std::string, int>> owner_of_digest;
  std::string raw;
  for (int number = 1; std::getline(file, raw); ++number) {
    const std::string here = where + ":" + std::to_string(number);
    const auto words = words_of(std::string_view(raw).substr(0, raw.find('#')));
    if (words.empty()) {
      continue;
    }
    if (words.size() != 2) {
      if (words.size() == 1 && words.front().rfind(k_token_prefix, 0) == 0) {
        problems.push_back(problem(
            here, "this looks like a token itself; write 'NAME SHA256HEX' with the token's "
                  "SHA-256 (slatectl token new prints the line), and keep the token secret"));
      } else {
        problems.push_back(problem(here, "expected 'NAME SHA256HEX', found " +
                                             std::to_string(words.size()) +
                                             (words.size() == 1 ? " word" : " words")));
      }
      continue;
    }
    const std::string& name = words[0];
    const std::string& hex = words[1];
    bool line_ok = true;
    if (!valid_token_name(name)) {
      problems.push_back(
          problem(here, "name '" + name + "' must be 1 to 64 characters of A-Z a-z 0-9 . _ -"));
      line_ok = false;
    }
    if (const auto why = hex_problem(hex); !why.empty()) {
      problems.push_back(problem(here, name + ": " + why));
      line_ok = false;
    }
    if (!line_ok) {
      continue;
    }
    const Digest digest = parse_digest(hex);
    if (digest == sha256("")) {
      problems.push_back(
          problem(here, name + ": this is the SHA-256 of the empty string, not of a token"));
      continue;
    }
    if (const auto [it, inserted] = line_of_name.emplace(name, number); !inserted) {
      problems.push_back(problem(here, name + ": named again; it was first listed on line " +
                                           std::to_string(it->second)));
      continue;
    }
    if (const auto [it, inserted] = owner_of_digest.emplace(digest, std::pair{name, number});
        !inserted) {
      problems.push_back(problem(here, name + ": the same token as '" + it->second.first +
                                           "' on line " + std::to_string(it->second.second) +
                                           "; give each name its own token"));
      continue;
    }
    book.m_entries.push_back(Entry{name, digest, number});
  }
  if (file.bad()) {
    problems.push_back(problem(where, std::string("cannot be read: ") + std::strerror(errno)));
  }
  if (!problems.empty()) {
    return problems;
  }

  using std::filesystem::perms;
  const auto mode = std::filesystem::status(path, error).permissions();
  const auto loose =
      perms::group_read | perms::group_write | perms::others_read | perms::others_write;
  if (!error && (mode & loose) != perms::none) {
    book.m_warnings.push_back("group or others may read or change it (mode " + octal_mode(mode) +
                              "); run chmod 600 on it");
  }
  if (book.m_entries.empty()) {
    book.m_warnings.push_back(
        "it lists no token; every write will be refused until you add one: run 'slatectl "
        "token new NAME', append the second line it prints to this file, and reload "
        "(systemctl reload slated, or SIGHUP)");
  }
  return book;
}

std::optional<std::string> TokenBook::name_for(std::string_view token) const {
  if (token.empty()) {
    return std::nullopt;
  }
  const Digest presented = sha256(token);
  // No early exit and no branch on a comparison: how long this takes says
  // nothing about which entry, if any, matched. read() refuses two names for
  // one digest, so at most one entry matches.
  constexpr std::size_t none = static_cast<std::size_t>(-1);
  std::size_t found = none;
  for (std::size_t i = 0; i < m_entries.size(); ++i) {
    const bool equal =
        CRYPTO_memcmp(presented.data(), m_entries[i].digest.data(), presented.size()) == 0;
    const std::size_t mask = std::size_t{0} - static_cast<std::size_t>(equal);
    found = (found & ~mask) | (i & mask);
  }
  if (found == none) {
    return std::nullopt;
  }
  return m_entries[found].name;
}

std::string sha256_hex(std::string_view data) {
  constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : sha256(data)) {
    hex += k_digits[byte >> 4];
    hex += k_digits[byte & 0x0F];
  }
  return hex;
}

std::string new_token() {
  std::array<unsigned char, 32> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("the system's random generator cannot give a new token");
  }
  constexpr char k_alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string token(k_token_prefix);
  // Unpadded base64url, six bits at a time.
  unsigned int buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      token += k_alphabet[(buffer >> bits) & 0x3FU];
    }
  }
  if (bits > 0) {
    token += k_alphabet[(buffer << (6 - bits)) & 0x3FU];
  }
  return token;
}

} // namespace slate::daemon
