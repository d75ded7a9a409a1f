#include "engine/live_state.h"

#include "engine/run_parallel.h"
#include "engine/targeting.h"

#include <algorithm>
#include <optional>
#include <set>

namespace aigw::engine {
namespace {

/// The reads of one gateway's children, each landing in its own slot.
struct ChildReads {
  std::optional<ApiResult<std::vector<model::Dataset>>> datasets;
  std::optional<ApiResult<std::vector<model::ProviderConfig>>> provider_configs;
  std::optional<ApiResult<std::vector<model::Route>>> routes;
};

/// Moves a successful read's items into out, or records the first error.
/// Children are stamped with the gateway they were listed under.
template <class T>
void take(std::optional<ApiResult<std::vector<T>>>& read, const std::string& gateway_id,
          std::vector<T>& out, std::optional<ApiError>& error) {
  if (!read || error) {
    return;
  }
  if (!read->ok()) {
    error = read->error();
    return;
  }
  for (auto& item : read->value()) {
    item.gateway_id = gateway_id;
    out.push_back(std::move(item));
  }
}

} // namespace

bool is_default_gateway(const model::Gateway& gateway) {
  auto it = gateway.fields.find("is_default");
  return it != gateway.fields.end() && it->second.is_bool() && it->second.as_bool();
}

LiveQuery query_for(const model::Desired& desired, bool prune) {
  LiveQuery query;
  std::set<std::string> seen;
  for (const auto& gateway : desired.resources.gateways) {
    if (seen.insert(gateway.id).second) {
      query.gateway_ids.push_back(gateway.id);
    }
  }
  query.billing = desired.billing_declared;
  query.children_in_scope = prune || desired.prune;
  query.scope = desired.scope;
  return query;
}

ApiResult<LiveState> read_live(GatewayApi& api, const LiveQuery& query) {
  // Phase 1: the gateway list and the billing singletons are independent of each other.
  std::optional<ApiResult<std::vector<model::Gateway>>> gateways;
  std::optional<ApiResult<std::optional<model::SpendingLimit>>> spending_limit;
  std::optional<ApiResult<std::optional<model::AutoTopup>>> auto_topup;
  run_parallel(query.billing ? 3 : 1, query.concurrency, [&](std::size_t i) {
    switch (i) {
    case 0: gateways.emplace(api.list_gateways()); break;
    case 1: spending_limit.emplace(api.get_spending_limit()); break;
    default: auto_topup.emplace(api.get_auto_topup()); break;
    }
  });
  if (!gateways->ok()) {
    return gateways->error();
  }
  LiveState live;
  live.resources.gateways = std::move(gateways->value());
  std::erase_if(live.resources.gateways, [&](const model::Gateway& g) {
    return !is_targeted(query.targets, g.id);
  });
  if (query.billing) {
    if (!spending_limit->ok()) {
      return spending_limit->error();
    }
    if (!auto_topup->ok()) {
      return auto_topup->error();
    }
    live.resources.spending_limit = std::move(spending_limit->value());
    live.resources.auto_topup = std::move(auto_topup->value());
    live.billing_read = true;
  }

  // Phase 2: three lists per queried gateway that exists; only those, since a gateway that
  // does not exist has no children and an undeclared one is never pruned child by child.
  // With prune, the in-scope gateways prune may delete are read too, after the declared ones.
  std::set<std::string> existing;
  for (const auto& g : live.resources.gateways) {
    existing.insert(g.id);
  }
  std::set<std::string> taken;
  for (const auto& id : query.gateway_ids) {
    if (existing.contains(id) && taken.insert(id).second) {
      live.children_read.push_back(id);
    }
  }
  for (const auto& g : live.resources.gateways) {
    if (query.children_in_scope && model::in_scope(query.scope, g.id) && !is_default_gateway(g) &&
        taken.insert(g.id).second) {
      live.children_read.push_back(g.id);
    }
  }
  std::vector<ChildReads> reads(live.children_read.size());
  run_parallel(reads.size() * 3, query.concurrency, [&](std::size_t i) {
    const std::string& id = live.children_read[i / 3];
    ChildReads& slot = reads[i / 3];
    switch (i % 3) {
    case 0: slot.datasets.emplace(api.list_datasets(id)); break;
    case 1: slot.provider_configs.emplace(api.list_provider_configs(id)); break;
    default: slot.routes.emplace(api.list_routes(id)); break;
    }
  });
  std::optional<ApiError> error;
  for (std::size_t g = 0; g < reads.size(); ++g) {
    const std::string& id = live.children_read[g];
    take(reads[g].datasets, id, live.resources.datasets, error);
    take(reads[g].provider_configs, id, live.resources.provider_configs, error);
    take(reads[g].routes, id, live.resources.routes, error);
  }
  if (error) {
    return *error;
  }
  return live;
}

} // namespace aigw::engine
