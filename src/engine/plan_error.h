#pragma once
// PlanError: why no plan could be made (duplicate live identities, unsafe mass delete, ...).

#include <string>
#include <vector>

namespace aigw::engine {

/// A refusal to plan, with one line per offending object in details.
struct PlanError {
  std::string message;
  std::vector<std::string> details;

  /// The message followed by each detail on its own indented line.
  [[nodiscard]] std::string to_string() const;
};

} // namespace aigw::engine
