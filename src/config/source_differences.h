#pragma once
// Whether two sets of desired-state files say the same (`apply PLANFILE -f DIR`: the plan's
// own sources against the merged files), and if not, which files differ.

#include "model/source_file.h"

#include <string>
#include <vector>

namespace aigw::config {

/// One line per difference between the files a plan was made from and the files read now:
/// "PATH differs", "PATH is in the plan but not in the files read now", "PATH is in the
/// files read now but not in the plan", "PATH differs from the plan's PATH". Files are
/// matched by path; then, for paths under another root (another checkout, `./c` for `c`),
/// by identical text, then by the longest shared path tail (the path relative to the
/// root); what is left is matched in load order when the counts agree. Empty: the same
/// texts, so the same desired state.
[[nodiscard]] std::vector<std::string>
source_differences(const std::vector<model::SourceFile>& planned,
                   const std::vector<model::SourceFile>& now);

} // namespace aigw::config
