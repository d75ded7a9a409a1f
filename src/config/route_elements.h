#pragma once
// Route elements: each element's shape by type, then the graph rules (one start, unique
// ids, every elementId resolves, every element reachable from start, an end reachable).

#include "config/node_reader.h"
#include "model/resources.h"

#include <optional>
#include <string>
#include <vector>

namespace aigw::config {

/// Reads a route's `elements` list and checks its graph. nullopt when anything is wrong
/// (every problem is reported).
std::optional<std::vector<model::RouteElement>>
read_route_elements(NodeReader &reader, const YamlNode &node, const std::string &route);

} // namespace aigw::config
