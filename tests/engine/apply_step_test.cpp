// Each change kind makes the right API calls, in the right order.

#include "engine/apply.h"
#include "fakes/fake_gateway_api.h"
#include "model/kind_spec.h"

#include "apply_test_plans.h"
#include "forwarding_gateway_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::test {
namespace {

using engine::ChangeKind;
using model::ResourceKind;
using testing::ElementsAre;

engine::ApplyReport apply(FakeGatewayApi& api, const engine::Plan& plan, int parallelism = 1) {
  engine::ApplyOptions options;
  options.parallelism = parallelism;
  return engine::apply_plan(api, plan, options);
}

TEST(ApplyStep, GatewayCreateThenPutsFieldsCreateDoesNotTake) {
  FakeGatewayApi api;
  model::Object body{{"cache_ttl", 300},
                     {"guardrails", model::Object{{"prompt", model::Object{{"S1", "BLOCK"}}}}}};
  auto report = apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::gateway,
                                                  "support-bot", "", body)}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST gateway support-bot", "PUT gateway support-bot"));
  ASSERT_EQ(api.state.gateways.size(), 1U);
  const auto& fields = api.state.gateways[0].fields;
  EXPECT_EQ(fields.at("cache_ttl"), model::Value(300));
  EXPECT_EQ(fields.at("guardrails").to_json(), R"({"prompt":{"S1":"BLOCK"}})");
  EXPECT_EQ(report.steps[0].detail, "created, then set guardrails");
}

TEST(ApplyStep, GatewayCreateWithOnlyCreateFieldsMakesOneCall) {
  FakeGatewayApi api;
  auto report = apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::gateway, "gw",
                                                  "", {{"cache_ttl", 60}})}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST gateway gw"));
}

TEST(ApplyStep, GatewayUpdatePutsTheChangeBodyAndDeleteDeletes) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {{"cache_ttl", 10}}, {}});
  api.state.gateways.push_back({"old", {}, {}});
  auto report = apply(api, make_plan({
                               make_change(ChangeKind::update, ResourceKind::gateway, "gw", "",
                                           {{"cache_ttl", 20}, {"collect_logs", true}}),
                               make_change(ChangeKind::remove, ResourceKind::gateway, "old"),
                           }));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("PUT gateway gw", "DELETE gateway old"));
  ASSERT_EQ(api.state.gateways.size(), 1U);
  EXPECT_EQ(api.state.gateways[0].fields.at("cache_ttl"), model::Value(20));
}

TEST(ApplyStep, DatasetCreateUpdateDelete) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.state.datasets.push_back({"gw", "keep", "ds-a", {{"enable", false}}, {}});
  api.state.datasets.push_back({"gw", "drop", "ds-b", {{"enable", true}}, {}});
  auto update = make_change(ChangeKind::update, ResourceKind::dataset, "gw", "keep",
                            {{"enable", true}, {"filters", model::Array{}}});
  update.server_id = "ds-a";
  auto drop = make_change(ChangeKind::remove, ResourceKind::dataset, "gw", "drop");
  drop.server_id = "ds-b";
  auto report =
      apply(api, make_plan({make_change(ChangeKind::create, ResourceKind::dataset, "gw", "fresh",
                                        {{"enable", true}, {"filters", model::Array{}}}),
                            update, drop}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST dataset gw/fresh", "PUT dataset gw/keep",
                                       "DELETE dataset gw/ds-b"));
  ASSERT_EQ(api.state.datasets.size(), 2U);
  EXPECT_EQ(api.state.datasets[0].fields.at("enable"), model::Value(true));
  EXPECT_EQ(api.state.datasets[1].name, "fresh");
}

