#pragma once
// Did-you-mean: the nearest candidate to a misspelt key or value.

#include <span>
#include <string>
#include <string_view>

namespace aigw::config {

/// Levenshtein distance between two strings (case-sensitive).
[[nodiscard]] std::size_t edit_distance(std::string_view a, std::string_view b);

/// The candidate closest to word, or "" when none is close enough to be a plausible typo
/// (distance at most a third of the word's length, and at least 1 allowed).
[[nodiscard]] std::string nearest(std::string_view word,
                                  std::span<const std::string_view> candidates);

} // namespace aigw::config
