#pragma once
// Route graphs as Graphviz DOT, for `aigw graph --format dot | dot -Tsvg`.

#include "render/route_graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace aigw::render {

/// One top-down digraph of the graphs; a titled graph is a titled cluster. Node ids are
/// generated (r0n0, r0n1, ...). Marked nodes and edges are coloured (added green,
/// removed red and dashed, changed amber), with a legend when anything is marked.
[[nodiscard]] std::string render_route_dot(const std::vector<RouteGraph>& graphs);

/// text as a double-quoted DOT string: printable (see printable_label), with `\` and `"`
/// escaped so that neither the string nor Graphviz's label escapes (`\N`, `\G`, ...) can
/// be broken into.
[[nodiscard]] std::string quote_dot(std::string_view text);

} // namespace aigw::render
