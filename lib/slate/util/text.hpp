#pragma once

#include <cstddef>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

// Small text helpers every layer uses. Nothing here knows the domain.
namespace slate::util {

// Return `items` with `separator` between each two: {"a", "b"} -> "a, b".
std::string joined(const std::vector<std::string>& items, std::string_view separator = ", ");
std::string joined(std::initializer_list<std::string_view> items,
                   std::string_view separator = ", ");

// Return whether `a` and `b` are the same ignoring ASCII case (region ids,
// service ids, header names and HTTP tokens compare so; other bytes must
// be equal).
bool equal_ignoring_case(std::string_view a, std::string_view b);

// Return whether `items` holds `item`, ignoring ASCII case.
bool contains_ignoring_case(const std::vector<std::string>& items, std::string_view item);

// Return `text` with ASCII letters in lower case; other bytes unchanged.
std::string lowercase(std::string_view text);

// Return `text` cut to `max` bytes, with "..." after a cut: client text is
// echoed in messages and logs, and must stay short enough to read.
std::string shortened(std::string_view text, std::size_t max = 64);

// Return shortened(`text`, `max`) in single quotes: 'abc', 'abcd...'.
std::string quoted(std::string_view text, std::size_t max = 64);

} // namespace slate::util
