#pragma once
// Saved plans (`plan --out FILE`, `apply FILE`): JSON with the changes, the fingerprints of
// the live objects the plan read, and what was read. Never holds a secret: a provider
// config create records only the name of the environment variable its secret came from.

#include "engine/plan.h"
#include "util/result.h"

#include <string>
#include <functional>
#include <optional>
#include <string_view>

namespace aigw::render {

/// Serialises a plan for `--out`.
std::string write_plan_file(const engine::Plan& plan);

/// Parses a saved plan; secrets are read again from the recorded environment variables
/// through getenv. A missing variable is an error naming it.
Result<engine::Plan> read_plan_file(std::string_view text,
                                     const std::function<std::optional<std::string>(const std::string&)>& getenv);

} // namespace aigw::render
