#pragma once
// The inside of a JSON string literal, for the JSON aigw writes by hand (log lines, error
// objects, canonical values).

#include <string>
#include <string_view>

namespace aigw {

/// in with quotes, backslashes and every control character (and DEL) escaped.
[[nodiscard]] std::string json_escape(std::string_view in);

} // namespace aigw
