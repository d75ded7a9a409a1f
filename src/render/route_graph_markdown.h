#pragma once
// The pictures of a plan's route changes, for the Markdown plan: Mermaid blocks that
// GitHub draws in a pull request comment.

#include "engine/change.h"

#include <string>

namespace aigw::render {

/// For a route create: its graph as a Mermaid block. For a route version deploy or
/// redeploy: the desired graph marked against the deployed one (added, removed, changed)
/// with a legend, then the deployed graph in a collapsed <details> block. Empty for any
/// other change.
[[nodiscard]] std::string route_graph_markdown(const engine::Change& change);

} // namespace aigw::render
