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

/// The reads of one gateway's children: one slot per kind of gateway_child_kinds().
struct ChildReads {
  std::vector<std::optional<ApiResult<model::Resources>>> lists;
};

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

/// The gateway list, page by page: from the read already started for it, if any.
ApiResult<std::vector<model::Gateway>> list_gateway_pages(GatewayApi& api, const LiveQuery& query,
                                                          const GatewayApi::GatewayPageSink& on_page) {
  return query.gateway_list ? query.gateway_list->claim(on_page) : api.list_gateways_by_page(on_page);
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

  // Every read is a task of one pool: the gateway list and the billing singletons from the
  // start, and each gateway's child lists (one per kind) as soon as the page naming it arrives (not
  // after the last page: at 1,000 gateways that saves the serial wait for the list).
  std::optional<ApiResult<std::vector<model::Gateway>>> gateways;
  std::optional<ApiResult<std::optional<model::SpendingLimit>>> spending_limit;
  std::optional<ApiResult<std::optional<model::AutoTopup>>> auto_topup;
  std::optional<ApiResult<std::vector<model::CustomProvider>>> custom_providers;
  std::mutex mutex;
  std::map<std::string, ChildReads> reads; // node-based: a slot stays put while others are added
  TaskPool pool(query.concurrency);
  const auto read_children = [&](const std::string& id) {
    ChildReads* slot = nullptr;
    {
      const std::lock_guard lock(mutex);
      auto [it, added] = reads.try_emplace(id);
      if (!added) {
        return;
      }
      slot = &it->second;
      slot->lists.resize(gateway_child_kinds().size());
    }
    for (std::size_t k = 0; k < slot->lists.size(); ++k) {
      pool.add([&api, slot, id, k] {
        slot->lists[k].emplace(list_children(api, gateway_child_kinds()[k], id));
      });
    }
  };
  pool.add([&] {
    gateways.emplace(list_gateway_pages(api, query, [&](const std::vector<model::Gateway>& page) {
      for (const auto& g : page) {
        if (wants_children(g)) {
          read_children(g.id);
        }
      }
    }));
  });
  if (query.custom_providers) {
    pool.add([&] { custom_providers.emplace(api.list_custom_providers()); });
  }
  if (query.billing) {
    pool.add([&] { spending_limit.emplace(api.get_spending_limit()); });
    pool.add([&] { auto_topup.emplace(api.get_auto_topup()); });
  }
  pool.wait();
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
  // list_gateways_by_page that did not hand every page over.
  for (const auto& id : live.children_read) {
    read_children(id);
  }
  pool.wait();
  std::optional<ApiError> error;
  for (const auto& id : live.children_read) {
    for (auto& list : reads.at(id).lists) {
      take(list, live.resources, error);
    }
  }
  if (error) {
    return *error;
  }
  return live;
}

} // namespace aigw::engine
