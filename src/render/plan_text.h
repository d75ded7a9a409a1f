#pragma once
// The plan as text for a terminal, in the manner of Terraform.

#include "engine/plan.h"

#include <string>

namespace aigw::render {

/// How to render text.
struct TextOptions {
  bool colour = false; ///< ANSI colours (the caller decides: a TTY and no NO_COLOR)
};

/// One block per change ("+ gateway x (create)" then its field lines), warnings, then
/// "Plan: N to create, N to update, N to delete." and the API request count.
std::string render_plan_text(const engine::Plan& plan, const TextOptions& options);

} // namespace aigw::render
