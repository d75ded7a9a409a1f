#pragma once
// The reconcile loop (aigw reconcile): each cycle loads the desired state, plans with
// engine::make_plan and, unless detect-only, applies with engine::apply_plan under the same
// safety checks as `aigw apply`. Cycles never overlap; a failed cycle backs off
// exponentially up to the interval, with jitter; a stop request lets the cycle in flight
// finish and starts no other.

#include "engine/gateway_api.h"
#include "engine/workflow.h"
#include "model/resources.h"
#include "service/metrics.h"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace aigw::service {

/// What a cycle needs from the outside world; the command wires config/ and cloudflare/.
struct ReconcileHooks {
  /// The desired state, or nullopt after reporting why (a bad file skips the cycle).
  std::function<std::optional<model::Desired>()> load;
  /// A client for the desired state's account, or nullptr after reporting why. A fresh
  /// client per cycle, so its request counters are the cycle's.
  std::function<std::unique_ptr<engine::GatewayApi>(const model::Desired&)> connect;
};

struct ReconcileOptions {
  /// The wait from the end of one cycle to the start of the next; nullopt: one cycle.
  std::optional<std::chrono::milliseconds> interval;
  bool detect_only = false;
  engine::MakePlanOptions plan;
  int parallelism = 8;
  /// First delay after a failed cycle; doubles per consecutive failure, capped at interval.
  std::chrono::milliseconds backoff_base{std::chrono::seconds(5)};
  /// Each wait is lengthened by a random share of up to this much of itself.
  double jitter = 0.1;
  std::uint64_t seed = 0; ///< for the jitter (0: from the clock)
};

/// What one cycle did, for the loop, the metrics and --once's exit code.
struct CycleResult {
  CycleRecord record;
  /// `aigw apply`'s exit code: 0 ok, 1 error; 2 with detect-only when drift is found.
  int exit_code = 1;
};

/// Runs one cycle. Logs one line per change and one for the cycle.
CycleResult run_cycle(const ReconcileHooks& hooks, const ReconcileOptions& options,
                      std::uint64_t cycle_number);

/// The wait before the next cycle: the interval after a success; after `failures`
/// consecutive failures, backoff_base * 2^(failures-1), capped at the interval. Without
/// jitter (see with_jitter).
std::chrono::milliseconds next_delay(const ReconcileOptions& options, int failures);

/// delay lengthened by share * jitter of itself, share in [0, 1).
std::chrono::milliseconds with_jitter(std::chrono::milliseconds delay, double jitter,
                                      double share);

/// Runs cycles until stop is set (or once). Returns the exit code: --once, the cycle's;
/// otherwise 0 after a stop request. Records every cycle in metrics.
int run_reconcile(const ReconcileHooks& hooks, const ReconcileOptions& options, Metrics& metrics,
                  const std::atomic<bool>& stop);

} // namespace aigw::service
