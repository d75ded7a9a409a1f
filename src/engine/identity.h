#pragma once
// Live objects must be unique by the identity aigw matches them on (gateway id, dataset
// and route name, provider slug + alias); otherwise a plan could change the wrong one.

#include "engine/plan_error.h"
#include "model/resources.h"

#include <optional>

namespace aigw::engine {

/// A PlanError naming every pair of live objects that share an identity, with both server
/// ids; nullopt when every identity is unique.
[[nodiscard]] std::optional<PlanError> check_live_identities(const model::Resources& live);

} // namespace aigw::engine
