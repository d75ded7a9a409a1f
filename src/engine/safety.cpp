#include "engine/safety.h"

#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "model/resource_walk.h"

#include <cmath>
#include <map>
#include <string>

namespace aigw::engine {
namespace {

/// A replace deletes the live object before it creates the new one.
bool deletes_live_object(const Change& change) {
  return change.kind == ChangeKind::remove || change.kind == ChangeKind::replace;
}

bool creates_object(const Change& change) {
  return change.kind == ChangeKind::create || change.kind == ChangeKind::replace;
}

} // namespace

std::size_t count_managed(const model::Desired& desired, const LiveState& live) {
  // Every live object of a kind the configuration manages; `scope` selects gateways (their
  // children were read only for gateways that matter).
  std::size_t count = 0;
  model::for_each_resource(live.resources, [&](const auto& resource) {
    const auto key = model::key_of(resource);
    const bool out_of_scope = key.kind == model::ResourceKind::gateway &&
                              !model::in_scope(desired.scope, key.gateway_id);
    count += model::is_declared(desired, model::kind_spec(key.kind)) && !out_of_scope ? 1 : 0;
  });
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
    if (deletes_live_object(change)) {
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

std::optional<PlanError> check_every_gateway_deleted(const std::vector<Change>& changes,
                                                     const model::Desired& desired,
                                                     const LiveState& live,
                                                     const PlanOptions& options) {
  std::size_t deletable = 0;
  for (const auto& g : live.resources.gateways) {
    deletable += model::in_scope(desired.scope, g.id) && !is_default_gateway(g) ? 1 : 0;
  }
  std::vector<std::string> deletes;
  for (const auto& change : changes) {
    if (change.kind == ChangeKind::remove && change.resource == model::ResourceKind::gateway) {
      deletes.push_back(change.address());
    }
  }
  if (options.force || deletes.empty() || deletes.size() < deletable) {
    return std::nullopt;
  }
  return PlanError{"refusing to delete every managed gateway in scope (" +
                       std::to_string(deletes.size()) +
                       "); check `scope`, `prune` and the files read, or pass --force",
                   std::move(deletes)};
}

std::optional<PlanError> check_protected(const std::vector<Change>& changes,
                                         const model::Desired& desired) {
  std::map<model::ResourceKey, model::Origin> protected_at;
  model::for_each_resource(desired.resources, [&](const auto& resource) {
    if constexpr (requires { resource.protect; }) {
      if (resource.protect) {
        protected_at.emplace(model::key_of(resource), resource.origin);
      }
    }
  });
  std::vector<std::string> details;
  for (const auto& change : changes) {
    if (!deletes_live_object(change)) {
      continue;
    }
    if (auto it = protected_at.find(change.resource_key()); it != protected_at.end()) {
      const std::string where = it->second.empty() ? "" : it->second.to_string() + ": ";
      details.push_back(where + change.address() + " has `protect: true`");
    }
  }
  if (details.empty()) {
    return std::nullopt;
  }
  return PlanError{"refusing a plan that deletes protected resources (`protect: true`; --force "
                   "does not override it)",
                   std::move(details)};
}

std::vector<RequiredVariable> required_variables(const Plan& plan) {
  std::map<std::string, bool> found;
  for (const auto& change : plan.changes) {
    if (creates_object(change) && !change.secret_env.empty()) {
      found[change.secret_env] = change.secret.has_value() && !change.secret->empty();
    }
    for (const auto& name : change.credential_env) {
      found.emplace(name, true);
    }
    for (const auto& name : change.unset_env) {
      found[name] = false;
    }
  }
  std::vector<RequiredVariable> out;
  for (const auto& [name, set] : found) {
    out.push_back({name, set});
  }
  return out;
}

std::optional<PlanError> check_secrets_available(const Plan& plan) {
  std::vector<std::string> details;
  for (const auto& change : plan.changes) {
    const bool missing = !change.secret || change.secret->empty();
    if (creates_object(change) && !change.secret_env.empty() && missing) {
      details.push_back(change.address() + " needs `" + change.secret_env + "`");
    }
    for (const auto& name : change.unset_env) {
      details.push_back(change.address() + " needs `" + name + "` (otel or stripe credentials)");
    }
  }
  if (details.empty()) {
    return std::nullopt;
  }
  return PlanError{"cannot apply: environment variables for the secrets this plan sends are "
                   "not set (or empty); nothing was changed",
                   std::move(details)};
}

} // namespace aigw::engine