TEST(ApplyStep, ProviderConfigCreateCarriesTheSecret) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  auto create = make_change(ChangeKind::create, ResourceKind::provider_config, "gw", "openai/main",
                            {{"default_config", true}});
  create.secret = Secret("sk-test-secret-value");
  create.secret_env = "OPENAI_API_KEY";
  auto report = apply(api, make_plan({create}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST provider_config gw/openai/main"));
  ASSERT_EQ(api.state.provider_configs.size(), 1U);
  EXPECT_EQ(api.state.provider_configs[0].provider_slug, "openai");
  EXPECT_EQ(api.state.provider_configs[0].alias, "main");
  EXPECT_EQ(api.state.provider_configs[0].secret->reveal(), "sk-test-secret-value");
}

TEST(ApplyStep, ProviderConfigCannotFixIsReportedNotApplied) {
  FakeGatewayApi api;
  auto drift = make_change(ChangeKind::cannot_fix, ResourceKind::provider_config, "gw", "openai/main");
  drift.reason = "provider configs cannot be updated";
  auto report = apply(api, make_plan({drift}));
  EXPECT_TRUE(report.ok());
  EXPECT_TRUE(api.calls().empty());
  EXPECT_EQ(report.steps[0].detail, "not applied: provider configs cannot be updated");
}

TEST(ApplyStep, RouteCreateRenameDelete) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.state.routes.push_back({"gw", "old-name", "rt-a", route_graph("m1"), "v-a", {}});
  api.state.routes.push_back({"gw", "gone", "rt-b", route_graph("m1"), "v-b", {}});
  auto create = make_change(ChangeKind::create, ResourceKind::route, "gw", "chat");
  create.elements = route_graph("gpt-4o-mini");
  auto rename = make_change(ChangeKind::update, ResourceKind::route, "gw", "new-name");
  rename.server_id = "rt-a";
  auto drop = make_change(ChangeKind::remove, ResourceKind::route, "gw", "gone");
  drop.server_id = "rt-b";
  auto report = apply(api, make_plan({create, rename, drop}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST route gw/chat", "PATCH route gw/rt-a",
                                       "DELETE route gw/rt-b"));
  ASSERT_EQ(api.state.routes.size(), 2U);
  EXPECT_EQ(api.state.routes[0].name, "new-name");
  EXPECT_EQ(api.state.routes[1].name, "chat");
  EXPECT_EQ(api.state.routes[1].elements, route_graph("gpt-4o-mini"));
}

/// A fake with gateway gw and route chat (server id rt-1, version v-2 deployed).
FakeGatewayApi& with_route(FakeGatewayApi& api) {
  api.state.gateways.push_back({"gw", {}, {}});
  auto created = api.create_route({"gw", "chat", "", route_graph("m1"), "", {}});
  EXPECT_TRUE(created.ok());
  return api;
}

TEST(ApplyStep, ChangedElementsAddAVersionFoundByListingThenDeployIt) {
  FakeGatewayApi api;
  with_route(api);
  const auto route_id = api.state.routes[0].server_id;
  auto change = make_change(ChangeKind::deploy_new_version, ResourceKind::route, "gw", "chat");
  change.server_id = route_id;
  change.elements = route_graph("m2");
  auto report = apply(api, make_plan({change}));
  ASSERT_TRUE(report.ok()) << report.steps[0].error->to_string();
  const auto& versions = api.versions[route_id];
  ASSERT_EQ(versions.size(), 2U);
  const auto new_id = versions[1].version_id;
  EXPECT_THAT(api.calls(),
              ElementsAre("POST route gw/chat", "GET versions gw/" + route_id,
                          "POST version gw/" + route_id, "GET versions gw/" + route_id,
                          "POST deployment gw/" + route_id + " " + new_id));
  EXPECT_EQ(api.state.routes[0].deployed_version_id, new_id);
  EXPECT_EQ(api.state.routes[0].elements, route_graph("m2"));
  EXPECT_EQ(report.steps[0].detail, "deployed new version " + new_id);
}

/// Someone else adds a version (model `theirs`) at the moment apply adds its own.
class ConcurrentVersionWriter final : public ForwardingGatewayApi {
public:
  std::string theirs = "m-theirs";
  engine::ApiStatus create_route_version(const std::string& gw, const std::string& id,
                                         const std::vector<model::RouteElement>& e) override {
    EXPECT_TRUE(fake.create_route_version(gw, id, route_graph(theirs)).ok());
    return fake.create_route_version(gw, id, e);
  }
};

