#pragma once
// The one place that knows which member of Resources holds which kind: walks a set of
// resources kind by kind (in all_kinds() order), so loops over "every resource" need not
// list the kinds again.

#include "model/resource_key.h"
#include "model/resources.h"

#include <utility>

namespace aigw::model {

/// Calls fn(resource) for every resource of r (a singleton only when set), kinds in
/// all_kinds() order.
template <class Fn> void for_each_resource(const Resources& r, Fn&& fn) {
  for (const auto& x : r.gateways) fn(x);
  for (const auto& x : r.datasets) fn(x);
  for (const auto& x : r.provider_configs) fn(x);
  for (const auto& x : r.routes) fn(x);
  if (r.spending_limit) fn(*r.spending_limit);
  if (r.auto_topup) fn(*r.auto_topup);
  for (const auto& x : r.custom_providers) fn(x);
}

/// Adds a resource of key.kind with `fields` to r (a singleton replaces r's), named by the
/// key (parts as in key_of). Members that are not fields (route elements, which a route
/// has instead of fields; secrets) stay empty.
void add_resource(Resources& r, const ResourceKey& key, Object fields);

/// How many resources of one kind r holds.
[[nodiscard]] std::size_t count_of(const Resources& r, ResourceKind kind);

/// Moves every resource of from to the end of into's lists (a singleton replaces into's).
void append_resources(Resources& into, Resources&& from);

} // namespace aigw::model
