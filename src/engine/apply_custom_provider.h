#pragma once
// Custom provider changes: create, delete, and replace (the API has no update, so a changed
// custom provider is deleted and created again with the desired fields).

#include "engine/change.h"
#include "engine/gateway_api.h"

#include <string>

namespace aigw::engine {

/// Runs a create, remove or replace of a custom provider. A create needs `headers`, when
/// declared, in change.secret (apply of a plan made without the variable refuses before).
ApiResult<std::string> run_custom_provider_change(GatewayApi& api, const Change& change);

} // namespace aigw::engine
