#include "cli/version_text.h"

namespace aigw::cli {

extern const char* const k_git_commit; // generated: cmake/git_commit.cmake

std::string version_text() {
  return std::string("aigw ") + AIGW_VERSION + " (commit " + k_git_commit + ")\nbuilt with " +
         AIGW_LIBRARY_VERSIONS;
}

} // namespace aigw::cli
