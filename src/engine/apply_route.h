#pragma once
// Route element changes: add a version and deploy it, or deploy an existing version.

#include "engine/change.h"
#include "engine/gateway_api.h"

#include <string>
#include <vector>

namespace aigw::engine {

/// deploy_new_version: lists versions, POSTs a version with change.elements, lists again
/// and deploys the version that was not there before. Returns "deployed new version ID".
ApiResult<std::string> deploy_new_version(GatewayApi& api, const Change& change);

/// redeploy_version: deploys change.version_id. Returns "redeployed version ID".
ApiResult<std::string> redeploy_version(GatewayApi& api, const Change& change);

} // namespace aigw::engine
