#pragma once
// The plan as Markdown for a pull request comment: the summary first, then one
// collapsible section per change.

#include "engine/plan.h"

#include <string>

namespace aigw::render {

/// A heading, the summary (billing flagged), a table of changes, then a <details> block per
/// change with its field differences, warnings and the API request count.
std::string render_plan_markdown(const engine::Plan& plan);

} // namespace aigw::render
