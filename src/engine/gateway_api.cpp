#include "engine/gateway_api.h"

#include "engine/child_lists.h"
#include "engine/task_pool.h"

#include <mutex>

namespace aigw::engine {

GatewayTree GatewayApi::read_gateway_tree(const WantsChildren& wants_children, int concurrency,
                                          const GatewayListSource& list) {
  GatewayTree tree;
  std::mutex mutex; // guards tree.children's shape; each slot is written by its own task
  TaskPool pool(concurrency);
  pool.add([&] {
    const GatewayPageSink on_page = [&](const std::vector<model::Gateway>& page) {
      for (const auto& g : page) {
        if (!wants_children(g)) {
          continue;
        }
        ChildReads* slot = nullptr;
        {
          const std::lock_guard lock(mutex);
          auto [it, added] = tree.children.try_emplace(g.id);
          if (!added) {
            continue;
          }
          slot = &it->second; // node-based: stays put while others are added
          slot->resize(gateway_child_kinds().size());
        }
        for (std::size_t k = 0; k < slot->size(); ++k) {
          pool.add([this, slot, id = g.id, k] {
            (*slot)[k].emplace(list_children(*this, gateway_child_kinds()[k], id));
          });
        }
      }
    };
    tree.gateways = list ? list(on_page) : list_gateways_by_page(on_page);
  });
  pool.wait();
  return tree;
}

ApiResult<std::vector<model::Gateway>>
GatewayApi::list_gateways_by_page(const GatewayPageSink& on_page) {
  auto gateways = list_gateways();
  if (gateways) {
    on_page(*gateways);
  }
  return gateways;
}

ApiResult<std::uint64_t> GatewayApi::count_logs(const LogCountQuery& query) {
  ApiError error;
  error.kind = ApiError::Kind::config;
  error.method = "GET";
  error.path = "gateways/" + query.gateway_id + "/logs";
  error.message = "this API client cannot read logs";
  return error;
}

namespace {

ApiError no_custom_providers(std::string method) {
  ApiError error;
  error.kind = ApiError::Kind::config;
  error.method = std::move(method);
  error.path = "custom-providers";
  error.message = "this API client cannot manage custom providers";
  return error;
}

} // namespace

ApiResult<std::vector<model::CustomProvider>> GatewayApi::list_custom_providers() {
  return no_custom_providers("GET");
}

ApiResult<model::CustomProvider> GatewayApi::create_custom_provider(const model::CustomProvider&) {
  return no_custom_providers("POST");
}

ApiStatus GatewayApi::delete_custom_provider(const std::string&) {
  return no_custom_providers("DELETE");
}

} // namespace aigw::engine
