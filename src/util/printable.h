#pragma once
// printable(): makes text that came from outside (a server's error message, a response
// excerpt) safe to show: secrets redacted first, then control characters escaped, then cut
// to a size, so a hostile or broken server can neither forge terminal output nor flood it.

#include <cstddef>
#include <string>
#include <string_view>

namespace aigw {

/// Longest server-originated message shown, in bytes, before "... (N more bytes)".
inline constexpr std::size_t k_max_message_bytes = 512;

/// Escapes C0 controls, DEL and C1 controls (U+0080..U+009F) as \xNN or \u00NN, so text
/// cannot move the cursor, clear the screen or hide a NUL.
[[nodiscard]] std::string escape_control_characters(std::string_view text);

/// Cuts text to at most max_bytes (never inside a UTF-8 sequence) and says how much was cut.
[[nodiscard]] std::string truncate_text(std::string_view text, std::size_t max_bytes);

/// Redacts registered secrets, then escapes control characters, then truncates. The order
/// matters: a secret cut in half by truncation could no longer be found and masked.
[[nodiscard]] std::string printable(std::string_view text,
                                    std::size_t max_bytes = k_max_message_bytes);

} // namespace aigw
