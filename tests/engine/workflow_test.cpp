// make_plan against the recording fake: the whole plan workflow the commands share (read,
// diff, resolve route versions, traffic impact and --max-impact, count requests).

#include "engine/workflow.h"
#include "engine/plan_fixtures.h"
#include "engine/targeting.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

model::Desired declaring_gateway(const std::string& id, model::Object fields) {
  model::Desired desired;
  desired.account_id = "acct";
  desired.resources.gateways.push_back({id, std::move(fields), {}});
  return desired;
}

ApiError server_error() {
  ApiError e;
  e.kind = ApiError::Kind::http;
  e.status = 500;
  e.message = "internal error";
  return e;
}

TEST(MakePlan, ReadsDiffsAndCountsRequests) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 60.0}}));
  const auto run = make_plan(api, declaring_gateway("gw", {{"cache_ttl", 300}}), {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_EQ(run->plan.changes.size(), 1u);
  EXPECT_EQ(run->plan.changes[0].kind, ChangeKind::update);
  EXPECT_EQ(run->plan.changes[0].address(), "gateway gw");
  // One gateway list plus three child lists of the declared gateway.
  EXPECT_EQ(run->plan.api_requests, 4u);
  EXPECT_EQ(run->plan.api_requests, api.stats().requests);
  EXPECT_EQ(run->live.children_read, std::vector<std::string>{"gw"});
  EXPECT_EQ(run->plan.read_gateways, std::vector<std::string>{"gw"});
  EXPECT_FALSE(run->plan.fingerprints.empty());
}

TEST(MakePlan, EmptyPlanWhenLiveMatches) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  const auto run = make_plan(api, declaring_gateway("gw", {{"cache_ttl", 300}}), {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  EXPECT_FALSE(run->plan.has_changes());
}

TEST(MakePlan, RedeploysAnExistingVersionWithTheDesiredElements) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw"));
  api.state.routes.push_back(test::live_route("gw", "chat", "rt-1", test::model_graph("new")));
  api.state.routes.back().deployed_version_id = "v-2";
  api.versions["rt-1"] = {{"v-1", "2026-01-01T00:00:00Z", false, test::model_graph("old")},
                          {"v-2", "2026-01-02T00:00:00Z", true, test::model_graph("new")}};
  auto desired = declaring_gateway("gw", {});
  desired.resources.routes.push_back({"gw", "chat", "", test::model_graph("old"), "", {}});
  const auto run = make_plan(api, desired, {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_EQ(run->plan.changes.size(), 1u);
  EXPECT_EQ(run->plan.changes[0].kind, ChangeKind::redeploy_version);
  EXPECT_EQ(run->plan.changes[0].version_id, "v-1");
  // The versions list is counted too.
  EXPECT_EQ(run->plan.api_requests, 5u);
}

TEST(MakePlan, ReadFailureNamesTheStep) {
  test::FakeGatewayApi api;
  api.fail_next("GET gateways", server_error());
  const auto run = make_plan(api, declaring_gateway("gw", {}), {});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().step, WorkflowError::Step::read_live);
  ASSERT_TRUE(run.error().api_error.has_value());
  EXPECT_EQ(run.error().api_error->status, 500);
  EXPECT_EQ(run.error().to_string().rfind("reading live state: ", 0), 0u);
}

TEST(MakePlan, VersionListFailureNamesTheStep) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw"));
  api.state.routes.push_back(test::live_route("gw", "chat", "rt-1", test::model_graph("a")));
  auto desired = declaring_gateway("gw", {});
  desired.resources.routes.push_back({"gw", "chat", "", test::model_graph("b"), "", {}});
  api.fail_next("GET versions", server_error());
  const auto run = make_plan(api, desired, {});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.error().step, WorkflowError::Step::list_route_versions);
  EXPECT_EQ(run.error().to_string().rfind("listing route versions: ", 0), 0u);
}

