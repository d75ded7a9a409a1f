#pragma once
// Quoting a word for a POSIX shell, for commands aigw prints for the user to run.

#include <string>
#include <vector>

namespace aigw {

/// word as is when a shell reads it as itself (letters, digits and _ . / : = @ % + , -),
/// else in single quotes (a ' inside as '\''): `search-*` becomes `'search-*'`.
[[nodiscard]] std::string shell_quote(const std::string& word);

/// The words quoted and joined by spaces.
[[nodiscard]] std::string shell_command(const std::vector<std::string>& words);

} // namespace aigw
