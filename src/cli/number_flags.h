#pragma once
// Checks of numeric flags whose messages say in words what was expected
// ("--parallelism: must be a whole number from 1 to 64, got 'abc'"), where CLI11's own
// range checks print "not in range 1.000000 to 1000000000.000000", call a word out of range
// and print a 300-digit bound for "at least 0".

#include <CLI/CLI.hpp>

#include <optional>

namespace aigw::cli {

/// A whole number from min to max (no upper bound without max).
[[nodiscard]] CLI::Validator whole_number(long long min, std::optional<long long> max = {});
/// A number, decimals allowed, from min to max.
[[nodiscard]] CLI::Validator number_between(double min, double max);

} // namespace aigw::cli
