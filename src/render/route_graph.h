#pragma once
// RouteGraph: a dynamic route's elements as nodes and labelled edges, optionally marked
// against the graph it replaces (added, removed, changed), for the Mermaid and DOT
// renderers. Pure: no I/O and no third-party headers.

#include "model/resources.h"

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::render {

/// How a node or an edge differs from the graph it is compared with.
enum class GraphMark { same, added, removed, changed };

/// One route element as a node. type is the element's type, or "missing" for an
/// elementId that names no element (a live route can hold one; config rejects it).
struct GraphNode {
  std::string element_id;
  std::string type;
  /// The label, one entry a line: the element id, then what the element does
  /// ("openai / gpt-4o-mini", "100 count per 3600 s by metadata.user", ...), then
  /// "was: ..." when a changed element did something else before.
  std::vector<std::string> lines;
  GraphMark mark = GraphMark::same;
};

/// One output of an element: from and to index GraphNode entries.
struct GraphEdge {
  std::size_t from = 0;
  std::size_t to = 0;
  /// The output's name ("60%", "true", "fallback"); empty for a start's only output;
  /// "60% (was 80%)" when the same two elements were joined by another output before.
  std::string label;
  GraphMark mark = GraphMark::same;
};

/// A route as a graph. Nodes come in a deterministic order that does not depend on the
/// order elements were declared: start first, then breadth-first along outputs (next,
/// true, false, success, fallback, percentage shares from the largest, else, then other
/// names alphabetically), then elements unreachable from start, by id.
struct RouteGraph {
  std::string title; ///< "gateway/route": the renderers draw a titled graph in a frame
  std::vector<GraphNode> nodes;
  std::vector<GraphEdge> edges; ///< grouped by source node, in the order of its outputs
  /// True when any node or edge is marked (the graph was compared and something differs).
  [[nodiscard]] bool has_marks() const;
};

/// The graph of one set of elements; nothing is marked.
[[nodiscard]] RouteGraph build_route_graph(const std::vector<model::RouteElement>& elements);

/// The graph of desired, marked against before: elements only in desired are added,
/// elements only in before are drawn as removed, elements whose type or properties differ
/// are changed. An output that joins the same two elements in both is unchanged; one that
/// joins them under another name is changed ("60% (was 80%)"); the others are added or
/// removed.
[[nodiscard]] RouteGraph build_route_diff_graph(const std::vector<model::RouteElement>& before,
                                                const std::vector<model::RouteElement>& desired);

/// text as valid UTF-8 without control characters: an invalid byte becomes U+FFFD, a
/// control character (C0, DEL, C1) a space. Every graph renderer passes labels through it.
[[nodiscard]] std::string printable_label(std::string_view text);

} // namespace aigw::render
