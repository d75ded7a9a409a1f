// CloudflareGatewayApi::read_gateway_tree: the gateway list and its child lists as one
// ApiBatch, so the whole read runs on one thread over the pooled connections.

#include "cloudflare/api_batch.h"
#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/envelope.h"
#include "cloudflare/resource_codec.h"
#include "engine/child_lists.h"

#include <algorithm>
#include <memory>
#include <thread>
#include <utility>

namespace aigw::cloudflare {
namespace {

using engine::ApiError;
using engine::ApiResult;
using model::ResourceKind;

/// The pages of one list as they arrive (possibly out of order).
using Pages = std::vector<std::pair<int, model::Array>>;

/// Every page's items in page order.
model::Array in_page_order(Pages& pages) {
  if (pages.size() == 1) {
    return std::move(pages.front().second); // most lists are one page
  }
  std::sort(pages.begin(), pages.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  model::Array all;
  for (auto& page : pages) {
    std::move(page.second.begin(), page.second.end(), std::back_inserter(all));
  }
  return all;
}

/// Decodes list items into `list`, stamped with the gateway id.
template <class T, class Decode>
std::optional<ApiError> decode_into(model::Array items, const RequestInfo& info,
                                    const std::string& gateway_id, std::vector<T>& list,
                                    Decode decode) {
  list.reserve(items.size());
  for (auto& item : items) {
    auto decoded = decode(gateway_id, std::move(item));
    if (!decoded) {
      return make_api_error(ApiError::Kind::decode, info, decoded.error().message);
    }
    list.push_back(std::move(decoded).value());
    list.back().gateway_id = gateway_id;
  }
  return std::nullopt;
}

/// A gateway child list's items as a Resources holding only that kind.
ApiResult<model::Resources> child_resources(ResourceKind kind, const std::string& gateway_id,
                                            model::Array items, const RequestInfo& info) {
  model::Resources out;
  std::optional<ApiError> error;
  switch (kind) {
  case ResourceKind::dataset:
    error = decode_into(std::move(items), info, gateway_id, out.datasets, dataset_from_value);
    break;
  case ResourceKind::provider_config:
    error = decode_into(std::move(items), info, gateway_id, out.provider_configs, provider_config_from_value);
    break;
  case ResourceKind::route:
    error = decode_into(std::move(items), info, gateway_id, out.routes, route_from_value);
    break;
  case ResourceKind::gateway:
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:
  case ResourceKind::custom_provider:
    error = make_api_error(ApiError::Kind::config, info,
                           std::string(model::resource_kind_name(kind)) + " is not listed per gateway");
    break;
  }
  if (error) {
    return std::move(*error);
  }
  return out;
}

} // namespace

std::optional<CloudflareGatewayApi::ChildListCall>
CloudflareGatewayApi::child_list_call(ResourceKind kind, const std::string& gateway_id) const {
  const auto list = [&](const char* suffix, const char* endpoint, const char* data_key) {
    return ChildListCall{{"GET", gateway_path(gateway_id, suffix), endpoint, {}, {}}, data_key};
  };
  switch (kind) {
  case ResourceKind::dataset: return list("/datasets", "gateways/{id}/datasets", "");
  case ResourceKind::provider_config:
    return list("/provider_configs", "gateways/{id}/provider_configs", "");
  case ResourceKind::route: return list("/routes", "gateways/{id}/routes", "routes");
  case ResourceKind::gateway:
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:
  case ResourceKind::custom_provider: break;
  }
  return std::nullopt;
}

engine::GatewayTree CloudflareGatewayApi::read_gateway_tree(const WantsChildren& wants_children,
                                                            int /*concurrency*/,
                                                            const GatewayListSource& list) {
  engine::GatewayTree tree;
  ApiBatch batch(*m_transport);
  const auto& kinds = engine::gateway_child_kinds();

  // One child list: its pages are kept until the last, then decoded in page order into
  // the gateway's slot for that kind.
  const auto start_child_list = [&](ResourceKind kind, const std::string& gateway_id,
                                    std::optional<ApiResult<model::Resources>>& slot) {
    auto call = child_list_call(kind, gateway_id);
    if (!call) {
      slot.emplace(child_resources(kind, gateway_id, {}, {"GET", gateway_id}));
      return;
    }
    auto pages = std::make_shared<Pages>();
    const RequestInfo info{call->call.method, call->call.path};
    batch.add_list(
        std::move(call->call), std::move(call->data_key),
        [pages](int number, model::Array& items) {
          pages->emplace_back(number, std::move(items));
          return std::optional<ApiError>();
        },
        [pages, kind, gateway_id, info, &slot](Result<Unit, ApiError> listed) {
          if (!listed) {
            slot.emplace(std::move(listed).error());
            return;
          }
          slot.emplace(child_resources(kind, gateway_id, in_page_order(*pages), info));
        });
  };

  // A page of gateways starts the child lists of the wanted ones it names.
  const auto start_children = [&](const std::vector<model::Gateway>& page) {
    for (const auto& g : page) {
      if (!wants_children(g)) {
        continue;
      }
      auto [it, added] = tree.children.try_emplace(g.id);
      if (!added) {
        continue;
      }
      it->second.resize(kinds.size()); // node-based map: the slots stay put
      for (std::size_t k = 0; k < kinds.size(); ++k) {
        start_child_list(kinds[k], g.id, it->second[k]);
      }
    }
  };

  if (list) {
    // The list is already under way on another thread: its pages are handed to this
    // thread's batch as they arrive.
    std::optional<ApiResult<std::vector<model::Gateway>>> listed;
    batch.hold();
    std::jthread producer([&] {
      auto result = list([&](const std::vector<model::Gateway>& page) {
        batch.post([&start_children, page] { start_children(page); });
      });
      batch.post([&listed, result] { listed.emplace(result); });
      batch.release_hold();
    });
    batch.run();
    producer.join();
    tree.gateways = std::move(*listed);
    return tree;
  }

  const std::string p = path("/gateways");
  std::vector<std::pair<int, std::vector<model::Gateway>>> pages;
  batch.add_list(
      {"GET", p, "gateways", {}, {}}, "",
      [&](int number, model::Array& items) -> std::optional<ApiError> {
        std::vector<model::Gateway> page;
        page.reserve(items.size());
        for (auto& item : items) {
          auto decoded = gateway_from_value(std::move(item));
          if (!decoded) {
            return make_api_error(ApiError::Kind::decode, {"GET", p}, decoded.error().message);
          }
          page.push_back(std::move(decoded).value());
        }
        start_children(page);
        pages.emplace_back(number, std::move(page));
        return std::nullopt;
      },
      [&](Result<Unit, ApiError> listed) {
        if (!listed) {
          tree.gateways = std::move(listed).error();
        }
      });
  batch.run();
  if (tree.gateways.ok()) {
    std::sort(pages.begin(), pages.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    auto& all = tree.gateways.value();
    for (auto& page : pages) {
      std::move(page.second.begin(), page.second.end(), std::back_inserter(all));
    }
  }
  return tree;
}

} // namespace aigw::cloudflare
