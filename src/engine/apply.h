#pragma once
// apply_plan: runs a plan's changes against the API in dependency order, in parallel where
// the DAG allows, skipping the dependents of a failed step.

#include "engine/gateway_api.h"
#include "engine/plan.h"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace aigw::engine {

struct StepOutcome {
  enum class Status { done, failed, skipped };
  std::size_t index = 0; ///< into Plan::changes
  Status status = Status::done;
  std::optional<ApiError> error;     ///< failed: what the API said
  std::chrono::milliseconds elapsed{0};
  std::string detail; ///< e.g. "deployed version v-3", "skipped: gateway x failed"
};

struct ApplyOptions {
  int parallelism = 8;
  /// Called once per step as it finishes (from worker threads, serialised by apply).
  std::function<void(const Change&, const StepOutcome&)> on_step;
};

struct ApplyReport {
  std::vector<StepOutcome> steps; ///< one per change, in Plan::changes order
  std::size_t done = 0;
  std::size_t failed = 0;
  std::size_t skipped = 0;
  [[nodiscard]] bool ok() const { return failed == 0 && skipped == 0; }
};

/// Applies every change that is not cannot_fix. Never throws; failures are in the report.
ApplyReport apply_plan(GatewayApi& api, const Plan& plan, const ApplyOptions& options);

} // namespace aigw::engine
