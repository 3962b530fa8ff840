#include <slate/api/content_coding.hpp>

#include <slate/util/text.hpp>

#include <brotli/encode.h>
#include <zlib.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace slate::api {
namespace {

// Weights in thousandths, as a qvalue has at most three decimals.
constexpr int k_full_weight = 1000;

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) {
    text.remove_suffix(1);
  }
  return text;
}

// Read a qvalue (RFC 9110 section 12.4.2): "0", "0.5", "1", "1.000".
std::optional<int> read_qvalue(std::string_view text) {
  if (text.empty() || (text[0] != '0' && text[0] != '1')) {
    return std::nullopt;
  }
  int weight = (text[0] - '0') * k_full_weight;
  if (text.size() == 1) {
    return weight;
  }
  if (text[1] != '.' || text.size() > 5) {
    return std::nullopt;
  }
  int scale = k_full_weight / 10;
  for (const char c : text.substr(2)) {
    if (c < '0' || c > '9') {
      return std::nullopt;
    }
    weight += (c - '0') * scale;
    scale /= 10;
  }
  return weight <= k_full_weight ? std::optional<int>(weight) : std::nullopt;
}

// The weights one Accept-Encoding list gives; unset when not named.
struct Weights {
  std::optional<int> identity;
  std::optional<int> gzip;
  std::optional<int> brotli;
  std::optional<int> any;

  // Name `coding` with `weight`; the highest weight wins when it is named
  // twice.
  void set(std::string_view coding, int weight) {
    std::optional<int>* slot = nullptr;
    if (util::equal_ignoring_case(coding, "gzip") || util::equal_ignoring_case(coding, "x-gzip")) {
      slot = &gzip;
    } else if (util::equal_ignoring_case(coding, "br")) {
      slot = &brotli;
    } else if (util::equal_ignoring_case(coding, "identity")) {
      slot = &identity;
    } else if (coding == "*") {
      slot = &any;
    }
    if (slot != nullptr) {
      *slot = std::max(slot->value_or(0), weight);
    }
  }

  // Read one element: `coding *( OWS ";" OWS parameter )`.
  void read_element(std::string_view element) {
    const std::size_t semicolon = element.find(';');
    const std::string_view coding = trimmed(element.substr(0, semicolon));
    if (coding.empty()) {
      return;
    }
    int weight = k_full_weight;
    std::string_view rest =
        semicolon == std::string_view::npos ? std::string_view{} : element.substr(semicolon + 1);
    while (!rest.empty()) {
      const std::size_t next = rest.find(';');
      const std::string_view parameter = trimmed(rest.substr(0, next));
      rest = next == std::string_view::npos ? std::string_view{} : rest.substr(next + 1);
      const std::size_t equals = parameter.find('=');
      if (equals == std::string_view::npos) {
        return; // malformed
      }
      if (util::equal_ignoring_case(trimmed(parameter.substr(0, equals)), "q")) {
        const auto q = read_qvalue(trimmed(parameter.substr(equals + 1)));
        if (!q) {
          return; // malformed: as if not named
        }
        weight = *q;
      }
    }
    set(coding, weight);
  }

  // The weight of a compressed coding named `named`, or through "*".
  int of(const std::optional<int>& named) const { return named.value_or(any.value_or(0)); }
};

} // namespace

std::string_view coding_name(ContentCoding coding) {
  switch (coding) {
  case ContentCoding::gzip:
    return "gzip";
  case ContentCoding::brotli:
    return "br";
  case ContentCoding::identity:
    break;
  }
  return "identity";
}

ContentCoding choose_coding(const Fields& headers, AvailableCodings available) {
  Weights weights;
  bool present = false;
  for (const auto& [name, value] : headers) {
    if (!util::equal_ignoring_case(name, "Accept-Encoding")) {
      continue;
    }
    present = true;
    std::string_view list = value;
    while (true) {
      const std::size_t comma = list.find(',');
      weights.read_element(list.substr(0, comma));
      if (comma == std::string_view::npos) {
        break;
      }
      list.remove_prefix(comma + 1);
    }
  }
  if (!present) {
    return ContentCoding::identity;
  }
  // Identity not named is acceptable but least preferred: any acceptable
  // compressed coding goes before it.
  const int identity = weights.identity.value_or(weights.any.value_or(1));
  ContentCoding best = ContentCoding::identity;
  int best_weight = 0;
  if (available.brotli && weights.of(weights.brotli) > best_weight) {
    best = ContentCoding::brotli;
    best_weight = weights.of(weights.brotli);
  }
  if (available.gzip && weights.of(weights.gzip) > best_weight) {
    best = ContentCoding::gzip;
    best_weight = weights.of(weights.gzip);
  }
  if (best_weight == 0 || (weights.identity && identity > best_weight)) {
    return ContentCoding::identity;
  }
  return best;
}

std::string gzip_compress(std::string_view body) {
  z_stream stream{};
  // 15 window bits, plus 16 for a gzip header and trailer, not zlib's.
  constexpr int k_gzip_window = 15 + 16;
  if (deflateInit2(&stream, Z_BEST_COMPRESSION, Z_DEFLATED, k_gzip_window, 9, Z_DEFAULT_STRATEGY) !=
      Z_OK) {
    throw std::runtime_error("gzip: cannot initialise zlib");
  }
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  // zlib's interface is not const-correct; it does not write to its input.
  // NOLINTNEXTLINE(cppcoreguidelines-pro-type-const-cast)
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) {
    throw std::runtime_error("gzip: compression did not finish");
  }
  return out;
}

std::string brotli_compress(std::string_view body) {
  // Compressed on the HTTP thread when a document is rendered: quality 11
  // takes ~4 ms for the 5 KB status document but ~40 ms for the 32 KB feed,
  // quality 5 about 1 ms for the feed (1.4 KB against 1.1 KB; gzip: 1.8 KB).
  constexpr std::size_t k_highest_quality_up_to = 16u << 10;
  const int quality = body.size() <= k_highest_quality_up_to ? BROTLI_MAX_QUALITY : 5;
  std::size_t size = BrotliEncoderMaxCompressedSize(body.size());
  if (size == 0) {
    throw std::runtime_error("brotli: the document is too large");
  }
  std::string out(size, '\0');
  if (BrotliEncoderCompress(quality, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_TEXT, body.size(),
                            reinterpret_cast<const std::uint8_t*>(body.data()), &size,
                            reinterpret_cast<std::uint8_t*>(out.data())) == BROTLI_FALSE) {
    throw std::runtime_error("brotli: compression failed");
  }
  out.resize(size);
  return out;
}

} // namespace slate::api
