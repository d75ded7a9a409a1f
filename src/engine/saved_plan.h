#pragma once
// A saved plan (`plan --out FILE`, `apply FILE`) is a confirmation, not an instruction: it
// carries the desired state it was made from and the options that shaped it, and apply
// recomputes the plan from those against live state as it is now. Only when the
// recomputed changes are exactly the saved ones is anything applied, and what is applied
// is the recomputed plan: the file's own bodies are for display and comparison only.

#include "engine/gateway_api.h"
#include "engine/plan.h"
#include "engine/workflow.h"
#include "model/resources.h"
#include "model/source_file.h"
#include "util/result.h"

#include <functional>
#include <string>
#include <vector>

namespace aigw::engine {

/// A saved plan as read back from its file.
struct SavedPlan {
  Plan plan;                              ///< the changes as saved: shown and compared, never sent
  std::vector<model::SourceFile> sources; ///< the desired state's files, `${VAR}` unresolved
  MakePlanOptions options;                ///< prune, force, targets, impact (not concurrency)
};

/// How the plan file records a change (the codec's own text of it). Comparing records,
/// not Changes, makes a recomputed change equal a saved one exactly when the file would
/// hold the same thing, numbers the file cannot carry exactly (1e400) included.
using ChangeRecord = std::function<std::string(const Change&)>;

/// What recomputing a saved plan found.
struct SavedPlanCheck {
  PlanRun run;                       ///< the recomputed plan: the one to apply
  std::vector<std::string> stale;    ///< objects whose live state differs from the plan's
  std::vector<std::string> modified; ///< what the saved plan says that recomputing does not
  [[nodiscard]] bool ok() const { return stale.empty() && modified.empty(); }
};

/// Re-reads live state and recomputes the plan from `desired` (the saved plan's own
/// sources, loaded and restricted to its targets) with the saved options, so scope,
/// `protect`, the mass-delete checks and --max-impact run again; then compares the
/// account, the fingerprints and every change (through `record`) with the saved plan.
/// An error is a read failure or a refusal of the recomputed plan.
Result<SavedPlanCheck, WorkflowError> recompute_saved_plan(GatewayApi& api, const SavedPlan& saved,
                                                           const model::Desired& desired,
                                                           int concurrency,
                                                           const ChangeRecord& record);

/// One line per option that differs between a saved plan's and this apply's flags
/// ("--prune: the plan was made with it, this apply was not"). The options are not in the
/// desired state's files, so the files cannot vouch for them: the apply job states its own
/// and they must be the plan's. Compares prune, force, targets, impact mode and window,
/// max_impact.
[[nodiscard]] std::vector<std::string> option_differences(const MakePlanOptions& saved,
                                                          const MakePlanOptions& given);

/// The addresses whose fingerprint differs between two plans, or that only one has.
[[nodiscard]] std::vector<std::string>
fingerprint_differences(const std::vector<Fingerprint>& saved,
                        const std::vector<Fingerprint>& recomputed);

/// The changes that differ between two plans, paired by kind and address (then by address:
/// a kind that changed), with those only one of them has; when they pair exactly but in
/// another order, that (order and dependencies are part of a plan).
[[nodiscard]] std::vector<std::string> change_differences(const std::vector<Change>& saved,
                                                          const std::vector<Change>& recomputed,
                                                          const ChangeRecord& record);

} // namespace aigw::engine
