#pragma once
// The billing part of the diff: the spending limit and auto top-up singletons.

#include "engine/change.h"
#include "engine/live_state.h"
#include "engine/plan.h"
#include "model/resources.h"

#include <vector>

namespace aigw::engine {

/// The billing changes, and the live singletons left alone.
struct BillingDiff {
  std::vector<Change> changes; ///< every one has billing = true
  std::vector<NotManaged> not_managed;
};

/// Billing changes, only when billing is declared: a declared singleton absent live is
/// created, one that differs is updated (both POST); one declared as an explicit null and
/// present live is removed. Billing singletons are account-wide, so one the files do not
/// declare is unmanaged, prune or not (listed in not_managed).
[[nodiscard]] BillingDiff compute_billing_diff(const model::Desired& desired,
                                               const LiveState& live);

} // namespace aigw::engine