TEST(MakePlan, SafetyRefusalIsAPlanErrorAndForceLiftsIt) {
  test::FakeGatewayApi api;
  for (int i = 0; i < 10; ++i) {
    api.state.gateways.push_back(test::live_gateway("gw-" + std::to_string(i)));
  }
  model::Desired desired;
  desired.account_id = "acct";
  desired.prune = true;
  desired.resources.gateways.push_back({"gw-0", {}, {}});
  const auto refused = make_plan(api, desired, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().step, WorkflowError::Step::build_plan);
  ASSERT_TRUE(refused.error().plan_error.has_value());
  EXPECT_EQ(refused.error().to_string(), refused.error().plan_error->to_string());

  MakePlanOptions forced;
  forced.plan.force = true;
  const auto run = make_plan(api, desired, forced);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  EXPECT_EQ(run->plan.counts().remove, 9u);
}

TEST(MakePlan, TargetsReadOnlyTheTargetedGatewaysAndWarn) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("team-a", {{"cache_ttl", 60.0}}));
  api.state.gateways.push_back(test::live_gateway("team-b", {{"cache_ttl", 60.0}}));
  auto desired = declaring_gateway("team-a", {{"cache_ttl", 300}});
  desired.resources.gateways.push_back({"team-b", {{"cache_ttl", 300}}, {}});
  MakePlanOptions options;
  options.targets = {"team-a"};
  const auto run = make_plan(api, restrict_to_targets(desired, options.targets), options);
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_EQ(run->plan.changes.size(), 1u);
  EXPECT_EQ(run->plan.changes[0].address(), "gateway team-a");
  EXPECT_EQ(run->plan.warnings, std::vector<std::string>{targeting_warning(options.targets)});
  for (const auto& call : api.calls()) {
    EXPECT_EQ(call.find("team-b"), std::string::npos) << call;
  }
}

/// Desired state that, with prune, deletes the live gateway "busy" and keeps "gw".
model::Desired pruning_busy(test::FakeGatewayApi& api, int busy_requests) {
  api.state.gateways.push_back(test::live_gateway("gw"));
  api.state.gateways.push_back(test::live_gateway("busy"));
  for (int i = 0; i < busy_requests; ++i) {
    api.logs.push_back({"busy", std::chrono::system_clock::now(), true, "gpt-4o-mini"});
  }
  auto desired = declaring_gateway("gw", {});
  desired.prune = true;
  return desired;
}

TEST(MakePlan, ReadsTheTrafficOfDeletesAndCountsItsRequests) {
  test::FakeGatewayApi api;
  const auto run = make_plan(api, pruning_busy(api, 3), {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_EQ(run->plan.changes.size(), 1u);
  ASSERT_TRUE(run->plan.changes[0].impact.has_value());
  EXPECT_TRUE(run->plan.changes[0].impact->known);
  EXPECT_EQ(run->plan.changes[0].impact->requests, 3u);
  EXPECT_EQ(run->plan.api_requests, api.stats().requests); // the log reads included

  MakePlanOptions off;
  off.impact.mode = ImpactMode::off;
  test::FakeGatewayApi quiet;
  const auto without = make_plan(quiet, pruning_busy(quiet, 3), off);
  ASSERT_TRUE(without.ok());
  EXPECT_FALSE(without->plan.changes[0].impact.has_value());
}

TEST(MakePlan, MaxImpactRefusesABusyDeleteUnlessForced) {
  test::FakeGatewayApi api;
  const auto desired = pruning_busy(api, 3);
  MakePlanOptions options;
  options.max_impact = 2;
  const auto refused = make_plan(api, desired, options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().step, WorkflowError::Step::build_plan);
  EXPECT_EQ(refused.error().to_string(),
            "refusing a plan over --max-impact 2 (use --force to override):\n"
            "  gateway busy served 3 requests in the last 24h");
  options.max_impact = 3;
  EXPECT_TRUE(make_plan(api, desired, options).ok());
  options.max_impact = 0;
  options.plan.force = true;
  EXPECT_TRUE(make_plan(api, desired, options).ok());
}

} // namespace
} // namespace aigw::engine
