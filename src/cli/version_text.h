#pragma once
// What `aigw --version` prints.

#include <string>

namespace aigw::cli {

/// "aigw VERSION (commit HASH)" and a line naming the libraries it was built with.
[[nodiscard]] std::string version_text();

} // namespace aigw::cli
