#pragma once
// The billing part of the diff: the spending limit and auto top-up singletons.

#include "engine/change.h"
#include "engine/live_state.h"
#include "model/resources.h"

#include <vector>

namespace aigw::engine {

/// Billing changes, only when billing is declared: a declared singleton absent live is
/// created, one that differs is updated (both POST); an explicit null, or with prune an
/// undeclared singleton, present live is removed. Every change has billing = true.
[[nodiscard]] std::vector<Change> compute_billing_diff(const model::Desired& desired,
                                                       const LiveState& live, bool prune);

} // namespace aigw::engine
