// The reconcile loop against the recording fake: one cycle's outcomes and exit codes,
// detect-only changing nothing, a bad file skipping the cycle, refused plans never forced,
// the backoff schedule, and a clean stop.

#include "service/reconciler.h"

#include "engine/plan_fixtures.h"
#include "fakes/borrowed_gateway_api.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

#include <thread>

namespace aigw::service {
namespace {

using namespace std::chrono_literals;

model::Desired desired_gateway(double cache_ttl) {
  model::Desired desired;
  desired.account_id = "acct";
  desired.resources.gateways.push_back({"gw", {{"cache_ttl", cache_ttl}}, {}});
  return desired;
}

/// Hooks over a fake the test keeps; counts connects; load fails when `valid` is false.
struct Harness {
  test::FakeGatewayApi fake;
  std::optional<model::Desired> desired = desired_gateway(300);
  int connects = 0;

  ReconcileHooks hooks() {
    return {[this] { return desired; },
            [this](const model::Desired&) -> std::unique_ptr<engine::GatewayApi> {
              ++connects;
              return std::make_unique<test::BorrowedGatewayApi>(fake);
            }};
  }

  [[nodiscard]] std::vector<std::string> writes() const {
    std::vector<std::string> out;
    for (const auto& call : fake.calls()) {
      if (call.rfind("GET ", 0) != 0) {
        out.push_back(call);
      }
    }
    return out;
  }
};

TEST(RunCycle, InSyncChangesNothingAndExitsZero) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  const auto result = run_cycle(h.hooks(), {}, 1);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.record.outcome, CycleOutcome::in_sync);
  EXPECT_TRUE(h.writes().empty());
  ASSERT_TRUE(result.record.drift.has_value());
  EXPECT_TRUE(result.record.drift->empty());
  EXPECT_EQ(result.record.requests.at("GET gateways 200"), 1u);
}

TEST(RunCycle, AppliesDriftAndCountsByKindAndAction) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  const auto result = run_cycle(h.hooks(), {}, 1);
  EXPECT_EQ(result.exit_code, 0);
  EXPECT_EQ(result.record.outcome, CycleOutcome::applied);
  EXPECT_EQ(result.record.drift->at("gateway"), 1u);
  EXPECT_EQ(result.record.applied.at({"gateway", "update"}), 1u);
  EXPECT_EQ(h.fake.state.gateways[0].fields.at("cache_ttl"), model::Value(300));
  // The next cycle finds nothing to do.
  EXPECT_EQ(run_cycle(h.hooks(), {}, 2).record.outcome, CycleOutcome::in_sync);
}

TEST(RunCycle, DetectOnlyReportsDriftChangesNothingAndExitsTwo) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  ReconcileOptions options;
  options.detect_only = true;
  const auto result = run_cycle(h.hooks(), options, 1);
  EXPECT_EQ(result.exit_code, 2);
  EXPECT_EQ(result.record.outcome, CycleOutcome::drift);
  EXPECT_EQ(result.record.drift->at("gateway"), 1u);
  EXPECT_TRUE(h.writes().empty());
  EXPECT_EQ(h.fake.state.gateways[0].fields.at("cache_ttl"), model::Value(60));
}

TEST(RunCycle, InvalidConfigSkipsTheCycleWithoutConnecting) {
  Harness h;
  h.desired.reset();
  const auto result = run_cycle(h.hooks(), {}, 1);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.record.outcome, CycleOutcome::invalid_config);
  EXPECT_EQ(h.connects, 0);
  EXPECT_FALSE(result.record.drift.has_value());
  EXPECT_TRUE(h.fake.calls().empty());
}

TEST(RunCycle, ARefusedPlanIsReportedNeverForced) {
  Harness h;
  for (int i = 0; i < 10; ++i) {
    h.fake.state.gateways.push_back(test::live_gateway("gw-" + std::to_string(i)));
  }
  h.desired->prune = true;
  h.desired->resources.gateways[0].id = "gw-0";
  const auto result = run_cycle(h.hooks(), {}, 1);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.record.outcome, CycleOutcome::refused);
  EXPECT_TRUE(h.writes().empty());
  EXPECT_EQ(h.fake.state.gateways.size(), 10u);
}

