#pragma once
// A gateway's child lists, read kind by kind: the kinds come from the kind table (parent
// gateway), and list_children maps each to its port call.

#include "engine/gateway_api.h"
#include "model/field_spec.h"
#include "model/resources.h"

#include <string>
#include <vector>

namespace aigw::engine {

/// The kinds listed under each gateway (the kind table's gateway children), in table order.
[[nodiscard]] const std::vector<model::ResourceKind>& gateway_child_kinds();

/// Lists the children of one kind under one gateway, each stamped with gateway_id, as a
/// Resources holding only that kind.
[[nodiscard]] ApiResult<model::Resources> list_children(GatewayApi& api, model::ResourceKind kind,
                                                        const std::string& gateway_id);

} // namespace aigw::engine
