#pragma once
// RFC 3339 timestamps as the API takes them in queries (`start_date`, `end_date`): a date
// (`2026-01-31`) or a date-time with an optional fraction and a zone (`Z` or `+01:00`).

#include <cstdint>
#include <optional>
#include <string_view>

namespace aigw::emulator {

/// Milliseconds since the Unix epoch, or nullopt when `text` is not such a timestamp.
std::optional<std::int64_t> parse_timestamp_ms(std::string_view text);

} // namespace aigw::emulator
