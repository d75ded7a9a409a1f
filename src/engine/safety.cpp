#include "engine/safety.h"

#include <cmath>
#include <string>

namespace aigw::engine {

std::size_t count_managed(const model::Desired& desired, const LiveState& live) {
  const auto& r = live.resources;
  std::size_t count = 0;
  for (const auto& g : r.gateways) {
    count += model::in_scope(desired.scope, g.id) ? 1 : 0;
  }
  count += r.datasets.size() + r.provider_configs.size() + r.routes.size();
  if (desired.billing_declared) {
    count += (r.spending_limit ? 1 : 0) + (r.auto_topup ? 1 : 0);
  }
  return count;
}

bool exceeds_delete_threshold(std::size_t deletes, std::size_t existing,
                              const PlanOptions& options) {
  return existing >= options.min_resources_for_threshold &&
         static_cast<double>(deletes) > options.max_delete_ratio * static_cast<double>(existing);
}

std::optional<PlanError> check_delete_threshold(const std::vector<Change>& changes,
                                                std::size_t existing, const PlanOptions& options) {
  std::vector<std::string> deletes;
  for (const auto& change : changes) {
    if (change.kind == ChangeKind::remove) {
      deletes.push_back(change.address());
    }
  }
  if (options.force || !exceeds_delete_threshold(deletes.size(), existing, options)) {
    return std::nullopt;
  }
  const auto percent = static_cast<long>(std::lround(options.max_delete_ratio * 100));
  return PlanError{"refusing to delete " + std::to_string(deletes.size()) + " of " +
                       std::to_string(existing) + " managed resources (more than " +
                       std::to_string(percent) + "%); check `scope` and `prune`, or pass --force",
                   std::move(deletes)};
}

} // namespace aigw::engine
