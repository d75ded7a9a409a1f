#pragma once
// Route graphs as Mermaid flowchart text, which GitHub renders inside Markdown.

#include "render/route_graph.h"

#include <string>
#include <string_view>
#include <vector>

namespace aigw::render {

/// One top-down Mermaid flowchart of the graphs; a titled graph is a titled subgraph.
/// Node ids are generated (r0n0, r0n1, ...), never taken from element ids, so no element
/// id can clash with Mermaid's keywords (`end`) or syntax. Marked nodes get the classes
/// `added`, `removed` (dashed) and `changed`; marked edges are coloured the same way,
/// added ones drawn thick and removed ones dotted.
[[nodiscard]] std::string render_route_mermaid(const std::vector<RouteGraph>& graphs);

/// text for a double-quoted Mermaid label: printable (see printable_label), letters,
/// digits, spaces, non-ASCII characters and harmless punctuation kept, every other ASCII
/// character as an entity code (`"` is `#34;`), so no label can end a string, start a
/// comment, or inject markup.
[[nodiscard]] std::string escape_mermaid(std::string_view text);

} // namespace aigw::render
