#pragma once
// The plan as JSON for machines (`aigw plan --output json`); the format is documented in
// docs/plan-format.md and versioned by `format_version`.

#include "engine/plan.h"

#include <string>

namespace aigw::render {

/// The current `format_version` of the JSON output.
inline constexpr int k_plan_json_version = 1;

/// One JSON document (pretty-printed, trailing newline). Secrets show as "(sensitive)".
std::string render_plan_json(const engine::Plan& plan);

} // namespace aigw::render
