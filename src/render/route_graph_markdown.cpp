#include "render/route_graph_markdown.h"

#include "render/change_words.h"
#include "render/plan_markdown.h"
#include "render/route_graph.h"
#include "render/route_graph_mermaid.h"

namespace aigw::render {
namespace {

std::string mermaid_block(const RouteGraph& graph) {
  return "```mermaid\n" + render_route_mermaid({graph}) + "```\n";
}

} // namespace

std::string route_graph_markdown(const engine::Change& change) {
  using engine::ChangeKind;
  if (change.resource != model::ResourceKind::route ||
      (change.kind != ChangeKind::create && change.kind != ChangeKind::deploy_new_version &&
       change.kind != ChangeKind::redeploy_version)) {
    return {};
  }
  std::string out =
      "<b><code>" +
      escape_markdown(std::string(change_symbol(change.kind)) + " " + change.address()) +
      "</code></b> (" + escape_markdown(change_action(change)) + ")\n\n";
  if (change.kind == ChangeKind::create) {
    return out + mermaid_block(build_route_graph(change.elements)) + "\n";
  }
  const auto graph = build_route_diff_graph(change.live_elements, change.elements);
  out += mermaid_block(graph) + "\n";
  if (graph.has_marks()) {
    out += "_Marked against the deployed graph: added in green (thick arrows), removed in red "
           "(dashed), changed in amber; a changed output reads `new (was old)`._\n\n";
  }
  return out + "<details><summary>Deployed graph, before this change</summary>\n\n" +
         mermaid_block(build_route_graph(change.live_elements)) + "\n</details>\n\n";
}

} // namespace aigw::render
