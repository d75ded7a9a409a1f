#pragma once
// Parsing request bodies as strictly as the real API: a JSON text whose objects repeat a key
// (`{"id":"a","id":"b"}`) or whose numbers do not fit a double (`1e400`) is refused, because
// Boost.JSON would silently keep the last key or an infinity that no JSON writer can emit.

#include <boost/json/value.hpp>

#include <string>
#include <string_view>
#include <variant>

namespace aigw::emulator {

/// Why a text is not strict JSON: a syntax error or one of the two checks above.
struct StrictJsonError {
  bool syntax = true; ///< false: well-formed, but a repeated key or a non-finite number
  std::string message;
};

/// Parses `text` (nesting at most 64 deep); an error says what is wrong and where.
std::variant<boost::json::value, StrictJsonError> parse_strict_json(std::string_view text);

/// True when every number in `value` is finite (so serialising it gives valid JSON).
[[nodiscard]] bool has_only_finite_numbers(const boost::json::value& value);

} // namespace aigw::emulator
