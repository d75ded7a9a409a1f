// Fingerprints for stale-plan detection, and plan-time route version lookup.

#include "engine/fingerprint.h"
#include "engine/plan_fixtures.h"
#include "engine/planner.h"
#include "engine/route_versions.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

model::Desired desired_with_dataset() {
  model::Desired desired;
  desired.resources.gateways.push_back({"gw", {}, {}});
  desired.resources.datasets.push_back({"gw", "d", "", {{"enable", true}}, {}});
  return desired;
}

TEST(Fingerprints, CoverDeclaredAndLiveObjects) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway("gw"));
  live.datasets.push_back(test::live_dataset("gw", "extra", "ds-1"));
  const auto prints = fingerprints_for(desired_with_dataset(), test::read_everything(live));
  ASSERT_EQ(prints.size(), 3u);
  EXPECT_EQ(prints[0].address, "dataset gw/d");
  EXPECT_EQ(prints[0].hash, "absent");
  EXPECT_EQ(prints[1].address, "dataset gw/extra");
  EXPECT_EQ(prints[1].hash.size(), 16u);
  EXPECT_EQ(prints[2].address, "gateway gw");
}

TEST(Fingerprints, NumberFormsAndSetOrderHashTheSame) {
  model::Resources a;
  a.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300}}));
  model::Resources b;
  b.gateways.push_back(test::live_gateway("gw", {{"cache_ttl", 300.0}}));
  EXPECT_EQ(live_hash(test::read_everything(a), "gateway gw"),
            live_hash(test::read_everything(b), "gateway gw"));
}

TEST(FindStale, ReportsChangedAppearedAndVanishedObjects) {
  model::Resources before;
  before.gateways.push_back(test::live_gateway("gw"));
  before.datasets.push_back(test::live_dataset("gw", "extra", "ds-1"));
  const auto prints = fingerprints_for(desired_with_dataset(), test::read_everything(before));
  EXPECT_TRUE(find_stale(prints, test::read_everything(before)).empty());

  model::Resources after = before;
  after.gateways[0].fields["cache_ttl"] = 5;
  after.datasets.clear();
  after.datasets.push_back(test::live_dataset("gw", "d", "ds-2"));
  EXPECT_EQ(find_stale(prints, test::read_everything(after)),
            (std::vector<std::string>{"dataset gw/d", "dataset gw/extra", "gateway gw"}));
}

TEST(FindStale, AChildThatWasNotThereWhenPlanningIsStale) {
  model::Resources before;
  before.gateways.push_back(test::live_gateway("gw"));
  const auto prints = fingerprints_for(desired_with_dataset(), test::read_everything(before));
  model::Resources after = before;
  after.routes.push_back(test::live_route("gw", "late", "rt-1", test::model_graph("m")));
  after.gateways.push_back(test::live_gateway("elsewhere")); // any gateway: not recorded
  EXPECT_EQ(find_stale(prints, test::read_everything(after)),
            std::vector<std::string>{"route gw/late"});
}

TEST(RouteVersions, MatchingVersionIsRedeployedOthersGetANewOne) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw"));
  api.state.routes.push_back(test::live_route("gw", "a", "rt-a", test::model_graph("new")));
  api.state.routes.push_back(test::live_route("gw", "b", "rt-b", test::model_graph("new")));
  api.versions["rt-a"] = {{"v-1", "t", false, test::model_graph("old")},
                          {"v-2", "t", true, test::model_graph("new")}};
  api.versions["rt-b"] = {{"v-3", "t", true, test::model_graph("new")}};

  model::Desired desired;
  desired.resources.gateways.push_back({"gw", {}, {}});
  auto old_reversed = test::model_graph("old");
  std::reverse(old_reversed.begin(), old_reversed.end());
  desired.resources.routes.push_back({"gw", "a", "", old_reversed, "", {}});
  desired.resources.routes.push_back({"gw", "b", "", test::model_graph("other"), "", {}});
  auto live = read_live(api, query_for(desired));
  ASSERT_TRUE(live.ok());
  auto plan = build_plan(desired, *live, {});
  ASSERT_TRUE(plan.ok());
  const auto before = api.stats().requests;
  ASSERT_TRUE(resolve_route_versions(api, *plan, 4).ok());
  EXPECT_EQ(api.stats().requests, before + 2);
  ASSERT_EQ(plan->changes.size(), 2u);
  EXPECT_EQ(plan->changes[0].kind, ChangeKind::redeploy_version);
  EXPECT_EQ(plan->changes[0].version_id, "v-1");
  EXPECT_EQ(plan->changes[1].kind, ChangeKind::deploy_new_version);
  EXPECT_TRUE(plan->changes[1].version_id.empty());
}

} // namespace
} // namespace aigw::engine
