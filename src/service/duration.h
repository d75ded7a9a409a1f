#pragma once
// Parsing the reconcile interval: "30s", "5m", "1h" (and "1h30m", "500ms").

#include "util/result.h"

#include <chrono>
#include <string_view>

namespace aigw::service {

/// A positive duration from units ms, s, m, h (one or more, largest first: "1h30m").
/// Errors name the text and what is accepted.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

} // namespace aigw::service
