// A request whose response is lost is resolved by re-reading: never a duplicate object.

#include "engine/apply.h"
#include "fakes/fake_gateway_api.h"

#include "apply_test_plans.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>

namespace aigw::test {
namespace {

using engine::ApiError;
using engine::ChangeKind;
using model::ResourceKind;
using testing::ElementsAre;

ApiError error_of(ApiError::Kind kind) {
  ApiError e;
  e.kind = kind;
  e.method = "POST";
  e.message = "response lost";
  return e;
}

engine::ApplyReport apply(FakeGatewayApi& api, const engine::Plan& plan) {
  return engine::apply_plan(api, plan, engine::ApplyOptions{1, {}});
}

TEST(ApplyRecovery, LostDatasetCreateThatLandedIsNotRepeated) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.fail_next("POST dataset", error_of(ApiError::Kind::outcome_unknown), true);
  auto report = apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::dataset, "gw",
                                                  "failures", {{"enable", true}})}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST dataset gw/failures", "GET datasets gw"));
  EXPECT_EQ(api.state.datasets.size(), 1U);
  EXPECT_EQ(report.steps[0].detail, "created (after re-reading a lost response)");
}

TEST(ApplyRecovery, LostDatasetCreateThatDidNotLandIsSentOnceMore) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.fail_next("POST dataset", error_of(ApiError::Kind::timeout), false);
  auto report = apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::dataset, "gw",
                                                  "failures", {{"enable", true}})}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST dataset gw/failures", "GET datasets gw",
                                       "POST dataset gw/failures"));
  EXPECT_EQ(api.state.datasets.size(), 1U);
}

TEST(ApplyRecovery, LostRouteAndProviderConfigCreatesAreNotDuplicated) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.fail_next("POST route", error_of(ApiError::Kind::outcome_unknown), true);
  api.fail_next("POST provider_config", error_of(ApiError::Kind::network), true);
  auto route = make_change(ChangeKind::create, ResourceKind::route, "gw", "chat");
  route.elements = route_graph("m1");
  auto config = make_change(ChangeKind::create, ResourceKind::provider_config, "gw", "openai/main");
  config.secret = Secret("sk-lost-response-secret");
  auto report = apply(api, make_plan({route, config}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST route gw/chat", "GET routes gw",
                                       "POST provider_config gw/openai/main",
                                       "GET provider_configs gw"));
  EXPECT_EQ(api.state.routes.size(), 1U);
  EXPECT_EQ(api.state.provider_configs.size(), 1U);
}

TEST(ApplyRecovery, LostGatewayCreateStillGetsItsFollowUpPut) {
  FakeGatewayApi api;
  api.fail_next("POST gateway", error_of(ApiError::Kind::outcome_unknown), true);
  auto report = apply(api, make_plan({make_change(
                               ChangeKind::create, ResourceKind::gateway, "gw", "",
                               {{"store_id", "store-1"}, {"collect_logs", true}})}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST gateway gw", "GET gateways", "PUT gateway gw"));
  ASSERT_EQ(api.state.gateways.size(), 1U);
  EXPECT_EQ(api.state.gateways[0].fields.at("store_id"), model::Value("store-1"));
}

/// Applies a new version (model m2) of route gw/chat when its POST's response is lost,
/// after the POST landed (landed=true) or not; returns the route's server id.
std::string deploy_with_lost_version_post(FakeGatewayApi& api, bool landed) {
  api.state.gateways.push_back({"gw", {}, {}});
  EXPECT_TRUE(api.create_route({"gw", "chat", "", route_graph("m1"), "", {}}).ok());
  const auto route_id = api.state.routes[0].server_id;
  api.fail_next("POST version", error_of(ApiError::Kind::outcome_unknown), landed);
  auto change = make_change(ChangeKind::deploy_new_version, ResourceKind::route, "gw", "chat");
  change.server_id = route_id;
  change.elements = route_graph("m2");
  EXPECT_TRUE(apply(api, make_plan({change})).ok());
  return route_id;
}

TEST(ApplyRecovery, LostVersionCreateIsFoundInTheVersionsList) {
  FakeGatewayApi api;
  const auto route_id = deploy_with_lost_version_post(api, true);
  EXPECT_EQ(api.versions[route_id].size(), 2U);
  EXPECT_EQ(api.state.routes[0].elements, route_graph("m2"));
  const auto calls = api.calls();
  EXPECT_EQ(std::count(calls.begin(), calls.end(), "POST version gw/" + route_id), 1);
}

TEST(ApplyRecovery, LostVersionCreateThatDidNotLandIsPostedOnceMore) {
  FakeGatewayApi api;
  const auto route_id = deploy_with_lost_version_post(api, false);
  EXPECT_EQ(api.versions[route_id].size(), 2U);
  EXPECT_EQ(api.state.routes[0].deployed_version_id, api.versions[route_id][1].version_id);
  const auto calls = api.calls();
  EXPECT_EQ(std::count(calls.begin(), calls.end(), "POST version gw/" + route_id), 2);
}

TEST(ApplyRecovery, LostDeleteResponseCountsAsDeleted) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.state.datasets.push_back({"gw", "old", "ds-1", {}, {}});
  api.fail_next("DELETE dataset", error_of(ApiError::Kind::network), true);
  auto drop = make_change(ChangeKind::remove, ResourceKind::dataset, "gw", "old");
  drop.server_id = "ds-1";
  auto report = apply(api, make_plan({drop}));
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(api.state.datasets.empty());
  EXPECT_EQ(report.steps[0].detail, "already deleted");
}

TEST(ApplyRecovery, AnHttpErrorIsNotRetried) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  ApiError rejected = error_of(ApiError::Kind::http);
  rejected.status = 400;
  rejected.errors.push_back({7003, "invalid filter"});
  api.fail_next("POST dataset", rejected);
  auto report = apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::dataset, "gw",
                                                  "failures")}));
  EXPECT_FALSE(report.ok());
  EXPECT_EQ(report.failed, 1U);
  EXPECT_THAT(api.calls(), ElementsAre("POST dataset gw/failures"));
  ASSERT_TRUE(report.steps[0].error.has_value());
  EXPECT_THAT(report.steps[0].error->to_string(), testing::HasSubstr("[7003] invalid filter"));
}

} // namespace
} // namespace aigw::test
