#pragma once
// A located message about the desired-state files: what validate prints and plan refuses on.

#include "model/value.h"

#include <string>
#include <vector>

namespace aigw::config {

/// One problem found in a file, with its 1-based line and column.
struct Diagnostic {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string severity = "error";
  /// False when the source line must not be echoed (it may hold a literal secret).
  bool show_source = true;
  /// "file:line:column: error: message", the form editors and CI annotate.
  [[nodiscard]] std::string to_string() const;
  /// {"file","line","column","severity","message"} for machine output.
  [[nodiscard]] model::Value to_value() const;
};

/// Sorts by file, then line, then column (stable for equal places).
void sort_diagnostics(std::vector<Diagnostic> &diagnostics);

} // namespace aigw::config
