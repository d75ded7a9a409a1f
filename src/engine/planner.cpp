#include "engine/planner.h"

#include "engine/diff.h"
#include "engine/fingerprint.h"
#include "engine/identity.h"
#include "engine/order.h"
#include "engine/safety.h"

#include <algorithm>
#include <set>
#include <string>

namespace aigw::engine {
namespace {

/// Declared gateways must lie in scope, and those that exist live must have had their
/// children read: planning them blind would create children that already exist.
std::optional<PlanError> check_coverage(const model::Desired& desired, const LiveState& live) {
  PlanError error{"the configuration and the live state read do not line up", {}};
  std::set<std::string> existing;
  for (const auto& g : live.resources.gateways) {
    existing.insert(g.id);
  }
  const std::set<std::string> read(live.children_read.begin(), live.children_read.end());
  for (const auto& gateway : desired.resources.gateways) {
    if (!model::in_scope(desired.scope, gateway.id)) {
      error.details.push_back("gateway " + gateway.id + " is declared but outside `scope`");
      continue;
    }
    if (existing.contains(gateway.id) && !read.contains(gateway.id)) {
      error.details.push_back("gateway " + gateway.id + " exists but its children were not read");
    }
  }
  if (desired.billing_declared && !live.billing_read) {
    error.details.push_back("billing is declared but was not read");
  }
  if (desired.custom_providers_declared && !live.custom_providers_read) {
    error.details.push_back("custom providers are declared but were not read");
  }
  if (error.details.empty()) {
    return std::nullopt;
  }
  return error;
}

} // namespace

Result<Plan, PlanError> build_plan(const model::Desired& desired, const LiveState& live,
                                   const PlanOptions& options) {
  if (auto error = check_live_identities(live.resources)) {
    return *error;
  }
  if (auto error = check_coverage(desired, live)) {
    return *error;
  }
  const bool prune = desired.prune || options.prune;
  auto diff = compute_diff(desired, live, prune);
  if (auto error = check_protected(diff.changes, desired)) {
    return *error;
  }
  if (auto error = check_every_gateway_deleted(diff.changes, desired, live, options)) {
    return *error;
  }
  if (auto error = check_delete_threshold(diff.changes, count_managed(desired, live), options)) {
    return *error;
  }
  Plan plan;
  plan.account_id = desired.account_id;
  plan.changes = order_changes(std::move(diff.changes));
  plan.warnings = std::move(diff.warnings);
  plan.not_managed = std::move(diff.not_managed);
  if (options.fingerprints) {
    plan.fingerprints = fingerprints_for(desired, live);
  }
  // A saved plan re-reads what this one read: the declared gateways and, with prune, the
  // gateways whose children it deletes with them.
  const LiveQuery query = query_for(desired);
  plan.read_gateways = query.gateway_ids;
  for (const auto& id : live.children_read) {
    if (std::find(plan.read_gateways.begin(), plan.read_gateways.end(), id) ==
        plan.read_gateways.end()) {
      plan.read_gateways.push_back(id);
    }
  }
  plan.read_billing = query.billing;
  return plan;
}

} // namespace aigw::engine
