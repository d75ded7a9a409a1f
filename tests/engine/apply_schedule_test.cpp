// The executor runs the DAG: dependencies first, independent steps in parallel, dependents
// of a failed step skipped while independent steps go on.

#include "engine/apply.h"
#include "fakes/fake_gateway_api.h"

#include "apply_test_plans.h"

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

/// Wraps the fake: gateway creates take 30 ms and the peak number in flight is recorded.
/// (The fake is final; this forwards every call to it.)
class SlowGatewayCreates final : public engine::GatewayApi {
public:
  FakeGatewayApi fake;
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
  engine::ApiResult<std::vector<model::Gateway>> list_gateways() override {
    return fake.list_gateways();
  }
  engine::ApiResult<model::Gateway> update_gateway(const model::Gateway& g) override {
    return fake.update_gateway(g);
  }
  engine::ApiStatus delete_gateway(const std::string& id) override {
    return fake.delete_gateway(id);
  }
  engine::ApiResult<std::vector<model::Dataset>> list_datasets(const std::string& gw) override {
    return fake.list_datasets(gw);
  }
  engine::ApiResult<model::Dataset> create_dataset(const model::Dataset& d) override {
    return fake.create_dataset(d);
  }
  engine::ApiResult<model::Dataset> update_dataset(const model::Dataset& d) override {
    return fake.update_dataset(d);
  }
  engine::ApiStatus delete_dataset(const std::string& gw, const std::string& id) override {
    return fake.delete_dataset(gw, id);
  }
  engine::ApiResult<std::vector<model::ProviderConfig>>
  list_provider_configs(const std::string& gw) override {
    return fake.list_provider_configs(gw);
  }
  engine::ApiResult<model::ProviderConfig>
  create_provider_config(const model::ProviderConfig& c) override {
    return fake.create_provider_config(c);
  }
  engine::ApiResult<std::vector<model::Route>> list_routes(const std::string& gw) override {
    return fake.list_routes(gw);
  }
  engine::ApiResult<model::Route> create_route(const model::Route& r) override {
    return fake.create_route(r);
  }
  engine::ApiResult<model::Route> rename_route(const std::string& gw, const std::string& id,
                                               const std::string& name) override {
    return fake.rename_route(gw, id, name);
  }
  engine::ApiStatus delete_route(const std::string& gw, const std::string& id) override {
    return fake.delete_route(gw, id);
  }
  engine::ApiResult<std::vector<model::RouteVersion>>
  list_route_versions(const std::string& gw, const std::string& id) override {
    return fake.list_route_versions(gw, id);
  }
  engine::ApiStatus create_route_version(const std::string& gw, const std::string& id,
                                         const std::vector<model::RouteElement>& e) override {
    return fake.create_route_version(gw, id, e);
  }
  engine::ApiStatus create_route_deployment(const std::string& gw, const std::string& id,
                                            const std::string& version) override {
    return fake.create_route_deployment(gw, id, version);
  }
  engine::ApiResult<std::optional<model::SpendingLimit>> get_spending_limit() override {
    return fake.get_spending_limit();
  }
  engine::ApiStatus set_spending_limit(const model::SpendingLimit& l) override {
    return fake.set_spending_limit(l);
  }
  engine::ApiStatus delete_spending_limit() override { return fake.delete_spending_limit(); }
  engine::ApiResult<std::optional<model::AutoTopup>> get_auto_topup() override {
    return fake.get_auto_topup();
  }
  engine::ApiStatus set_auto_topup(const model::AutoTopup& t) override {
    return fake.set_auto_topup(t);
  }
  engine::ApiStatus delete_auto_topup() override { return fake.delete_auto_topup(); }
  [[nodiscard]] engine::ApiStats stats() const override { return fake.stats(); }
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
