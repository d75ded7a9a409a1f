#pragma once
// The workflow the commands share (Terraform's Context.Plan()/Apply()): make a plan from a
// desired state against the API. A saved plan is recomputed with it (engine/saved_plan.h);
// applying is apply_plan (engine/apply.h). Commands only wire flags to these.

#include "engine/export_state.h"
#include "engine/gateway_api.h"
#include "engine/impact_reader.h"
#include "engine/live_state.h"
#include "engine/plan.h"
#include "engine/planner.h"
#include "model/resources.h"
#include "util/result.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aigw::engine {

struct MakePlanOptions {
  PlanOptions plan;    ///< prune, force, safety thresholds
  int concurrency = 8; ///< reads in flight at once
  /// --gateway globs: read and plan only these gateways (the desired state is already
  /// restricted with restrict_to_targets); the plan warns what was left out.
  std::vector<std::string> targets{};
  /// Which changes get live traffic figures (read_impact); its concurrency is ignored in
  /// favour of `concurrency`.
  ImpactOptions impact{};
  /// --max-impact: refuse a plan deleting what served more (or what could not be read),
  /// unless plan.force.
  std::optional<std::uint64_t> max_impact{};
};

/// Why make_plan stopped. Exactly one of api_error and plan_error is set.
struct WorkflowError {
  enum class Step { read_live, build_plan, list_route_versions };
  Step step = Step::read_live;
  std::optional<ApiError> api_error; ///< read_live, list_route_versions
  /// build_plan: a refusal (duplicates, mass delete, protect, --max-impact)
  std::optional<PlanError> plan_error;

  /// "reading live state: ..." / the plan refusal / "listing route versions: ...".
  [[nodiscard]] std::string to_string() const;
};

/// A finished plan and the live state it was made from.
struct PlanRun {
  LiveState live;
  Plan plan;
};

/// Reads live state (what desired needs), builds the plan, resolves route versions
/// (redeploy an existing version rather than add one), reads the traffic the changes would
/// hit, applies --max-impact and records the requests it took. gateway_list: the gateway
/// list already started on api (while the configuration loaded), claimed instead of
/// listing again.
Result<PlanRun, WorkflowError>
make_plan(GatewayApi& api, const model::Desired& desired, const MakePlanOptions& options,
          std::shared_ptr<GatewayListPrefetch> gateway_list = nullptr);

/// Reads what an export needs: the gateway list, the children of every exported gateway,
/// and billing unless the export is narrowed to some gateways.
ApiResult<LiveState> read_for_export(GatewayApi& api, const ExportOptions& options,
                                     int concurrency);

} // namespace aigw::engine
