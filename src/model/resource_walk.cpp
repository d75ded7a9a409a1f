#include "model/resource_walk.h"


#include <iterator>

namespace aigw::model {
namespace {

template <class T> void move_all(std::vector<T>& into, std::vector<T>& from) {
  into.insert(into.end(), std::make_move_iterator(from.begin()),
              std::make_move_iterator(from.end()));
}

template <class T> void move_set(std::optional<T>& into, std::optional<T>& from) {
  if (from) {
    into = std::move(from);
  }
}

} // namespace

void add_resource(Resources& r, const ResourceKey& key, Object fields) {
  const auto part = [&key](std::size_t i) { return i < key.parts.size() ? key.parts[i] : ""; };
  switch (key.kind) {
  case ResourceKind::gateway: r.gateways.push_back({key.gateway_id, std::move(fields), {}}); return;
  case ResourceKind::dataset:
    r.datasets.push_back({key.gateway_id, part(0), "", std::move(fields), {}});
    return;
  case ResourceKind::provider_config:
    r.provider_configs.push_back(
        {key.gateway_id, part(0), part(1), "", std::move(fields), {}, "", {}});
    return;
  case ResourceKind::route: r.routes.push_back({key.gateway_id, part(0), "", {}, "", {}}); return;
  case ResourceKind::spending_limit: r.spending_limit = SpendingLimit{std::move(fields), {}}; return;
  case ResourceKind::auto_topup: r.auto_topup = AutoTopup{std::move(fields), {}}; return;
  case ResourceKind::custom_provider:
    r.custom_providers.push_back({part(0), "", std::move(fields), {}, "", {}});
    return;
  }
}

std::size_t count_of(const Resources& r, ResourceKind kind) {
  std::size_t n = 0;
  for_each_resource(r, [&](const auto& resource) { n += key_of(resource).kind == kind ? 1 : 0; });
  return n;
}

void append_resources(Resources& into, Resources&& from) {
  move_all(into.gateways, from.gateways);
  move_all(into.datasets, from.datasets);
  move_all(into.provider_configs, from.provider_configs);
  move_all(into.routes, from.routes);
  move_set(into.spending_limit, from.spending_limit);
  move_set(into.auto_topup, from.auto_topup);
  move_all(into.custom_providers, from.custom_providers);
}

} // namespace aigw::model
