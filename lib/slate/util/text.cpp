#include <slate/util/text.hpp>

#include <algorithm>

namespace slate::util {
namespace {

char lower(char c) {
  return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
}

template <class Items> std::string join(const Items& items, std::string_view separator) {
  std::string out;
  bool first = true;
  for (const auto& item : items) {
    if (!first) {
      out += separator;
    }
    out += item;
    first = false;
  }
  return out;
}

} // namespace

std::string joined(const std::vector<std::string>& items, std::string_view separator) {
  return join(items, separator);
}

std::string joined(std::initializer_list<std::string_view> items, std::string_view separator) {
  return join(items, separator);
}

bool equal_ignoring_case(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](char x, char y) { return lower(x) == lower(y); });
}

bool contains_ignoring_case(const std::vector<std::string>& items, std::string_view item) {
  return std::any_of(items.begin(), items.end(),
                     [item](const std::string& x) { return equal_ignoring_case(x, item); });
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower);
  return out;
}

std::string shortened(std::string_view text, std::size_t max) {
  return text.size() > max ? std::string(text.substr(0, max)) + "..." : std::string(text);
}

std::string quoted(std::string_view text, std::size_t max) {
  return "'" + shortened(text, max) + "'";
}

} // namespace slate::util
