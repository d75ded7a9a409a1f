#include "engine/live_state.h"

#include "engine/child_lists.h"
#include "engine/targeting.h"
#include "engine/task_pool.h"
#include "model/resource_walk.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <optional>
#include <set>

namespace aigw::engine {
namespace {

/// Moves a successful read's items into out, or records the first error.
void take(std::optional<ApiResult<model::Resources>>& read, model::Resources& out,
          std::optional<ApiError>& error) {
  if (!read || error) {
    return;
  }
  if (!read->ok()) {
    error = read->error();
    return;
  }
  model::append_resources(out, std::move(read->value()));
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
  query.custom_providers = desired.custom_providers_declared;
  query.children_in_scope = prune || desired.prune;
  query.scope = desired.scope;
  return query;
}

ApiResult<LiveState> read_live(GatewayApi& api, const LiveQuery& query) {
  // Which live gateways' children to list: the declared ones that exist, and with prune
  // the in-scope ones prune may delete; an undeclared gateway is never pruned child by
  // child, and one that does not exist has no children.
  const std::set<std::string> declared(query.gateway_ids.begin(), query.gateway_ids.end());
  const auto wants_children = [&](const model::Gateway& g) {
    return is_targeted(query.targets, g.id) &&
           (declared.contains(g.id) || (query.children_in_scope && model::in_scope(query.scope, g.id) &&
                                        !is_default_gateway(g)));
  };

  // The gateway list with the child lists it leads to (each gateway's started as soon as
  // the page naming it arrives), beside the account-level reads.
  std::optional<GatewayTree> tree;
  std::optional<ApiResult<std::optional<model::SpendingLimit>>> spending_limit;
  std::optional<ApiResult<std::optional<model::AutoTopup>>> auto_topup;
  std::optional<ApiResult<std::vector<model::CustomProvider>>> custom_providers;
  TaskPool pool(1 + (query.custom_providers ? 1 : 0) + (query.billing ? 2 : 0));
  pool.add([&] {
    GatewayApi::GatewayListSource list;
    if (query.gateway_list) {
      list = [&](const GatewayApi::GatewayPageSink& on_page) {
        return query.gateway_list->claim(on_page);
      };
    }
    tree.emplace(api.read_gateway_tree(wants_children, query.concurrency, list));
  });
  if (query.custom_providers) {
    pool.add([&] { custom_providers.emplace(api.list_custom_providers()); });
  }
  if (query.billing) {
    pool.add([&] { spending_limit.emplace(api.get_spending_limit()); });
    pool.add([&] { auto_topup.emplace(api.get_auto_topup()); });
  }
  pool.wait();
  auto& gateways = tree->gateways;
  auto& reads = tree->children;
  if (!gateways.ok()) {
    return gateways.error();
  }
  LiveState live;
  live.resources.gateways = std::move(gateways.value());
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
  if (query.custom_providers) {
    if (!custom_providers->ok()) {
      return custom_providers->error();
    }
    live.resources.custom_providers = std::move(custom_providers->value());
    live.custom_providers_read = true;
  }

  // The order children are reported in: declared gateways first, then the ones prune may
  // delete, as the list gave them.
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
    if (wants_children(g) && taken.insert(g.id).second) {
      live.children_read.push_back(g.id);
    }
  }
  // Every one of them was started from its page; this only guards an implementation of
  // the tree read that did not hand every page over.
  for (const auto& id : live.children_read) {
    auto [it, added] = reads.try_emplace(id);
    if (added) {
      for (const auto kind : gateway_child_kinds()) {
        it->second.emplace_back(list_children(api, kind, id));
      }
    }
  }
  std::optional<ApiError> error;
  for (const auto& id : live.children_read) {
    for (auto& list : reads.at(id)) {
      take(list, live.resources, error);
    }
  }
  if (error) {
    return *error;
  }
  return live;
}

} // namespace aigw::engine
