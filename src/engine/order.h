#pragma once
// Ordering: one declared dependency table turns the unordered changes of a diff into a DAG
// (depends_on) and a deterministic order in which every change follows its dependencies.

#include "engine/change.h"

#include <vector>

namespace aigw::engine {

/// Returns the changes sorted for display and execution, with depends_on filled (indices
/// into the returned vector). Rules (see k_dependency_rules in order.cpp): a gateway's
/// create comes before its follow-up update and before every change to its children;
/// every child write also follows its gateway's update; every child delete comes before its
/// gateway's delete, except a cascade delete, which comes after it.
[[nodiscard]] std::vector<Change> order_changes(std::vector<Change> changes);

} // namespace aigw::engine
