#pragma once
// The safety check: a plan that would delete too large a share of what exists is refused
// unless forced, so a wrong scope or a truncated config cannot wipe an account.

#include "engine/change.h"
#include "engine/live_state.h"
#include "engine/plan.h"
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

/// Refuses, unless forced, a plan that deletes every in-scope gateway prune may delete
/// (all but the one marked is_default), however few there are.
[[nodiscard]] std::optional<PlanError> check_every_gateway_deleted(
    const std::vector<Change>& changes, const model::Desired& desired, const LiveState& live,
    const PlanOptions& options);

/// Refuses, forced or not, a plan that deletes a resource declared with `protect: true`;
/// each detail names where it was declared.
[[nodiscard]] std::optional<PlanError> check_protected(const std::vector<Change>& changes,
                                                       const model::Desired& desired);

/// The environment variables apply needs (sorted, unique), each with whether it is set
/// here: those of the secrets the plan creates (provider configs, custom provider headers)
/// and those of the gateway credentials its requests carry (otel, stripe).
struct RequiredVariable {
  std::string name;
  bool set = false;
};
[[nodiscard]] std::vector<RequiredVariable> required_variables(const Plan& plan);

/// Refuses to apply a plan that creates a provider config or custom provider whose secret
/// variable is unset (or empty) here, or that sends a gateway credential whose variable is
/// unset: the only place an unset secret is an error.
[[nodiscard]] std::optional<PlanError> check_secrets_available(const Plan& plan);

} // namespace aigw::engine
