#pragma once
// run_change: the API calls that carry out one change of a plan.

#include "engine/change.h"
#include "engine/gateway_api.h"

#include <string>

namespace aigw::engine {

/// Makes the calls one change needs (resolving lost responses by re-reading, never by a
/// blind repeat of a create). Returns a short description of what was done, e.g.
/// "created, then set dlp, guardrails" or "deployed new version v-3".
ApiResult<std::string> run_change(GatewayApi& api, const Change& change);

} // namespace aigw::engine
