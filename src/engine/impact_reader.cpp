#include "engine/impact_reader.h"

#include "engine/run_parallel.h"

#include <map>
#include <set>

namespace aigw::engine {
namespace {

/// Gateway fields that decide which requests get through and what they may carry.
bool is_traffic_field(const std::string& path) {
  const std::string top = path.substr(0, path.find('.'));
  return top.rfind("rate_limiting_", 0) == 0 || top == "authentication" || top == "dlp" ||
         top == "guardrails";
}

/// One log count to make, and where its answer goes.
struct CountTask {
  LogCountQuery query;
  ApiResult<std::uint64_t> result = std::uint64_t{0};
};

std::string route_model(const std::string& route_name) { return "dynamic/" + route_name; }

} // namespace

std::optional<std::chrono::hours> impact_window_length(const std::string& window) {
  if (window == "1h") {
    return std::chrono::hours(1);
  }
  if (window == "24h") {
    return std::chrono::hours(24);
  }
  if (window == "7d") {
    return std::chrono::hours(24 * 7);
  }
  return std::nullopt;
}

bool affects_traffic(const Change& change, ImpactMode mode) {
  if (mode == ImpactMode::off) {
    return false;
  }
  const bool gateway = change.resource == model::ResourceKind::gateway;
  const bool route = change.resource == model::ResourceKind::route;
  if (change.kind == ChangeKind::remove) {
    return gateway || route;
  }
  if (mode != ImpactMode::all) {
    return false;
  }
  switch (change.kind) {
  case ChangeKind::deploy_new_version:
  case ChangeKind::redeploy_version: return route;
  case ChangeKind::cannot_fix: return change.resource == model::ResourceKind::provider_config;
  case ChangeKind::update:
    if (!gateway) {
      return false;
    }
    for (const auto& field : change.diff) {
      if (is_traffic_field(field.path)) {
        return true;
      }
    }
    return false;
  default: return false;
  }
}

void read_impact(GatewayApi& api, Plan& plan, const ImpactOptions& options) {
  const auto length = impact_window_length(options.window);
  if (options.mode == ImpactMode::off || !length) {
    return;
  }
  const auto since = options.now.value_or(std::chrono::system_clock::now()) - *length;
  std::vector<std::size_t> affected;
  for (std::size_t i = 0; i < plan.changes.size(); ++i) {
    if (affects_traffic(plan.changes[i], options.mode)) {
      affected.push_back(i);
    }
  }
  if (affected.empty()) {
    return;
  }
  // Two counts per gateway (all, failed), one per route; gateways in first-seen order.
  std::vector<CountTask> tasks;
  std::map<std::string, std::size_t> gateway_task; // gateway id -> index of its "all" count
  std::map<std::size_t, std::size_t> route_task;   // change index -> its route count
  for (std::size_t i : affected) {
    const Change& change = plan.changes[i];
    if (gateway_task.emplace(change.gateway_id, tasks.size()).second) {
      tasks.push_back({{change.gateway_id, since, std::nullopt, ""}});
      tasks.push_back({{change.gateway_id, since, false, ""}});
    }
    if (change.resource == model::ResourceKind::route) {
      route_task.emplace(i, tasks.size());
      tasks.push_back({{change.gateway_id, since, std::nullopt, route_model(change.key.empty() ? "" : change.key[0])}});
    }
  }
  run_parallel(tasks.size(), options.concurrency,
               [&](std::size_t t) { tasks[t].result = api.count_logs(tasks[t].query); });

  std::set<std::string> warned; // one warning per gateway whose logs could not be read
  for (const auto& task : tasks) {
    if (!task.result && warned.insert(task.query.gateway_id).second) {
      plan.warnings.push_back("could not read the logs of gateway " + task.query.gateway_id +
                              ", so the traffic its changes would hit is unknown: " +
                              task.result.error().to_string());
    }
  }
  for (std::size_t i : affected) {
    Change& change = plan.changes[i];
    TrafficImpact impact;
    impact.window = options.window;
    const std::size_t g = gateway_task.at(change.gateway_id);
    const auto route = route_task.find(i);
    const bool failed = !tasks[g].result || !tasks[g + 1].result ||
                        (route != route_task.end() && !tasks[route->second].result);
    if (!failed) {
      impact.known = true;
      impact.requests = *tasks[g].result;
      impact.errors = *tasks[g + 1].result;
      if (route != route_task.end()) {
        impact.route_requests = *tasks[route->second].result;
      }
    }
    change.impact = std::move(impact);
  }
  plan.api_requests = api.stats().requests;
}

std::vector<std::string> check_max_impact(const Plan& plan, std::uint64_t limit) {
  std::vector<std::string> refusals;
  for (const auto& change : plan.changes) {
    if (change.kind != ChangeKind::remove || !affects_traffic(change, ImpactMode::deletes)) {
      continue;
    }
    if (!change.impact || !change.impact->known) {
      refusals.push_back(change.address() + ": its traffic could not be read");
    } else if (change.impact->served() > limit) {
      refusals.push_back(change.address() + " served " + std::to_string(change.impact->served()) +
                         " requests in the last " + change.impact->window);
    }
  }
  return refusals;
}

} // namespace aigw::engine
