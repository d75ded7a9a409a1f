#pragma once
// Metrics: the reconcile service's counters, gauges and cycle-duration histogram, and
// their Prometheus text exposition (version 0.0.4). Thread-safe: the reconcile loop
// records, the HTTP listener renders.

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string_view>
#include <tuple>
#include <utility>
#include <mutex>
#include <string>
#include <vector>

namespace aigw::service {

/// How a reconcile cycle ended.
enum class CycleOutcome {
  in_sync,        ///< nothing to do
  applied,        ///< changes applied, all succeeded
  drift,          ///< --detect-only: changes pending, not applied
  invalid_config, ///< the files did not load; the cycle was skipped
  refused,        ///< the plan was refused (safety check, duplicates)
  failed,         ///< an API error, or apply left steps failed or skipped
};

/// Stable lower-case label value: "in_sync", "applied", ...
std::string_view cycle_outcome_name(CycleOutcome outcome);

/// True for the outcomes that count as a successful cycle (for /healthz and backoff).
bool is_success(CycleOutcome outcome);

/// One finished cycle, as the loop reports it.
struct CycleRecord {
  CycleOutcome outcome = CycleOutcome::failed;
  std::chrono::duration<double> duration{0};
  /// Pending changes by resource kind at plan time ("gateway" -> 2). Replaces the gauge
  /// when the cycle produced a plan; left as is when it did not.
  std::optional<std::map<std::string, std::uint64_t>> drift;
  /// Applied changes by (kind, action).
  std::map<std::pair<std::string, std::string>, std::uint64_t> applied;
  /// API requests by "METHOD endpoint status" (GatewayApi::stats().by_endpoint).
  std::map<std::string, std::uint64_t> requests;
  std::uint64_t retries = 0;
  std::uint64_t rate_limit_waits = 0;
  /// Wall-clock time the cycle ended, in seconds since the epoch.
  double finished_at = 0;
};

class Metrics {
public:
  /// Upper bounds of the cycle duration histogram, in seconds.
  static const std::vector<double>& duration_buckets();

  /// Adds a cycle to every metric.
  void record(const CycleRecord& cycle);

  /// Seconds since the epoch of the last successful cycle; 0 when none yet.
  [[nodiscard]] double last_success() const;

  /// The Prometheus text format exposition of every metric.
  [[nodiscard]] std::string render() const;

private:
  mutable std::mutex m_mutex;
  std::map<std::string, std::uint64_t> m_cycles;  ///< by outcome
  std::map<std::string, std::uint64_t> m_drift;   ///< gauge by kind
  std::map<std::pair<std::string, std::string>, std::uint64_t> m_applied;
  std::map<std::tuple<std::string, std::string, std::string>, std::uint64_t> m_requests;
  std::uint64_t m_retries = 0;
  std::uint64_t m_rate_limit_waits = 0;
  std::vector<std::uint64_t> m_bucket_counts = std::vector<std::uint64_t>(duration_buckets().size(), 0);
  std::uint64_t m_duration_count = 0;
  double m_duration_sum = 0;
  double m_last_success = 0;
};

} // namespace aigw::service
