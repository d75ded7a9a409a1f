#pragma once
// Reading live state through the GatewayApi with the minimum of requests.

#include "engine/gateway_api.h"
#include "engine/gateway_list_prefetch.h"
#include "model/resources.h"

#include <memory>
#include <string>
#include <vector>

namespace aigw::engine {

/// What to read: always the gateway list; the children (datasets, provider configs,
/// routes) of the named gateways that exist live; billing singletons when asked.
struct LiveQuery {
  std::vector<std::string> gateway_ids; ///< gateways whose children to list
  bool billing = false;
  int concurrency = 8; ///< independent reads in flight at once
  /// Prune: also list the children of every live gateway these globs match (empty: all)
  /// that prune may delete (not the one marked is_default), since deleting a gateway
  /// deletes its children and the plan must show them.
  bool children_in_scope = false;
  std::vector<std::string> scope{};
  /// --gateway: keep only live gateways matching one of these globs (empty: all), so
  /// nothing else is read, planned or pruned.
  std::vector<std::string> targets{};
  /// The account's custom providers (Desired::custom_providers_declared).
  bool custom_providers = false;
  /// The gateway list, already started on the same client (while the configuration
  /// loaded): claimed instead of listing again. Null: read_live lists the gateways.
  std::shared_ptr<GatewayListPrefetch> gateway_list{};
};

/// The live state that was read, and what was read (for fingerprints and pruning).
struct LiveState {
  model::Resources resources;
  /// Gateway ids whose children were listed (a subset of LiveQuery::gateway_ids: those
  /// that exist live).
  std::vector<std::string> children_read;
  bool billing_read = false;
  bool custom_providers_read = false;
};

/// The query a desired state needs: its declared gateways, billing when declared, and with
/// prune (`prune` or Desired::prune) the children of every gateway in scope.
LiveQuery query_for(const model::Desired& desired, bool prune = false);

/// True when the API marks this live gateway as the account's default (never pruned).
[[nodiscard]] bool is_default_gateway(const model::Gateway& gateway);

/// Reads live state: 1 paged gateway list, then 3 paged lists per queried gateway that
/// exists, then the 2 billing GETs when asked; independent reads run concurrently.
ApiResult<LiveState> read_live(GatewayApi& api, const LiveQuery& query);

} // namespace aigw::engine
