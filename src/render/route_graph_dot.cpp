#include "render/route_graph_dot.h"

namespace aigw::render {
namespace {

/// Node attributes by element type: shape and style.
std::string shape(const std::string& type, GraphMark mark) {
  const std::string dashed = mark == GraphMark::removed ? ",dashed" : "";
  if (type == "start" || type == "end") {
    return "shape=oval, style=\"filled" + dashed + "\"";
  }
  if (type == "conditional") {
    return "shape=diamond, style=\"filled" + dashed + "\"";
  }
  if (type == "percentage") {
    return "shape=hexagon, style=\"filled" + dashed + "\"";
  }
  if (type == "rate") {
    // An octagon, not Mermaid's parallelogram: Graphviz draws those far wider than the text.
    return "shape=octagon, style=\"filled" + dashed + "\"";
  }
  if (type == "missing") {
    return "shape=box, style=\"filled,dashed\"";
  }
  return "shape=box, style=\"rounded,filled" + dashed + "\"";
}

/// Colours of a marked node: stroke and fill.
std::string node_colours(GraphMark mark) {
  switch (mark) {
  case GraphMark::added: return ", color=\"#1a7f37\", fillcolor=\"#dafbe1\", penwidth=2";
  case GraphMark::removed: return ", color=\"#cf222e\", fillcolor=\"#ffebe9\", penwidth=2";
  case GraphMark::changed: return ", color=\"#9a6700\", fillcolor=\"#fff8c5\", penwidth=2";
  case GraphMark::same: break;
  }
  return "";
}

std::string edge_attributes(GraphMark mark) {
  switch (mark) {
  case GraphMark::added: return "color=\"#1a7f37\", fontcolor=\"#1a7f37\", penwidth=2";
  case GraphMark::removed:
    return "color=\"#cf222e\", fontcolor=\"#cf222e\", penwidth=2, style=dashed";
  case GraphMark::changed: return "color=\"#9a6700\", fontcolor=\"#9a6700\", penwidth=2";
  case GraphMark::same: break;
  }
  return "";
}

/// The lines of a label as one DOT string, each line centred.
std::string label(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    const std::string quoted = quote_dot(line);
    out += (out.empty() ? "" : "\\n") + quoted.substr(1, quoted.size() - 2);
  }
  return "\"" + out + "\"";
}

std::string legend() {
  std::string out = "  subgraph cluster_legend {\n"
                    "    label=\"legend\";\n"
                    "    style=rounded;\n"
                    "    color=\"#d0d7de\";\n";
  for (const auto mark : {GraphMark::added, GraphMark::removed, GraphMark::changed}) {
    const std::string name = mark == GraphMark::added     ? "added"
                             : mark == GraphMark::removed ? "removed"
                                                          : "changed";
    out += "    legend_" + name + " [label=\"" + name + "\", " + shape("model", mark) +
           node_colours(mark) + "];\n";
  }
  // Side by side, in this order.
  return out +
         "    { rank=same; legend_added -> legend_removed -> legend_changed [style=invis]; }\n"
         "  }\n";
}

} // namespace

std::string quote_dot(std::string_view text) {
  std::string out = "\"";
  for (const char c : printable_label(text)) {
    if (c == '\\' || c == '"') {
      out += '\\';
    }
    out += c;
  }
  return out + "\"";
}

std::string render_route_dot(const std::vector<RouteGraph>& graphs) {
  std::string out = "digraph routes {\n"
                    "  graph [rankdir=TB, fontname=\"Helvetica\", fontsize=12, nodesep=0.4];\n"
                    "  node [fontname=\"Helvetica\", fontsize=11, color=\"#57606a\", "
                    "fillcolor=\"#f6f8fa\"];\n"
                    "  edge [fontname=\"Helvetica\", fontsize=10, color=\"#57606a\"];\n";
  bool marked = false;
  for (std::size_t g = 0; g < graphs.size(); ++g) {
    const auto& graph = graphs[g];
    marked = marked || graph.has_marks();
    const std::string prefix = "r" + std::to_string(g) + "n";
    std::string indent = "  ";
    if (!graph.title.empty()) {
      out += "  subgraph cluster_" + std::to_string(g) + " {\n    label=" + quote_dot(graph.title) +
             ";\n    style=rounded;\n    color=\"#d0d7de\";\n";
      indent = "    ";
    }
    for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
      const auto& node = graph.nodes[n];
      out += indent + prefix + std::to_string(n) + " [label=" + label(node.lines) + ", " +
             shape(node.type, node.mark) + node_colours(node.mark) + "];\n";
    }
    for (const auto& edge : graph.edges) {
      std::string attributes;
      if (!edge.label.empty()) {
        attributes = "label=" + quote_dot(edge.label);
      }
      if (edge.mark != GraphMark::same) {
        attributes += (attributes.empty() ? "" : ", ") + edge_attributes(edge.mark);
      }
      out += indent + prefix + std::to_string(edge.from) + " -> " + prefix +
             std::to_string(edge.to) + (attributes.empty() ? "" : " [" + attributes + "]") + ";\n";
    }
    if (!graph.title.empty()) {
      out += "  }\n";
    }
  }
  if (marked) {
    out += legend();
  }
  return out + "}\n";
}

} // namespace aigw::render
