#include "engine/apply_route.h"

#include "engine/apply_recovery.h"
#include "engine/normalize.h"

#include <set>

namespace aigw::engine {

namespace {

std::set<std::string> version_ids(const std::vector<model::RouteVersion>& versions) {
  std::set<std::string> ids;
  for (const auto& v : versions) {
    ids.insert(v.version_id);
  }
  return ids;
}

/// The versions in `after` whose id is not in `before`; with several, the one holding the
/// desired elements. nullopt when no such version can be told apart.
std::optional<std::string> find_new_version(const std::set<std::string>& before,
                                            const std::vector<model::RouteVersion>& after,
                                            const std::vector<model::RouteElement>& desired) {
  std::vector<const model::RouteVersion*> added;
  for (const auto& v : after) {
    if (before.count(v.version_id) == 0) {
      added.push_back(&v);
    }
  }
  if (added.size() == 1) {
    return added.front()->version_id;
  }
  for (const auto* v : added) {
    if (elements_equal(v->elements, desired)) {
      return v->version_id;
    }
  }
  return std::nullopt;
}

ApiStatus deploy(GatewayApi& api, const Change& change, const std::string& version_id) {
  return send_idempotent<Unit>([&] {
    return api.create_route_deployment(change.gateway_id, change.server_id, version_id);
  });
}

} // namespace

// The create-version response does not reliably carry the new version's id, so the new
// version is found by difference: list before, POST, list after. A lost POST response is
// resolved by the same after-list: a new version with the desired elements means it landed.
ApiResult<std::string> deploy_new_version(GatewayApi& api, const Change& change) {
  auto before = api.list_route_versions(change.gateway_id, change.server_id);
  if (!before) {
    return before.error();
  }
  const auto known = version_ids(*before);
  std::optional<std::string> version_id;
  for (int attempt = 0; attempt < 2 && !version_id; ++attempt) {
    auto posted = api.create_route_version(change.gateway_id, change.server_id, change.elements);
    if (!posted && !is_outcome_unknown(posted.error())) {
      return posted.error();
    }
    auto after = api.list_route_versions(change.gateway_id, change.server_id);
    if (!after) {
      return after.error();
    }
    version_id = find_new_version(known, *after, change.elements);
    if (!version_id && posted.ok()) {
      return apply_error("created a version of " + change.address() +
                         " but the versions list does not show it");
    }
  }
  if (!version_id) {
    return apply_error("could not create a version of " + change.address() +
                       ": the response was lost twice");
  }
  if (auto deployed = deploy(api, change, *version_id); !deployed) {
    return deployed.error();
  }
  return "deployed new version " + *version_id;
}

ApiResult<std::string> redeploy_version(GatewayApi& api, const Change& change) {
  if (auto deployed = deploy(api, change, change.version_id); !deployed) {
    return deployed.error();
  }
  return "redeployed version " + change.version_id;
}

} // namespace aigw::engine
