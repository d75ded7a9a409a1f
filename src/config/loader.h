#pragma once
// Loading the desired state: files and directories of YAML to a validated model::Desired,
// with every problem as a located Diagnostic.

#include "config/diagnostic.h"
#include "model/resources.h"
#include "model/source_file.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aigw::config {

/// One desired-state file as read: its path and its text.
using SourceFile = model::SourceFile;

/// The desired state and every problem found; desired is meaningful only when ok().
struct LoadResult {
  model::Desired desired;
  std::vector<Diagnostic> diagnostics; ///< sorted by file, line, column
  std::vector<std::string> files;      ///< the files read, in the order read
  std::vector<SourceFile> sources;     ///< every file read, in load order
  /// True when there is no error.
  [[nodiscard]] bool ok() const;
};

/// How to load.
struct LoadOptions {
  /// Lookup for ${NAME}; empty: read the process environment.
  std::function<std::optional<std::string>(const std::string &)> getenv;
};

/// Loads and validates files and directories (*.yaml, *.yml, recursively and sorted by path;
/// files and directories whose name starts with '.' are skipped). Never throws; never
/// calls the network.
LoadResult load_desired(const std::vector<std::string> &paths, const LoadOptions &options = {});

/// Loads and validates files already read (a saved plan's). Never throws, never reads a
/// file, never calls the network.
LoadResult load_desired_sources(const std::vector<SourceFile>& sources,
                                const LoadOptions& options = {});

/// The text of line `line` (1-based) of the source whose path is `file`, as it was loaded
/// (for printing the line and a caret under the column); "" when no source has that path
/// or the line does not exist. Never reads a file: a saved plan's sources show their own
/// lines, whatever a file of the same name says now.
std::string source_line(const std::vector<SourceFile> &sources, const std::string &file,
                        int line);

/// The paths `aigw validate` and `aigw plan` read without -f: "aigw.yaml" in dir when it
/// exists, else dir itself (its *.yaml and *.yml files).
std::vector<std::string> default_paths(const std::string &dir = ".");

/// Largest file accepted, in bytes; only regular files are read.
inline constexpr std::size_t k_max_file_bytes = 16 * 1024 * 1024;

} // namespace aigw::config
