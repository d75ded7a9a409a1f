#include "engine/workflow.h"

#include "engine/route_versions.h"
#include "engine/targeting.h"

namespace aigw::engine {

std::string WorkflowError::to_string() const {
  switch (step) {
  case Step::read_live: return "reading live state: " + (api_error ? api_error->to_string() : "");
  case Step::build_plan: return plan_error ? plan_error->to_string() : "cannot plan";
  case Step::list_route_versions:
    return "listing route versions: " + (api_error ? api_error->to_string() : "");
  }
  return "cannot plan";
}

Result<PlanRun, WorkflowError> make_plan(GatewayApi& api, const model::Desired& desired,
                                         const MakePlanOptions& options,
                                         std::shared_ptr<GatewayListPrefetch> gateway_list) {
  auto query = query_for(desired, options.plan.prune);
  query.concurrency = options.concurrency;
  query.targets = options.targets;
  query.gateway_list = std::move(gateway_list);
  auto live = read_live(api, query);
  if (!live) {
    return WorkflowError{WorkflowError::Step::read_live, std::move(live.error()), std::nullopt};
  }
  auto plan = build_plan(desired, *live, options.plan);
  if (!plan) {
    return WorkflowError{WorkflowError::Step::build_plan, std::nullopt, std::move(plan.error())};
  }
  if (!options.targets.empty()) {
    plan->warnings.push_back(targeting_warning(options.targets));
  }
  if (auto resolved = resolve_route_versions(api, *plan, options.concurrency); !resolved) {
    return WorkflowError{WorkflowError::Step::list_route_versions, std::move(resolved.error()),
                         std::nullopt};
  }
  auto impact = options.impact;
  impact.concurrency = options.concurrency;
  read_impact(api, *plan, impact);
  plan->api_requests = api.stats().requests;
  if (options.max_impact && !options.plan.force) {
    if (auto refusals = check_max_impact(*plan, *options.max_impact); !refusals.empty()) {
      return WorkflowError{WorkflowError::Step::build_plan, std::nullopt,
                           PlanError{"refusing a plan over --max-impact " +
                                         std::to_string(*options.max_impact) +
                                         " (use --force to override):",
                                     std::move(refusals)}};
    }
  }
  return PlanRun{std::move(live.value()), std::move(plan.value())};
}

ApiResult<LiveState> read_for_export(GatewayApi& api, const ExportOptions& options,
                                     int concurrency) {
  LiveQuery query;
  query.concurrency = concurrency;
  // Account-level kinds only when the export is not narrowed to some gateways.
  query.billing = options.gateways.empty() && options.scope.empty();
  query.custom_providers = query.billing;
  if (!options.gateways.empty()) {
    for (const auto& id : options.gateways) {
      if (is_exported(options, id)) {
        query.gateway_ids.push_back(id);
      }
    }
  } else {
    // The ids are only known from the list; read_live lists gateways again, one request
    // more than the minimum, to keep a single reader of live state.
    auto gateways = api.list_gateways();
    if (!gateways) {
      return std::move(gateways.error());
    }
    for (const auto& gateway : *gateways) {
      if (is_exported(options, gateway.id)) {
        query.gateway_ids.push_back(gateway.id);
      }
    }
  }
  return read_live(api, query);
}

} // namespace aigw::engine
