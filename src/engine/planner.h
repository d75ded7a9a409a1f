#pragma once
// build_plan: desired + live -> an ordered, checked Plan. Pure: no I/O.

#include "engine/live_state.h"
#include "engine/plan_error.h"
#include "engine/plan.h"
#include "model/resources.h"
#include "util/result.h"

#include <cstddef>
#include <string>
#include <vector>

namespace aigw::engine {

struct PlanOptions {
  bool prune = false; ///< --prune (Desired::prune also enables it)
  bool force = false; ///< --force: allow a plan past the delete threshold
  /// Refuse when deletes exceed this share of existing managed resources...
  double max_delete_ratio = 0.25;
  /// ...provided at least this many exist.
  std::size_t min_resources_for_threshold = 8;
  /// Fingerprint every object the plan depends on: only a plan that is saved (or checked
  /// against a saved one) needs them, and they are half the cost of a large plan.
  bool fingerprints = true;
};

/// Computes the changes, orders them (parents first for creates, children first for
/// deletes), fills fingerprints and the safety check. Plan::read_* record the query.
Result<Plan, PlanError> build_plan(const model::Desired& desired, const LiveState& live,
                                   const PlanOptions& options);

} // namespace aigw::engine