TEST(RunCycle, MaxImpactRefusesABusyDeleteLikeApply) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  h.fake.state.gateways.push_back(test::live_gateway("busy"));
  h.fake.logs.push_back({"busy", std::chrono::system_clock::now(), true, "gpt-4o-mini"});
  h.desired->prune = true;
  ReconcileOptions options;
  options.plan.max_impact = 0;
  const auto result = run_cycle(h.hooks(), options, 1);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.record.outcome, CycleOutcome::refused);
  EXPECT_TRUE(h.writes().empty());
  EXPECT_EQ(h.fake.state.gateways.size(), 2u);
}

TEST(RunCycle, AnApiFailureFailsTheCycle) {
  Harness h;
  engine::ApiError error;
  error.kind = engine::ApiError::Kind::http;
  error.status = 503;
  h.fake.fail_next("GET gateways", error);
  const auto result = run_cycle(h.hooks(), {}, 1);
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_EQ(result.record.outcome, CycleOutcome::failed);
  EXPECT_FALSE(result.record.drift.has_value());
}

TEST(NextDelay, IntervalAfterSuccessBackoffDoublingUpToIntervalAfterFailures) {
  ReconcileOptions options;
  options.interval = 60s;
  options.backoff_base = 5s;
  EXPECT_EQ(next_delay(options, 0), 60s);
  EXPECT_EQ(next_delay(options, 1), 5s);
  EXPECT_EQ(next_delay(options, 2), 10s);
  EXPECT_EQ(next_delay(options, 3), 20s);
  EXPECT_EQ(next_delay(options, 4), 40s);
  EXPECT_EQ(next_delay(options, 5), 60s);
  EXPECT_EQ(next_delay(options, 50), 60s);
}

TEST(WithJitter, LengthensByAtMostTheJitterShare) {
  EXPECT_EQ(with_jitter(10s, 0.1, 0.0), 10s);
  EXPECT_EQ(with_jitter(10s, 0.1, 0.5), 10500ms);
  EXPECT_LT(with_jitter(10s, 0.1, 0.999), 11s);
  EXPECT_EQ(with_jitter(10s, 5.0, 0.5), 15s); // jitter is capped at 100%
}

TEST(RunReconcile, OnceReturnsTheCycleExitCodeAndRecordsIt) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  ReconcileOptions options;
  options.detect_only = true;
  Metrics metrics;
  std::atomic<bool> stop{false};
  EXPECT_EQ(run_reconcile(h.hooks(), options, metrics, stop), 2);
  EXPECT_NE(metrics.render().find("aigw_reconcile_cycles_total{outcome=\"drift\"} 1"),
            std::string::npos);
}

TEST(RunReconcile, IntervalRunsCyclesUntilStoppedThenExitsZero) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  ReconcileOptions options;
  options.interval = 20ms;
  options.seed = 7;
  Metrics metrics;
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    // Bounded: at most 5 s for three cycles to have run.
    for (int i = 0; i < 500 && metrics.render().find("outcome=\"in_sync\"} 2") == std::string::npos;
         ++i) {
      std::this_thread::sleep_for(10ms);
    }
    stop = true;
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(run_reconcile(h.hooks(), options, metrics, stop), 0);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
  const auto text = metrics.render();
  EXPECT_NE(text.find("aigw_reconcile_cycles_total{outcome=\"applied\"} 1"), std::string::npos)
      << text;
  EXPECT_NE(text.find("aigw_reconcile_cycles_total{outcome=\"in_sync\"} 2"), std::string::npos)
      << text;
  EXPECT_GT(metrics.last_success(), 0);
}

TEST(RunReconcile, AStopRequestDuringTheWaitEndsItPromptly) {
  Harness h;
  h.fake.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  ReconcileOptions options;
  options.interval = 1h;
  Metrics metrics;
  std::atomic<bool> stop{false};
  std::thread stopper([&] {
    for (int i = 0; i < 500 && metrics.last_success() == 0; ++i) {
      std::this_thread::sleep_for(10ms);
    }
    stop = true;
  });
  const auto started = std::chrono::steady_clock::now();
  EXPECT_EQ(run_reconcile(h.hooks(), options, metrics, stop), 0);
  stopper.join();
  EXPECT_LT(std::chrono::steady_clock::now() - started, 6s);
}

} // namespace
} // namespace aigw::service
