#pragma once
// The wiring plan and apply share: load the desired state, connect to the API, and call
// engine::make_plan. Each step prints its own errors to stderr.

#include "cli/commands.h"
#include "cli/impact_flags.h"
#include "config/loader.h"
#include "engine/gateway_api.h"
#include "engine/live_state.h"
#include "engine/plan.h"
#include "engine/workflow.h"
#include "model/resources.h"
#include "model/source_file.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aigw::cli {

struct PlanInputs {
  std::vector<std::string> paths; ///< -f values (files or directories)
  bool prune = false;             ///< --prune
  bool force = false;             ///< --force
  int concurrency = 8;
  std::vector<std::string> targets{}; ///< --gateway globs (empty: every gateway)
  bool fingerprints = true;           ///< false when the plan is neither saved nor checked
  ImpactFlags impact{}; ///< --impact, --no-impact, --impact-window, --max-impact
};

struct PlanRun {
  model::Desired desired;                 ///< restricted to the targets
  std::vector<model::SourceFile> sources; ///< the files it was loaded from, as read
  engine::MakePlanOptions options;        ///< what the plan was made with
  engine::LiveState live;
  engine::Plan plan;
  std::unique_ptr<engine::GatewayApi> api;
};

/// Builds an API client for account_id (falling back to CLOUDFLARE_ACCOUNT_ID) from the
/// global flags and the environment; prints the reason and returns nullptr on failure.
std::unique_ptr<engine::GatewayApi> connect_api(const GlobalOptions& global,
                                                const std::string& account_id, int concurrency);

/// Loads and validates the desired state from paths (empty: config::default_paths()).
/// nullopt after printing every diagnostic to stderr.
std::optional<config::LoadResult> load_or_report(const std::vector<std::string>& paths);

/// load_or_report's desired state.
std::optional<model::Desired> load_desired_or_report(const std::vector<std::string>& paths);

/// Prints every diagnostic of a failed load to stderr, then `what` as the error.
void report_diagnostics(const config::LoadResult& loaded, const std::string& what);

/// The engine options the plan flags ask for.
[[nodiscard]] engine::MakePlanOptions make_plan_options(const PlanInputs& inputs);

/// Loads, validates, connects, reads live and plans. nullopt after printing why.
std::optional<PlanRun> run_plan_pipeline(const GlobalOptions& global, const PlanInputs& inputs);

/// The end of a command's use of a run: its client is closed now, and its desired state,
/// live state and plan are left to the end of the process instead of being freed
/// (cli/keep_until_exit.h).
void release_at_exit(PlanRun&& run);

} // namespace aigw::cli
