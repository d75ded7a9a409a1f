#pragma once
// Saved plans (`plan --out FILE`, `apply FILE`): JSON with the changes, the fingerprints of
// the live objects the plan read, the desired state's source files and the options the plan
// was made with. Holds no credential: sources keep `${VAR}` references, a provider config
// create records only the variable's name, and every credential in a body or diff is
// masked. apply recomputes the plan from the sources (engine/saved_plan.h).

#include "engine/saved_plan.h"
#include "util/result.h"

#include <string>
#include <string_view>

namespace aigw::render {

/// The format version this aigw writes and reads.
inline constexpr std::int64_t k_plan_file_version = 2;

/// Serialises a saved plan for `--out`.
std::string write_plan_file(const engine::SavedPlan& saved);

/// Parses a saved plan. Reads no environment variable and trusts nothing: the result is
/// only good for recomputing and comparing (engine::recompute_saved_plan).
Result<engine::SavedPlan> read_plan_file(std::string_view text);

/// The text a plan file records for a change: two changes with the same record are the
/// same change as far as a saved plan can tell (engine::ChangeRecord).
std::string change_record(const engine::Change& change);

} // namespace aigw::render
