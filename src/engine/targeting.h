#pragma once
// --gateway GLOB (Terraform's -target): restrict a plan or apply to the gateways whose id
// matches one of the globs, and their children. Account-level resources (billing) are left
// out of such a run, and the plan says so.

#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::engine {

/// True when id matches one of the target globs, or there are none (no restriction).
[[nodiscard]] bool is_targeted(const std::vector<std::string>& targets, const std::string& id);

/// The desired state cut down to the targeted gateways and their children; billing is not
/// managed in a targeted run. Unchanged when targets is empty.
[[nodiscard]] model::Desired restrict_to_targets(model::Desired desired,
                                                 const std::vector<std::string>& targets);

/// The plan warning of a targeted run: which globs, and what was left out.
[[nodiscard]] std::string targeting_warning(const std::vector<std::string>& targets);

} // namespace aigw::engine
