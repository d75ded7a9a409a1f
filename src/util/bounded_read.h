#pragma once
// Reading a whole file the user named, with a size cap: only regular files are read (a
// device such as /dev/zero, a FIFO or a directory would never end or block forever), and
// never more than the cap, even when the file grows while it is read.

#include "util/result.h"

#include <cstddef>
#include <string>

namespace aigw {

/// The text of the regular file at path, or why not: "not a regular file (a character
/// device)", "larger than the limit of 16 MiB (N bytes)", or the system's reason.
/// Messages do not name the file: the caller adds what it was reading.
[[nodiscard]] Result<std::string> read_bounded_file(const std::string& path, std::size_t max_bytes);

/// "16 MiB", "512 KiB" or "100 bytes": a limit as a person reads it.
[[nodiscard]] std::string byte_size_text(std::size_t bytes);

} // namespace aigw
