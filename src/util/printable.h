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

/// True when text holds a control character: C0, DEL, or a C1 control in UTF-8.
[[nodiscard]] bool has_control_character(std::string_view text);

/// True when text holds `\xHH` or `\uHHHH` (H a hex digit): how aigw shows a character it
/// escaped.
[[nodiscard]] bool has_escape_sequence(std::string_view text);

/// A name from the API made printable and unambiguous. A name with a control character, or
/// one that already holds an escape sequence, is written with every control character
/// escaped and every backslash as `\x5c`; any other name is returned as it is. Distinct
/// names stay distinct, and an escaped one always holds an escape sequence, which the
/// configuration refuses in a name: it can never match a declared one.
[[nodiscard]] std::string escaped_name(std::string name);

/// Cuts text to at most max_bytes (never inside a UTF-8 sequence) and says how much was cut.
[[nodiscard]] std::string truncate_text(std::string_view text, std::size_t max_bytes);

/// Redacts registered secrets, then escapes control characters, then truncates. The order
/// matters: a secret cut in half by truncation could no longer be found and masked.
[[nodiscard]] std::string printable(std::string_view text,
                                    std::size_t max_bytes = k_max_message_bytes);

} // namespace aigw
