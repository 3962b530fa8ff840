#include <common/token_file.hpp>

#include <support/temp_dir.hpp>

#include <doctest/doctest.h>

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

using slate::daemon::new_token;
using slate::daemon::sha256_hex;
using slate::daemon::TokenBook;
using slate::daemon::valid_token_name;
using slate::test::TempDir;

namespace {

// Write `text` to `dir`/tokens with owner-only permissions and return its path.
std::filesystem::path
write_tokens(const TempDir& dir, const std::string& text,
             std::filesystem::perms perms = std::filesystem::perms::owner_read |
                                            std::filesystem::perms::owner_write) {
  const auto path = dir.path() / "tokens";
  std::ofstream(path) << text;
  std::filesystem::permissions(path, perms);
  return path;
}

std::string upper(std::string text) {
  for (auto& c : text) {
    if (c >= 'a' && c <= 'f') {
      c = static_cast<char>(c - 'a' + 'A');
    }
  }
  return text;
}

bool has_message(const slate::domain::Problems& problems, const std::string& text) {
  for (const auto& problem : problems) {
    if (problem.message.find(text) != std::string::npos) {
      return true;
    }
  }
  return false;
}

const std::string k_sha_empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

} // namespace

TEST_CASE("daemon::sha256_hex gives the FIPS 180-2 test vectors") {
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("") == k_sha_empty);
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("daemon::new_token is long, prefixed, URL-safe and new each time") {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    const std::string token = new_token();
    CAPTURE(token);
    CHECK(token.rfind("slt_", 0) == 0);
    CHECK(token.size() == 4 + 43); // 32 bytes in unpadded base64url
    CHECK(
        token.find_first_not_of("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_",
                                4) == std::string::npos);
    seen.insert(token);
  }
  CHECK(seen.size() == 100);
}

TEST_CASE("daemon::valid_token_name") {
  CHECK(valid_token_name("ops"));
  CHECK(valid_token_name("ci-bot_2.prod"));
  CHECK(valid_token_name(std::string(64, 'a')));
  CHECK_FALSE(valid_token_name(""));
  CHECK_FALSE(valid_token_name(std::string(65, 'a')));
  CHECK_FALSE(valid_token_name("with space"));
  CHECK_FALSE(valid_token_name("ops/1"));
  CHECK_FALSE(valid_token_name("é"));
}

TEST_CASE("daemon::TokenBook reads names and digests, comments and blank lines") {
  TempDir dir;
  const std::string ops = new_token();
  const std::string ci = new_token();
  const auto path = write_tokens(dir, "# tokens for slated\n"
                                      "\n"
                                      "ops " +
                                          sha256_hex(ops) +
                                          "\n"
                                          "   \t\n"
                                          "ci-bot.2\t" +
                                          upper(sha256_hex(ci)) + "   # uppercase is fine\r\n");
  const auto book = TokenBook::read(path);
  REQUIRE(book.ok());
  CHECK(book->size() == 2);
  CHECK(book->warnings().empty());
  CHECK(book->entries()[0].name == "ops");
  CHECK(book->entries()[0].line == 3);
  CHECK(book->entries()[1].name == "ci-bot.2");
  CHECK(book->entries()[1].line == 5);

  SUBCASE("name_for gives the name of the right token") {
    CHECK(book->name_for(ops) == "ops");
    CHECK(book->name_for(ci) == "ci-bot.2");
  }
  SUBCASE("name_for refuses a wrong, empty or altered token") {
    CHECK(book->name_for(new_token()) == std::nullopt);
    CHECK(book->name_for("") == std::nullopt);
    CHECK(book->name_for(ops + " ") == std::nullopt);
    CHECK(book->name_for(ops.substr(0, ops.size() - 1)) == std::nullopt);
    CHECK(book->name_for(sha256_hex(ops)) == std::nullopt); // the digest is not the token
  }
}

