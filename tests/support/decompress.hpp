#pragma once

// Decoders for the compressed copies the render cache makes, independent of
// the code that makes them: zlib's inflate and libbrotlidec. Header-only, so
// that only the test programs that include it link the two libraries.

#include <brotli/decode.h>
#include <zlib.h>

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace slate::test {

// Return the bytes of the gzip member `data`, or std::nullopt if it is not
// one (or has bytes after it).
inline std::optional<std::string> gunzip(std::string_view data) {
  z_stream stream{};
  if (inflateInit2(&stream, 15 + 16) != Z_OK) { // 16: a gzip header, not zlib's
    return std::nullopt;
  }
  std::string out;
  std::array<char, 16384> chunk{};
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  int result = Z_OK;
  while (result == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(chunk.data());
    stream.avail_out = static_cast<uInt>(chunk.size());
    result = inflate(&stream, Z_NO_FLUSH);
    out.append(chunk.data(), chunk.size() - stream.avail_out);
  }
  const bool whole = result == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  return whole ? std::optional<std::string>(out) : std::nullopt;
}

// Return the bytes of the brotli stream `data`, or std::nullopt if it is not
// one.
inline std::optional<std::string> unbrotli(std::string_view data) {
  BrotliDecoderState* state = BrotliDecoderCreateInstance(nullptr, nullptr, nullptr);
  if (state == nullptr) {
    return std::nullopt;
  }
  std::string out;
  std::array<std::uint8_t, 16384> chunk{};
  const auto* next_in = reinterpret_cast<const std::uint8_t*>(data.data());
  std::size_t available_in = data.size();
  BrotliDecoderResult result = BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT;
  while (result == BROTLI_DECODER_RESULT_NEEDS_MORE_OUTPUT) {
    std::uint8_t* next_out = chunk.data();
    std::size_t available_out = chunk.size();
    result = BrotliDecoderDecompressStream(state, &available_in, &next_in, &available_out,
                                           &next_out, nullptr);
    out.append(reinterpret_cast<const char*>(chunk.data()), chunk.size() - available_out);
  }
  BrotliDecoderDestroyInstance(state);
  const bool whole = result == BROTLI_DECODER_RESULT_SUCCESS && available_in == 0;
  return whole ? std::optional<std::string>(out) : std::nullopt;
}

} // namespace slate::test
