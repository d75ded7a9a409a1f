// The executor runs the DAG: dependencies first, independent steps in parallel, dependents
// of a failed step skipped while independent steps go on.

#include "engine/apply.h"
#include "fakes/fake_gateway_api.h"

#include "apply_test_plans.h"
#include "forwarding_gateway_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <thread>

namespace aigw::test {
namespace {

using engine::ApiError;
using engine::ChangeKind;
using engine::StepOutcome;
using model::ResourceKind;

/// gateway a (0) <- dataset a/x (1), gateway b (2) <- dataset b/y (3), dataset b/z (4).
engine::Plan two_gateways() {
  auto plan = make_plan({
      make_change(ChangeKind::create, ResourceKind::gateway, "a"),
      make_change(ChangeKind::create, ResourceKind::dataset, "a", "x"),
      make_change(ChangeKind::create, ResourceKind::gateway, "b"),
      make_change(ChangeKind::create, ResourceKind::dataset, "b", "y"),
      make_change(ChangeKind::create, ResourceKind::dataset, "b", "z"),
  });
  plan.changes[1].depends_on = {0};
  plan.changes[3].depends_on = {2};
  plan.changes[4].depends_on = {2};
  return plan;
}

TEST(ApplySchedule, AFailedStepSkipsItsDependentsAndOthersGoOn) {
  FakeGatewayApi api;
  ApiError rejected;
  rejected.kind = ApiError::Kind::http;
  rejected.status = 400;
  api.fail_next("POST gateway b", rejected);
  std::vector<std::string> seen;
  engine::ApplyOptions options;
  options.parallelism = 4;
  options.on_step = [&](const engine::Change& c, const StepOutcome&) {
    seen.push_back(c.address());
  };
  auto report = engine::apply_plan(api, two_gateways(), options);
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.done, 2U);
  EXPECT_EQ(report.failed, 1U);
  EXPECT_EQ(report.skipped, 2U);
  EXPECT_EQ(report.steps[3].status, StepOutcome::Status::skipped);
  EXPECT_EQ(report.steps[3].detail, "skipped: gateway b failed");
  EXPECT_EQ(api.state.datasets.size(), 1U);
  EXPECT_EQ(seen.size(), 5U);
  const auto calls = api.calls();
  EXPECT_EQ(std::count(calls.begin(), calls.end(), "POST dataset b/y"), 0);
}

TEST(ApplySchedule, SkipsPropagateThroughChains) {
  FakeGatewayApi api;
  auto plan = make_plan({
      make_change(ChangeKind::create, ResourceKind::gateway, "a"),
      make_change(ChangeKind::create, ResourceKind::route, "a", "r"),
      make_change(ChangeKind::deploy_new_version, ResourceKind::route, "a", "r"),
  });
  plan.changes[1].depends_on = {0};
  plan.changes[2].depends_on = {1};
  ApiError rejected;
  rejected.kind = ApiError::Kind::http;
  api.fail_next("POST gateway", rejected);
  auto report = engine::apply_plan(api, plan, {});
  EXPECT_EQ(report.failed, 1U);
  EXPECT_EQ(report.skipped, 2U);
  EXPECT_EQ(report.steps[2].detail, "skipped: route a/r was skipped");
}

TEST(ApplySchedule, DependenciesFinishBeforeDependentsStart) {
  for (int parallelism : {1, 2, 8}) {
    FakeGatewayApi api;
    engine::ApplyOptions options;
    options.parallelism = parallelism;
    auto report = engine::apply_plan(api, two_gateways(), options);
    ASSERT_TRUE(report.ok());
    const auto calls = api.calls();
    auto pos = [&](const std::string& call) {
      return std::find(calls.begin(), calls.end(), call) - calls.begin();
    };
    EXPECT_LT(pos("POST gateway a"), pos("POST dataset a/x"));
    EXPECT_LT(pos("POST gateway b"), pos("POST dataset b/y"));
    EXPECT_LT(pos("POST gateway b"), pos("POST dataset b/z"));
  }
}

/// Gateway creates take 30 ms; the peak number in flight is recorded.
class SlowGatewayCreates final : public ForwardingGatewayApi {
public:
  std::atomic<int> in_flight{0};
  std::atomic<int> peak{0};

  engine::ApiResult<model::Gateway> create_gateway(const model::Gateway& g) override {
    const int now = ++in_flight;
    int seen = peak.load();
    while (now > seen && !peak.compare_exchange_weak(seen, now)) {
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(30));
    --in_flight;
    return fake.create_gateway(g);
  }
};

TEST(ApplySchedule, IndependentStepsRunInParallelUpToTheBound) {
  std::vector<engine::Change> changes;
  for (int i = 0; i < 12; ++i) {
    changes.push_back(make_change(ChangeKind::create, ResourceKind::gateway, "g" + std::to_string(i)));
  }
  for (int bound : {1, 3}) {
    SlowGatewayCreates api;
    engine::ApplyOptions options;
    options.parallelism = bound;
    auto report = engine::apply_plan(api, make_plan(changes), options);
    ASSERT_TRUE(report.ok());
    // Never more than the bound; with room for several, several at once (not an exact
    // count: a loaded machine may start a worker late).
    EXPECT_LE(api.peak.load(), bound);
    EXPECT_GE(api.peak.load(), std::min(bound, 2));
    EXPECT_EQ(api.fake.state.gateways.size(), 12U);
  }
}

TEST(ApplySchedule, ElapsedTimeIsRecordedPerStep) {
  SlowGatewayCreates api;
  auto report = engine::apply_plan(
      api, make_plan({make_change(ChangeKind::create, ResourceKind::gateway, "g")}), {});
  ASSERT_TRUE(report.ok());
  EXPECT_GE(report.steps[0].elapsed.count(), 25);
}

TEST(ApplySchedule, AForwardDependencyIsRejectedNotDeadlocked) {
  FakeGatewayApi api;
  auto plan = make_plan({
      make_change(ChangeKind::create, ResourceKind::dataset, "a", "x"),
      make_change(ChangeKind::create, ResourceKind::gateway, "a"),
  });
  plan.changes[0].depends_on = {1};
  auto report = engine::apply_plan(api, plan, {});
  EXPECT_EQ(report.failed, 1U);
  EXPECT_EQ(report.done, 1U);
}

TEST(ApplySchedule, AnEmptyPlanDoesNothing) {
  FakeGatewayApi api;
  auto report = engine::apply_plan(api, make_plan({}), {});
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(api.calls().empty());
}

} // namespace
} // namespace aigw::test