TEST_CASE("daemon::TokenBook reports every bad line as FILE:LINE: why") {
  TempDir dir;
  const std::string hash = sha256_hex("a token");
  const auto path = write_tokens(dir, "ops " + hash +
                                          "\n"                    // 1: fine
                                          "lonely\n"              // 2
                                          "too many words here\n" // 3
                                          "bad/name " +
                                          sha256_hex("x") +
                                          "\n" // 4
                                          "short " +
                                          hash.substr(0, 63) +
                                          "\n" // 5
                                          "nothex " +
                                          std::string(63, 'a') +
                                          "g\n" // 6
                                          "ops " +
                                          sha256_hex("other") +
                                          "\n" // 7
                                          "copy " +
                                          hash +
                                          "\n" // 8
                                          "empty " +
                                          k_sha_empty +
                                          "\n"                         // 9
                                          "slt_pastedTheTokenItself\n" // 10
                                          + std::string(65, 'n') + " " + sha256_hex("y") + "\n");
  const auto book = TokenBook::read(path);
  REQUIRE_FALSE(book.ok());
  const std::string file = path.string();
  const auto& problems = book.problems();
  CHECK(problems.size() == 10);
  for (const auto& problem : problems) {
    CAPTURE(problem.message);
    CHECK(problem.message.rfind(file + ":", 0) == 0);
    CHECK(problem.code == "tokens_invalid");
    // No line quotes a digest back: it may be a pasted token.
    CHECK(problem.message.find(hash) == std::string::npos);
  }
  CHECK(has_message(problems, file + ":2: expected 'NAME SHA256HEX', found 1 word"));
  CHECK(has_message(problems, file + ":3: expected 'NAME SHA256HEX', found 4 words"));
  CHECK(has_message(problems, file + ":4: name 'bad/name' must be 1 to 64 characters"));
  CHECK(has_message(problems, file + ":5: short: the SHA-256 must be 64 hex digits, found 63"));
  CHECK(has_message(problems, file + ":6: nothex: the SHA-256 must be 64 hex digits (0-9, a-f)"));
  CHECK(has_message(problems, file + ":7: ops: named again; it was first listed on line 1"));
  CHECK(has_message(problems, file + ":8: copy: the same token as 'ops' on line 1"));
  CHECK(has_message(problems, file + ":9: empty: this is the SHA-256 of the empty string"));
  CHECK(has_message(problems, file + ":10: this looks like a token itself"));
  CHECK(has_message(problems, file + ":11: name '" + std::string(65, 'n') + "' must be"));
}

TEST_CASE("daemon::TokenBook refuses a file it cannot read") {
  TempDir dir;
  const auto missing = TokenBook::read(dir.path() / "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.problems().front().message ==
        (dir.path() / "nope").string() + ": cannot be read: No such file or directory");
  const auto directory = TokenBook::read(dir.path());
  REQUIRE_FALSE(directory.ok());
  CHECK(directory.problems().front().message.find("it is a directory") != std::string::npos);
}

TEST_CASE("daemon::TokenBook warns about loose permissions and an empty file, and reads them") {
  TempDir dir;
  using std::filesystem::perms;
  SUBCASE("readable by others") {
    const auto path = write_tokens(dir, "ops " + sha256_hex("t") + "\n",
                                   perms::owner_read | perms::owner_write | perms::group_read |
                                       perms::others_read);
    const auto book = TokenBook::read(path);
    REQUIRE(book.ok());
    CHECK(book->name_for("t") == "ops");
    REQUIRE(book->warnings().size() == 1);
    CHECK(book->warnings().front() ==
          "group or others may read or change it (mode 0644); run chmod 600 on it");
  }
  SUBCASE("no token at all") {
    const auto path = write_tokens(dir, "# nobody yet\n");
    const auto book = TokenBook::read(path);
    REQUIRE(book.ok());
    CHECK(book->empty());
    CHECK(book->name_for("anything") == std::nullopt);
    REQUIRE(book->warnings().size() == 1);
    CHECK(book->warnings().front().find("lists no token") != std::string::npos);
    CHECK(book->warnings().front().find("slatectl token new NAME") != std::string::npos);
  }
}

TEST_CASE("daemon::TokenBook default-constructed accepts nothing") {
  const TokenBook book;
  CHECK(book.empty());
  CHECK(book.name_for("slt_x") == std::nullopt);
  CHECK(book.name_for("") == std::nullopt);
}
