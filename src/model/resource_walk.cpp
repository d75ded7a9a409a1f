#include "model/resource_walk.h"

#include "model/resource_key.h"

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
