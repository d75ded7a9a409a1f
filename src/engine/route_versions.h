#pragma once
// Rollback without clutter: a changed route whose desired elements match an existing
// version redeploys that version instead of adding a new one.

#include "engine/gateway_api.h"
#include "engine/plan.h"

namespace aigw::engine {

/// For each deploy_new_version change, lists the route's versions (one GET per changed
/// route, concurrently; unchanged routes cost nothing) and turns the change into
/// redeploy_version when some version has exactly the desired elements (up to order).
ApiStatus resolve_route_versions(GatewayApi& api, Plan& plan, int concurrency);

} // namespace aigw::engine
