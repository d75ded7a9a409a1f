#include "engine/child_lists.h"

#include "model/kind_spec.h"

namespace aigw::engine {
namespace {

/// Stamps a successful list with the gateway it was listed under and moves it into out.
template <class T>
ApiResult<model::Resources> into(ApiResult<std::vector<T>> read, const std::string& gateway_id,
                                 std::vector<T> model::Resources::*list) {
  if (!read) {
    return read.error();
  }
  model::Resources out;
  for (auto& item : read.value()) {
    item.gateway_id = gateway_id;
  }
  out.*list = std::move(read.value());
  return out;
}

} // namespace

const std::vector<model::ResourceKind>& gateway_child_kinds() {
  static const std::vector<model::ResourceKind> k_kinds = [] {
    std::vector<model::ResourceKind> out;
    for (const auto& spec : model::all_kinds()) {
      if (spec.parent == model::Parent::gateway) {
        out.push_back(spec.kind);
      }
    }
    return out;
  }();
  return k_kinds;
}

ApiResult<model::Resources> list_children(GatewayApi& api, model::ResourceKind kind,
                                          const std::string& gateway_id) {
  using model::ResourceKind;
  switch (kind) {
  case ResourceKind::dataset:
    return into(api.list_datasets(gateway_id), gateway_id, &model::Resources::datasets);
  case ResourceKind::provider_config:
    return into(api.list_provider_configs(gateway_id), gateway_id,
                &model::Resources::provider_configs);
  case ResourceKind::route:
    return into(api.list_routes(gateway_id), gateway_id, &model::Resources::routes);
  case ResourceKind::gateway:
  case ResourceKind::spending_limit:
  case ResourceKind::auto_topup:
  case ResourceKind::custom_provider: break;
  }
  ApiError error;
  error.kind = ApiError::Kind::config;
  error.message = std::string(model::resource_kind_name(kind)) + " is not listed per gateway";
  return error;
}

} // namespace aigw::engine
