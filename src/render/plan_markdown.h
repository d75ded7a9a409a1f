#pragma once
// The plan as Markdown for a pull request comment: the summary first, then one
// collapsible section per change.

#include "engine/plan.h"

#include <cstddef>
#include <string>
#include <string_view>

namespace aigw::render {

/// GitHub refuses comments over 65536 characters; the rendering stays under this.
inline constexpr std::size_t k_markdown_budget = 60000;

/// text safe in a table cell or inline HTML: `|` escaped, `<>&` as HTML entities.
[[nodiscard]] std::string escape_markdown(std::string_view text);

/// A heading, the summary (billing flagged), a table of changes, then a <details> block per
/// change with its field differences, warnings and the API request count. A plan too large
/// for one comment keeps its summary and says how many changes it leaves out.
std::string render_plan_markdown(const engine::Plan& plan);

} // namespace aigw::render
