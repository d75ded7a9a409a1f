#include "cli/number_flags.h"

#include <charconv>
#include <cmath>
#include <sstream>
#include <string>

namespace aigw::cli {
namespace {

/// A bound as a person writes it: 1000000000, not 1000000000.000000; 0.5 stays 0.5.
std::string bound_text(double value) {
  std::ostringstream out;
  out.precision(15);
  out << value;
  return out.str();
}

/// True when all of text is a number (from_chars: no leading "+", no spaces).
template <class T> bool parse_all(const std::string& text, T& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end;
}

/// A validator whose message is "must be EXPECTED, got 'TEXT'" (CLI11 puts the flag first);
/// `range` is what the help shows after the type ("INT:[1 - 64]").
CLI::Validator checked(std::function<bool(const std::string&)> ok, const std::string& expected,
                       const std::string& range) {
  return CLI::Validator(
      [ok = std::move(ok), expected](std::string& text) -> std::string {
        return ok(text) ? std::string() : "must be " + expected + ", got '" + text + "'";
      },
      range, "");
}

} // namespace

CLI::Validator whole_number(long long min, std::optional<long long> max) {
  const std::string expected =
      "a whole number " + (max ? "from " + std::to_string(min) + " to " + std::to_string(*max)
                               : "of at least " + std::to_string(min));
  return checked(
      [min, max](const std::string& text) {
        long long value = 0;
        return parse_all(text, value) && value >= min && (!max || value <= *max);
      },
      expected,
      max ? "[" + std::to_string(min) + " - " + std::to_string(*max) + "]"
          : ">= " + std::to_string(min));
}

CLI::Validator number_between(double min, double max) {
  return checked(
      [min, max](const std::string& text) {
        double value = 0;
        return parse_all(text, value) && std::isfinite(value) && value >= min && value <= max;
      },
      "a number from " + bound_text(min) + " to " + bound_text(max),
      "[" + bound_text(min) + " - " + bound_text(max) + "]");
}

} // namespace aigw::cli
