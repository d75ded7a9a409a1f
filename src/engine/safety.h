#pragma once
// The safety check: a plan that would delete too large a share of what exists is refused
// unless forced, so a wrong scope or a truncated config cannot wipe an account.

#include "engine/change.h"
#include "engine/live_state.h"
#include "engine/planner.h"

#include <cstddef>
#include <optional>
#include <vector>

namespace aigw::engine {

/// Managed resources that exist live: in-scope gateways, the children that were read,
/// and the billing singletons when billing is declared.
[[nodiscard]] std::size_t count_managed(const model::Desired& desired, const LiveState& live);

/// True when `deletes` of `existing` crosses the threshold of `options` (force ignored).
[[nodiscard]] bool exceeds_delete_threshold(std::size_t deletes, std::size_t existing,
                                            const PlanOptions& options);

/// A PlanError listing the deletes when they cross the threshold and force is off.
[[nodiscard]] std::optional<PlanError> check_delete_threshold(const std::vector<Change>& changes,
                                                              std::size_t existing,
                                                              const PlanOptions& options);

} // namespace aigw::engine
