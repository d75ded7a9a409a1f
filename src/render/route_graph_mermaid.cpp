#include "render/route_graph_mermaid.h"
#include "util/concat.h"

#include <cctype>
#include <string_view>

namespace aigw::render {
namespace {

/// ASCII punctuation that means nothing inside a quoted Mermaid label.
constexpr std::string_view k_plain_punctuation = ".,:/_-+=()!?*'@";

/// Node syntax by element type: the opening and closing brackets around the label.
std::pair<std::string_view, std::string_view> brackets(const std::string& type) {
  if (type == "start" || type == "end") {
    return {"([", "])"};
  }
  if (type == "conditional") {
    return {"{", "}"};
  }
  if (type == "percentage") {
    return {"{{", "}}"};
  }
  if (type == "rate") {
    return {"[/", "/]"};
  }
  if (type == "model") {
    return {"(", ")"};
  }
  return {"[", "]"};
}

std::string_view arrow(GraphMark mark) {
  switch (mark) {
  case GraphMark::added: return "==>";
  case GraphMark::removed: return "-.->";
  case GraphMark::same:
  case GraphMark::changed: break;
  }
  return "-->";
}

std::string_view mark_name(GraphMark mark) {
  switch (mark) {
  case GraphMark::added: return "added";
  case GraphMark::removed: return "removed";
  case GraphMark::changed: return "changed";
  case GraphMark::same: break;
  }
  return "";
}

std::string_view edge_style(GraphMark mark) {
  switch (mark) {
  case GraphMark::added: return "stroke:#1a7f37,stroke-width:3px,color:#1a7f37";
  case GraphMark::removed: return "stroke:#cf222e,stroke-width:2px,color:#cf222e";
  case GraphMark::changed: return "stroke:#9a6700,stroke-width:2px,color:#9a6700";
  case GraphMark::same: break;
  }
  return "";
}

std::string label(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& line : lines) {
    out += (out.empty() ? "" : "<br/>") + escape_mermaid(line);
  }
  return out;
}

} // namespace

std::string escape_mermaid(std::string_view text) {
  std::string out;
  const std::string clean = printable_label(text);
  char previous = '\0';
  for (const char c : clean) {
    const auto byte = static_cast<unsigned char>(c);
    // "%%" starts a comment in some Mermaid versions; a single "%" ("60%") is text.
    const bool plain = byte >= 0x80U || (std::isalnum(byte) != 0) || c == ' ' ||
                       k_plain_punctuation.find(c) != std::string_view::npos ||
                       (c == '%' && previous != '%');
    if (plain) {
      out += c;
    } else {
      out += concat("#", std::to_string(static_cast<int>(byte)), ";");
    }
    previous = c;
  }
  return out;
}

std::string render_route_mermaid(const std::vector<RouteGraph>& graphs) {
  std::string out = "flowchart TD\n";
  std::vector<std::pair<std::string, GraphMark>> marked_nodes;
  std::vector<std::pair<std::size_t, GraphMark>> marked_edges;
  std::size_t edge_count = 0;
  for (std::size_t g = 0; g < graphs.size(); ++g) {
    const auto& graph = graphs[g];
    const std::string prefix = "r" + std::to_string(g) + "n";
    std::string indent = "  ";
    if (!graph.title.empty()) {
      out += "  subgraph r" + std::to_string(g) + " [\"" + escape_mermaid(graph.title) + "\"]\n";
      indent = "    ";
    }
    for (std::size_t n = 0; n < graph.nodes.size(); ++n) {
      const auto& node = graph.nodes[n];
      const auto [open, close] = brackets(node.type);
      const std::string id = prefix + std::to_string(n);
      out += indent + id + std::string(open) + "\"" + label(node.lines) + "\"" +
             std::string(close) + "\n";
      if (node.mark != GraphMark::same) {
        marked_nodes.emplace_back(id, node.mark);
      }
    }
    for (const auto& edge : graph.edges) {
      out += indent + prefix + std::to_string(edge.from) + " " + std::string(arrow(edge.mark));
      if (!edge.label.empty()) {
        out += "|\"" + escape_mermaid(edge.label) + "\"|";
      }
      out += " " + prefix + std::to_string(edge.to) + "\n";
      if (edge.mark != GraphMark::same) {
        marked_edges.emplace_back(edge_count, edge.mark);
      }
      ++edge_count;
    }
    if (!graph.title.empty()) {
      out += "  end\n";
    }
  }
  if (marked_nodes.empty() && marked_edges.empty()) {
    return out;
  }
  out += "  classDef added fill:#dafbe1,stroke:#1a7f37,stroke-width:3px,color:#1f2328\n"
         "  classDef removed fill:#ffebe9,stroke:#cf222e,stroke-width:2px,"
         "stroke-dasharray:5 5,color:#1f2328\n"
         "  classDef changed fill:#fff8c5,stroke:#9a6700,stroke-width:2px,color:#1f2328\n";
  for (const auto mark : {GraphMark::added, GraphMark::removed, GraphMark::changed}) {
    std::string ids;
    for (const auto& [id, node_mark] : marked_nodes) {
      if (node_mark == mark) {
        ids += (ids.empty() ? "" : ",") + id;
      }
    }
    if (!ids.empty()) {
      out += "  class " + ids + " " + std::string(mark_name(mark)) + "\n";
    }
    std::string indices;
    for (const auto& [index, edge_mark] : marked_edges) {
      if (edge_mark == mark) {
        indices += (indices.empty() ? "" : ",") + std::to_string(index);
      }
    }
    if (!indices.empty()) {
      out += "  linkStyle " + indices + " " + std::string(edge_style(mark)) + "\n";
    }
  }
  return out;
}

} // namespace aigw::render
