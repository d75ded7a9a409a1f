#include "engine/route_versions.h"

#include "engine/normalize.h"
#include "engine/run_parallel.h"

#include <optional>
#include <vector>

namespace aigw::engine {

ApiStatus resolve_route_versions(GatewayApi& api, Plan& plan, int concurrency) {
  std::vector<Change*> routes;
  for (auto& change : plan.changes) {
    if (change.kind == ChangeKind::deploy_new_version) {
      routes.push_back(&change);
    }
  }
  std::vector<std::optional<ApiResult<std::vector<model::RouteVersion>>>> versions(routes.size());
  run_parallel(routes.size(), concurrency, [&](std::size_t i) {
    versions[i].emplace(api.list_route_versions(routes[i]->gateway_id, routes[i]->server_id));
  });
  for (std::size_t i = 0; i < routes.size(); ++i) {
    if (!versions[i]->ok()) {
      return versions[i]->error();
    }
    // The newest matching version wins: lists are oldest first.
    const auto& list = versions[i]->value();
    for (auto it = list.rbegin(); it != list.rend(); ++it) {
      if (elements_equal(it->elements, routes[i]->elements)) {
        routes[i]->kind = ChangeKind::redeploy_version;
        routes[i]->version_id = it->version_id;
        break;
      }
    }
  }
  return Unit{};
}

} // namespace aigw::engine
