// Metrics: what a cycle adds to each metric, and the text exposition's exact shape.

#include "service/metrics.h"

#include <gtest/gtest.h>

namespace aigw::service {
namespace {

bool has_line(const std::string& text, const std::string& line) {
  return text.find("\n" + line + "\n") != std::string::npos || text.rfind(line + "\n", 0) == 0;
}

TEST(Metrics, EmptyExpositionHasEveryFamilyAndZeroes) {
  const std::string text = Metrics().render();
  for (const auto* line :
       {"# TYPE aigw_reconcile_cycles_total counter",
        "aigw_reconcile_cycles_total{outcome=\"applied\"} 0",
        "# TYPE aigw_drift_resources gauge", "aigw_drift_resources{kind=\"route\"} 0",
        "# TYPE aigw_changes_applied_total counter", "# TYPE aigw_api_requests_total counter",
        "aigw_api_retries_total 0", "aigw_api_rate_limit_waits_total 0",
        "# TYPE aigw_reconcile_cycle_duration_seconds histogram",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"+Inf\"} 0",
        "aigw_reconcile_cycle_duration_seconds_count 0",
        "aigw_last_success_timestamp_seconds 0"}) {
    EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
  }
}

TEST(Metrics, ACycleCountsEverywhere) {
  Metrics metrics;
  CycleRecord cycle;
  cycle.outcome = CycleOutcome::applied;
  cycle.duration = std::chrono::milliseconds(750);
  cycle.drift = std::map<std::string, std::uint64_t>{{"gateway", 1}, {"route", 2}};
  cycle.applied[{"route", "deploy_new_version"}] = 2;
  cycle.requests = {{"GET gateways 200", 1}, {"POST routes/{id}/versions 429", 3}};
  cycle.retries = 3;
  cycle.rate_limit_waits = 3;
  cycle.finished_at = 1700000000.5;
  metrics.record(cycle);
  cycle.outcome = CycleOutcome::failed;
  cycle.drift.reset(); // no plan: the gauge keeps the last plan's values
  cycle.applied.clear();
  cycle.requests = {{"GET gateways error", 1}};
  cycle.duration = std::chrono::seconds(40);
  cycle.finished_at = 1700000100;
  metrics.record(cycle);

  const std::string text = metrics.render();
  for (const auto* line :
       {"aigw_reconcile_cycles_total{outcome=\"applied\"} 1",
        "aigw_reconcile_cycles_total{outcome=\"failed\"} 1",
        "aigw_drift_resources{kind=\"gateway\"} 1", "aigw_drift_resources{kind=\"route\"} 2",
        "aigw_drift_resources{kind=\"dataset\"} 0",
        "aigw_changes_applied_total{kind=\"route\",action=\"deploy_new_version\"} 2",
        "aigw_api_requests_total{method=\"GET\",endpoint=\"gateways\",status=\"200\"} 1",
        "aigw_api_requests_total{method=\"GET\",endpoint=\"gateways\",status=\"error\"} 1",
        "aigw_api_requests_total{method=\"POST\",endpoint=\"routes/{id}/versions\",status=\"429\"} 3",
        "aigw_api_retries_total 6", "aigw_api_rate_limit_waits_total 6",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"0.5\"} 0",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"1\"} 1",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"30\"} 1",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"60\"} 2",
        "aigw_reconcile_cycle_duration_seconds_bucket{le=\"+Inf\"} 2",
        "aigw_reconcile_cycle_duration_seconds_sum 40.75",
        "aigw_reconcile_cycle_duration_seconds_count 2",
        "aigw_last_success_timestamp_seconds 1700000000.5"}) {
    EXPECT_TRUE(has_line(text, line)) << line << "\n" << text;
  }
  EXPECT_EQ(metrics.last_success(), 1700000000.5);
}

TEST(Metrics, LabelValuesAreEscaped) {
  Metrics metrics;
  CycleRecord cycle;
  cycle.requests = {{"GET we\"ird\\path 200", 1}};
  metrics.record(cycle);
  EXPECT_TRUE(has_line(metrics.render(),
                       "aigw_api_requests_total{method=\"GET\",endpoint=\"we\\\"ird\\\\path\","
                       "status=\"200\"} 1"));
}

TEST(CycleOutcome, SuccessIsInSyncAppliedOrDriftDetected) {
  EXPECT_TRUE(is_success(CycleOutcome::in_sync));
  EXPECT_TRUE(is_success(CycleOutcome::applied));
  EXPECT_TRUE(is_success(CycleOutcome::drift));
  EXPECT_FALSE(is_success(CycleOutcome::invalid_config));
  EXPECT_FALSE(is_success(CycleOutcome::refused));
  EXPECT_FALSE(is_success(CycleOutcome::failed));
}

} // namespace
} // namespace aigw::service