TEST(ApplyStep, WithSeveralNewVersionsTheOneWithTheDesiredElementsIsDeployed) {
  ConcurrentVersionWriter api;
  api.fake.state.gateways.push_back({"gw", {}, {}});
  ASSERT_TRUE(api.fake.create_route({"gw", "chat", "", route_graph("m1"), "", {}}).ok());
  const auto route_id = api.fake.state.routes[0].server_id;
  auto change = make_change(ChangeKind::deploy_new_version, ResourceKind::route, "gw", "chat");
  change.server_id = route_id;
  change.elements = route_graph("m2");
  auto report = engine::apply_plan(api, make_plan({change}), {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(api.fake.versions[route_id].size(), 3U);
  EXPECT_EQ(api.fake.state.routes[0].deployed_version_id, api.fake.versions[route_id][2].version_id);
  EXPECT_EQ(api.fake.state.routes[0].elements, route_graph("m2"));
}

/// Two foreign versions appear and ours, though acknowledged, is not listed.
class OnlyForeignVersions final : public ForwardingGatewayApi {
public:
  engine::ApiStatus create_route_version(const std::string& gw, const std::string& id,
                                         const std::vector<model::RouteElement>&) override {
    EXPECT_TRUE(fake.create_route_version(gw, id, route_graph("a")).ok());
    EXPECT_TRUE(fake.create_route_version(gw, id, route_graph("b")).ok());
    return Unit{};
  }
};

TEST(ApplyStep, WhenNoNewVersionCanBeToldApartNothingIsDeployed) {
  OnlyForeignVersions api;
  api.fake.state.gateways.push_back({"gw", {}, {}});
  ASSERT_TRUE(api.fake.create_route({"gw", "chat", "", route_graph("m1"), "", {}}).ok());
  auto change = make_change(ChangeKind::deploy_new_version, ResourceKind::route, "gw", "chat");
  change.server_id = api.fake.state.routes[0].server_id;
  change.elements = route_graph("m2");
  auto report = engine::apply_plan(api, make_plan({change}), {});
  EXPECT_EQ(report.failed, 1U);
  ASSERT_TRUE(report.steps[0].error.has_value());
  EXPECT_THAT(report.steps[0].error->to_string(),
              testing::HasSubstr("the versions list does not show it"));
  EXPECT_EQ(api.fake.state.routes[0].elements, route_graph("m1"));
}

TEST(ApplyStep, RedeployDeploysTheExistingVersion) {
  FakeGatewayApi api;
  with_route(api);
  const auto route_id = api.state.routes[0].server_id;
  const auto first = api.state.routes[0].deployed_version_id;
  ASSERT_TRUE(api.create_route_version("gw", route_id, route_graph("m2")).ok());
  const auto second = api.versions[route_id][1].version_id;
  ASSERT_TRUE(api.create_route_deployment("gw", route_id, second).ok());
  auto change = make_change(ChangeKind::redeploy_version, ResourceKind::route, "gw", "chat");
  change.server_id = route_id;
  change.version_id = first;
  auto report = apply(api, make_plan({change}));
  ASSERT_TRUE(report.ok());
  EXPECT_EQ(api.calls().back(), "POST deployment gw/" + route_id + " " + first);
  EXPECT_EQ(api.state.routes[0].deployed_version_id, first);
  EXPECT_EQ(api.versions[route_id].size(), 2U);
}

TEST(ApplyStep, BillingSetAndDelete) {
  FakeGatewayApi api;
  api.state.auto_topup = model::AutoTopup{{{"amount", 5000}, {"threshold", 500}}, {}};
  auto limit = make_change(ChangeKind::create, ResourceKind::spending_limit, "", "",
                           {{"amount", 10000}, {"duration", "monthly"}, {"strategy", "fixed"}});
  limit.billing = true;
  auto topup = make_change(ChangeKind::remove, ResourceKind::auto_topup, "");
  topup.billing = true;
  auto report = apply(api, make_plan({limit, topup}));
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(api.calls(), ElementsAre("POST spending_limit", "DELETE auto_topup"));
  ASSERT_TRUE(api.state.spending_limit.has_value());
  EXPECT_EQ(api.state.spending_limit->fields.at("amount"), model::Value(10000));
  EXPECT_FALSE(api.state.auto_topup.has_value());
}

} // namespace
} // namespace aigw::test

namespace aigw::test {
namespace {

TEST(ApplyStep, WhatTheKindTableSaysTheApiCannotDoIsRefusedWithoutARequest) {
  for (const auto& spec : model::all_kinds()) {
    if (spec.kind == ResourceKind::custom_provider) {
      continue; // replaced by its own behaviour (apply_custom_provider)
    }
    std::vector<engine::Change> changes;
    if (spec.update == model::UpdateMethod::none) {
      changes.push_back(make_change(ChangeKind::update, spec.kind, "gw", "a/b"));
    }
    if (!spec.can_delete) {
      changes.push_back(make_change(ChangeKind::remove, spec.kind, "gw", "a/b"));
    }
    for (const auto& change : changes) {
      SCOPED_TRACE(std::string(spec.name) + " " + std::string(engine::change_kind_name(change.kind)));
      FakeGatewayApi api;
      auto report = engine::apply_plan(api, make_plan({change}), {});
      EXPECT_EQ(report.failed, 1U);
      ASSERT_TRUE(report.steps[0].error.has_value());
      EXPECT_THAT(report.steps[0].error->to_string(),
                  testing::HasSubstr(std::string(spec.name) + "s cannot be " +
                                     (change.kind == ChangeKind::update ? "updated" : "deleted") +
                                     " through the API"));
      EXPECT_TRUE(api.calls().empty());
    }
  }
}

} // namespace
} // namespace aigw::test
