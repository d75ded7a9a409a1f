// build_plan: change kinds, bodies for the executor, prune, scope, duplicates, billing.

#include "engine/planner.h"
#include "engine/plan_fixtures.h"
#include "util/concat.h"

#include <gtest/gtest.h>

#include <utility>

#include <algorithm>

namespace aigw::engine {
namespace {

using model::Array;
using model::Object;
using model::ResourceKind;
using test::live_dataset;
using test::live_gateway;
using test::live_route;
using test::model_graph;
using test::read_everything;

Plan plan_ok(const model::Desired& desired, const LiveState& live, PlanOptions options = {}) {
  auto result = build_plan(desired, live, options);
  EXPECT_TRUE(result.ok()) << (result.ok() ? "" : result.error().to_string());
  return result.ok() ? std::move(result.value()) : Plan{};
}

std::vector<std::string> summary(const Plan& plan) {
  std::vector<std::string> out;
  for (const auto& c : plan.changes) {
    out.push_back(std::string(change_kind_name(c.kind)) + " " + c.address());
  }
  return out;
}

model::Desired one_gateway(model::Object fields = {{"cache_ttl", 300}}) {
  model::Desired d;
  d.account_id = "acct";
  d.resources.gateways.push_back({"gw", std::move(fields), {}});
  return d;
}

TEST(Planner, EmptyWhenLiveMatches) {
  model::Desired desired = one_gateway();
  desired.resources.datasets.push_back({"gw", "failures", "", {{"enable", true}}, {}});
  desired.resources.routes.push_back({"gw", "chat", "", model_graph("m"), "", {}});
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300.0}}));
  live.datasets.push_back(live_dataset("gw", "failures", "ds-1"));
  live.routes.push_back(live_route("gw", "chat", "rt-1", model_graph("m", 2.0)));
  const Plan plan = plan_ok(desired, read_everything(live));
  EXPECT_TRUE(plan.changes.empty());
  EXPECT_FALSE(plan.has_changes());
}

TEST(Planner, GatewayCreateWithFollowUpForFieldsCreateRefuses) {
  model::Desired desired = one_gateway(
      {{"cache_ttl", 300}, {"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}});
  desired.resources.datasets.push_back({"gw", "failures", "", {{"filters", Array{}}}, {}});
  const Plan plan = plan_ok(desired, read_everything({}));
  ASSERT_EQ(summary(plan), (std::vector<std::string>{"create gateway gw", "update gateway gw",
                                                     "create dataset gw/failures"}));
  const Change& create = plan.changes[0];
  EXPECT_EQ(create.body.at("cache_ttl"), model::Value(300));
  EXPECT_EQ(create.body.at("collect_logs"), model::Value(true)); // create default
  EXPECT_FALSE(create.body.contains("guardrails"));
  const Change& follow_up = plan.changes[1];
  EXPECT_EQ(follow_up.depends_on, std::vector<std::size_t>{0});
  EXPECT_TRUE(follow_up.body.contains("guardrails"));
  EXPECT_TRUE(follow_up.body.contains("collect_logs"));
  // The child waits for the follow-up too: the gateway is protected before it has children.
  EXPECT_EQ(plan.changes[2].depends_on, (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(plan.changes[2].body.at("enable"), model::Value(true)); // create default
}

TEST(Planner, RotatedSecretIsDriftThatCannotBeFixedAndAnUnsetOneIsNotCompared) {
  model::Desired desired = one_gateway();
  model::ProviderConfig config{"gw", "openai", "main", "", {}, Secret("sk-new-key-000222"),
                               "OPENAI_API_KEY", {}};
  desired.resources.provider_configs = {config};
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.provider_configs.push_back(
      {"gw", "openai", "main", "pc-1", {{"secret_preview", "sk-...111"}}, {}, "", {}});
  const Plan plan = plan_ok(desired, read_everything(live));
  ASSERT_EQ(summary(plan), std::vector<std::string>{"cannot_fix provider config gw/openai/main"});
  EXPECT_NE(plan.changes[0].reason.find("secret_preview shows a different secret"),
            std::string::npos);
  ASSERT_EQ(plan.changes[0].diff.size(), 1u);
  EXPECT_EQ(plan.changes[0].diff[0].path, "secret");
  EXPECT_TRUE(plan.changes[0].diff[0].sensitive);

  desired.resources.provider_configs[0].secret.reset(); // a pull-request plan without the key
  EXPECT_TRUE(plan_ok(desired, read_everything(live)).changes.empty());
}

TEST(Planner, UnsetSecretStillPlansTheCreateNamingItsVariable) {
  model::Desired desired = one_gateway();
  desired.resources.provider_configs = {
      {"gw", "openai", "main", "", {}, std::nullopt, "OPENAI_API_KEY", {}}};
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  const Plan plan = plan_ok(desired, read_everything(live));
  ASSERT_EQ(summary(plan), std::vector<std::string>{"create provider config gw/openai/main"});
  EXPECT_FALSE(plan.changes[0].secret.has_value());
  EXPECT_EQ(plan.changes[0].secret_env, "OPENAI_API_KEY");
}

/// Live: dataset old-set (ds-1) and route chat (rt-1); desired: dataset new-set and route
/// chat-v2, each `renamed_from` the given old name.
std::pair<model::Desired, model::Resources> renames(const std::string& dataset_from,
                                                    const std::string& route_from) {
  model::Desired desired = one_gateway();
  model::Dataset dataset{"gw", "new-set", "", {{"enable", false}}, {}};
  dataset.renamed_from = dataset_from;
  model::Route route{"gw", "chat-v2", "", model_graph("b"), "", {}};
  route.renamed_from = route_from;
  desired.resources.datasets = {dataset};
  desired.resources.routes = {route};
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.datasets.push_back(live_dataset("gw", "old-set", "ds-1"));
  live.routes.push_back(live_route("gw", "chat", "rt-1", model_graph("a")));
  return {std::move(desired), std::move(live)};
}

TEST(Planner, RenamedFromRenamesInsteadOfDeleteAndCreate) {
  auto [desired, live] = renames("old-set", "chat");
  PlanOptions options;
  options.prune = true;
  const Plan plan = plan_ok(desired, read_everything(live), options);
  ASSERT_EQ(summary(plan), (std::vector<std::string>{"update dataset gw/new-set",
                                                     "update route gw/chat-v2",
                                                     "deploy_new_version route gw/chat-v2"}));
  EXPECT_EQ(plan.changes[0].server_id, "ds-1");
  EXPECT_EQ(plan.changes[0].reason, "rename from old-set");
  EXPECT_EQ(plan.changes[0].body.at("enable"), model::Value(false));
  EXPECT_EQ(plan.changes[1].server_id, "rt-1");
  EXPECT_EQ(plan.changes[1].body.at("name"), model::Value("chat-v2"));
  EXPECT_EQ(plan.changes[2].server_id, "rt-1");

  // Once renamed, `renamed_from` is inert.
  live.datasets[0].name = "new-set";
  live.datasets[0].fields["enable"] = false;
  live.routes[0].name = "chat-v2";
  live.routes[0].elements = model_graph("b");
  EXPECT_TRUE(plan_ok(desired, read_everything(live), options).changes.empty());
}

TEST(Planner, ARenamedFromThatNamesNothingLiveWarnsThatTheObjectIsCreated) {
  // A mistyped old name would otherwise create a new route (and, with prune, delete the old
  // one with its versions) without a word.
  auto [desired, live] = renames("old-sett", "chta");
  const Plan plan = plan_ok(desired, read_everything(live));
  EXPECT_EQ(summary(plan), (std::vector<std::string>{"create dataset gw/new-set",
                                                     "create route gw/chat-v2"}));
  EXPECT_EQ(plan.warnings,
            (std::vector<std::string>{
                "dataset gw/new-set: renamed_from 'old-sett' names no dataset of the gateway, so "
                "it is created (check the old name)",
                "route gw/chat-v2: renamed_from 'chta' names no route of the gateway, so it is "
                "created (check the old name)"}));

  // Once renamed (the new name is live), the key is inert and says nothing.
  live.datasets[0].name = "new-set";
  live.datasets[0].fields["enable"] = false;
  live.routes[0].name = "chat-v2";
  live.routes[0].elements = model_graph("b");
  EXPECT_TRUE(plan_ok(desired, read_everything(live)).warnings.empty());
}

TEST(Planner, GatewayUpdateKeepsLiveAndUnknownFields) {
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 60}, {"future_field", "kept"}}));
  const Plan plan = plan_ok(one_gateway(), read_everything(live));
  ASSERT_EQ(summary(plan), std::vector<std::string>{"update gateway gw"});
  const Change& c = plan.changes[0];
  EXPECT_EQ(c.body.at("cache_ttl"), model::Value(300));
  EXPECT_EQ(c.body.at("future_field"), model::Value("kept"));
  EXPECT_FALSE(c.body.contains("created_at"));
  ASSERT_EQ(c.diff.size(), 1u);
  EXPECT_EQ(c.diff[0].old_value, model::Value(60));
  EXPECT_EQ(c.diff[0].new_value, model::Value(300));
  EXPECT_EQ(c.server_id, "gw");
}

TEST(Planner, DatasetUpdateCarriesServerId) {
  model::Desired desired = one_gateway();
  desired.resources.datasets.push_back({"gw", "failures", "", {{"enable", false}}, {}});
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.datasets.push_back(live_dataset("gw", "failures", "ds-9"));
  const Plan plan = plan_ok(desired, read_everything(live));
  ASSERT_EQ(summary(plan), std::vector<std::string>{"update dataset gw/failures"});
  EXPECT_EQ(plan.changes[0].server_id, "ds-9");
  EXPECT_EQ(plan.changes[0].body.at("enable"), model::Value(false));
  EXPECT_TRUE(plan.changes[0].body.contains("filters"));
  EXPECT_FALSE(plan.changes[0].body.contains("created_at"));
}

TEST(Planner, ProviderConfigCreateCarriesSecretAndDriftCannotBeFixed) {
  model::Desired desired = one_gateway();
  model::ProviderConfig fresh{"gw", "openai", "main", "", {{"default_config", true}},
                              Secret("sk-test-123456"), "OPENAI_API_KEY", {}};
  model::ProviderConfig drifted{"gw", "anthropic", "main", "", {{"rate_limit", 10}}, Secret("x-1234"),
                                "ANTHROPIC_KEY", {}};
  desired.resources.provider_configs = {fresh, drifted};
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.provider_configs.push_back(
      {"gw", "anthropic", "main", "pc-1", {{"rate_limit", 20}, {"secret_preview", "x-**"}}, {}, "", {}});
  const Plan plan = plan_ok(desired, read_everything(live));
  ASSERT_EQ(summary(plan), (std::vector<std::string>{"cannot_fix provider config gw/anthropic/main",
                                                     "create provider config gw/openai/main"}));
  EXPECT_FALSE(plan.changes[0].reason.empty());
  EXPECT_EQ(plan.changes[0].server_id, "pc-1");
  const Change& create = plan.changes[1];
  ASSERT_TRUE(create.secret.has_value());
  EXPECT_EQ(create.secret->reveal(), "sk-test-123456");
  EXPECT_EQ(create.secret_env, "OPENAI_API_KEY");
  EXPECT_FALSE(create.body.contains("secret"));
  EXPECT_TRUE(create.diff.back().sensitive);
  EXPECT_TRUE(plan.has_changes());
}

TEST(Planner, ChangedRouteDeploysNewVersion) {
  model::Desired desired = one_gateway();
  desired.resources.routes.push_back({"gw", "chat", "", model_graph("new"), "", {}});
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.routes.push_back(live_route("gw", "chat", "rt-1", model_graph("old")));
  const Plan plan = plan_ok(desired, read_everything(live));
  ASSERT_EQ(summary(plan), std::vector<std::string>{"deploy_new_version route gw/chat"});
  EXPECT_EQ(plan.changes[0].server_id, "rt-1");
  EXPECT_EQ(plan.changes[0].elements, model_graph("new"));
  EXPECT_EQ(plan.changes[0].live_elements, model_graph("old"));
}

TEST(Planner, PruneDeletesUndeclaredInScopeOnly) {
  model::Desired desired = one_gateway();
  desired.scope = {"g*"};
  desired.resources.datasets.push_back({"gw", "keep", "", {}, {}});
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.gateways.push_back(live_gateway("gw-old"));
  live.gateways.push_back(live_gateway("other"));
  live.datasets.push_back(live_dataset("gw", "keep", "ds-1"));
  live.datasets.push_back(live_dataset("gw", "stale", "ds-2"));
  live.routes.push_back(live_route("gw", "stale-route", "rt-1", model_graph("m")));
  live.provider_configs.push_back({"gw", "openai", "old", "pc-1", {}, {}, "", {}});
  LiveState state = read_everything(live);
  state.children_read = {"gw"};

  const Plan kept = plan_ok(desired, state);
  EXPECT_TRUE(kept.changes.empty());
  std::vector<std::string> listed;
  for (const auto& item : kept.not_managed) {
    listed.push_back(item.address);
  }
  EXPECT_EQ(listed, (std::vector<std::string>{"dataset gw/stale", "gateway gw-old",
                                              "provider config gw/openai/old",
                                              "route gw/stale-route"}));

  PlanOptions options;
  options.prune = true;
  const Plan plan = plan_ok(desired, state, options);
  EXPECT_EQ(summary(plan), (std::vector<std::string>{"delete dataset gw/stale",
                                                     "delete route gw/stale-route",
                                                     "delete gateway gw-old"}));
  EXPECT_EQ(plan.changes[0].server_id, "ds-2");
  // The API cannot delete provider configs: prune leaves it, and the plan says so.
  ASSERT_EQ(plan.not_managed.size(), 1u);
  EXPECT_EQ(plan.not_managed[0].address, "provider config gw/openai/old");
  EXPECT_NE(plan.not_managed[0].reason.find("cannot delete provider configs"), std::string::npos);
}

TEST(Planner, DeletingAGatewayListsItsChildrenAsCascadeDeletesAfterIt) {
  model::Desired desired = one_gateway();
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.gateways.push_back(live_gateway("old"));
  live.datasets.push_back(live_dataset("old", "d", "ds-1"));
  live.routes.push_back(live_route("old", "r", "rt-1", model_graph("m")));
  live.provider_configs.push_back({"old", "openai", "main", "pc-1", {}, {}, "", {}});
  PlanOptions options;
  options.prune = true;
  const Plan plan = plan_ok(desired, read_everything(live), options);
  ASSERT_EQ(summary(plan), (std::vector<std::string>{"delete gateway old", "delete dataset old/d",
                                                     "delete provider config old/openai/main",
                                                     "delete route old/r"}));
  EXPECT_FALSE(plan.changes[0].cascade);
  for (std::size_t i = 1; i < plan.changes.size(); ++i) {
    EXPECT_TRUE(plan.changes[i].cascade);
    EXPECT_EQ(plan.changes[i].reason, "deleted with gateway old");
    EXPECT_EQ(plan.changes[i].depends_on, std::vector<std::size_t>{0});
  }
  EXPECT_EQ(plan.counts().remove, 4u);
  // A saved plan re-reads the deleted gateway's children too.
  EXPECT_EQ(plan.read_gateways, (std::vector<std::string>{"gw", "old"}));
}

TEST(Planner, CascadeDeletesCountTowardTheThreshold) {
  model::Desired desired = one_gateway();
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.gateways.push_back(live_gateway("old"));
  for (int i = 0; i < 6; ++i) {
    live.datasets.push_back(
        live_dataset("old", concat("d", std::to_string(i)), concat("ds-", std::to_string(i))));
  }
  PlanOptions options;
  options.prune = true;
  auto result = build_plan(desired, read_everything(live), options);
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().message.rfind("refusing to delete 7 of 8 managed resources", 0), 0u)
      << result.error().message;
}

TEST(Planner, DeletingEveryGatewayInScopeIsRefusedWithoutForce) {
  model::Desired desired;
  desired.account_id = "acct";
  model::Resources live;
  live.gateways.push_back(live_gateway("a"));
  live.gateways.push_back(live_gateway("b"));
  PlanOptions options;
  options.prune = true;
  auto refused = build_plan(desired, read_everything(live), options);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().message,
            "refusing to delete every managed gateway in scope (2); check `scope`, `prune` and "
            "the files read, or pass --force");
  EXPECT_EQ(refused.error().details, (std::vector<std::string>{"gateway a", "gateway b"}));
  options.force = true;
  EXPECT_EQ(plan_ok(desired, read_everything(live), options).counts().remove, 2u);
}

TEST(Planner, TheDefaultGatewayIsNeverPrunedAndThePlanSaysWhy) {
  model::Desired desired = one_gateway();
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.gateways.push_back(live_gateway("default", {{"is_default", true}}));
  live.gateways.push_back(live_gateway("old"));
  PlanOptions options;
  options.prune = true;
  const Plan plan = plan_ok(desired, read_everything(live), options);
  EXPECT_EQ(summary(plan), std::vector<std::string>{"delete gateway old"});
  ASSERT_EQ(plan.not_managed.size(), 1u);
  EXPECT_EQ(plan.not_managed[0].address, "gateway default");
  EXPECT_NE(plan.not_managed[0].reason.find("is_default"), std::string::npos);
}

TEST(Planner, ChildrenOfANewGatewayWaitForItsFollowUpUpdate) {
  model::Desired desired = one_gateway(
      {{"cache_ttl", 300}, {"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}});
  desired.resources.datasets.push_back({"gw", "failures", "", {{"filters", Array{}}}, {}});
  desired.resources.routes.push_back({"gw", "chat", "", model_graph("m"), "", {}});
  const Plan plan = plan_ok(desired, read_everything({}));
  ASSERT_EQ(summary(plan)[1], "update gateway gw");
  for (std::size_t i = 2; i < plan.changes.size(); ++i) {
    EXPECT_NE(std::find(plan.changes[i].depends_on.begin(), plan.changes[i].depends_on.end(), 1u),
              plan.changes[i].depends_on.end())
        << plan.changes[i].address();
  }
}

TEST(Planner, DesiredPruneFlagAlsoPrunes) {
  model::Desired desired = one_gateway();
  desired.prune = true;
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.gateways.push_back(live_gateway("gone"));
  EXPECT_EQ(summary(plan_ok(desired, read_everything(live))),
            std::vector<std::string>{"delete gateway gone"});
}

TEST(Planner, DuplicateLiveIdentityIsRefusedNamingBothIds) {
  model::Desired desired = one_gateway();
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  live.datasets.push_back(live_dataset("gw", "twin", "ds-1"));
  live.datasets.push_back(live_dataset("gw", "twin", "ds-2"));
  auto result = build_plan(desired, read_everything(live), {});
  ASSERT_FALSE(result.ok());
  ASSERT_EQ(result.error().details.size(), 1u);
  EXPECT_EQ(result.error().details[0], "dataset gw/twin (server ids ds-1 and ds-2)");
}

TEST(Planner, DeclaredGatewayOutsideScopeIsRefused) {
  model::Desired desired = one_gateway();
  desired.scope = {"team-*"};
  auto result = build_plan(desired, read_everything({}), {});
  ASSERT_FALSE(result.ok());
  EXPECT_NE(result.error().to_string().find("outside `scope`"), std::string::npos);
}

TEST(Planner, UnreadChildrenAreRefused) {
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  LiveState state = read_everything(live);
  state.children_read.clear();
  EXPECT_FALSE(build_plan(one_gateway(), state, {}).ok());
}

struct BillingCase {
  const char* name;
  std::optional<Object> desired;
  bool explicit_null;
  bool prune;
  std::optional<Object> live;
  std::vector<std::string> expected;
};

TEST(Planner, BillingSingletons) {
  const Object limit{{"amount", 10000}, {"duration", "monthly"}, {"strategy", "fixed"}};
  const Object other{{"amount", 20000}, {"duration", "monthly"}, {"strategy", "fixed"}};
  const std::vector<BillingCase> table = {
      {"absent live: create", limit, false, false, std::nullopt, {"create spending limit"}},
      {"equal: nothing", limit, false, false, limit, {}},
      {"differs: update", limit, false, false, other, {"update spending limit"}},
      {"explicit null: remove", std::nullopt, true, false, limit, {"delete spending limit"}},
      {"undeclared, no prune: kept", std::nullopt, false, false, limit, {}},
      // Billing is account-wide: prune never deletes a singleton the files do not declare.
      {"undeclared, prune: kept", std::nullopt, false, true, limit, {}},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(c.name);
    model::Desired desired;
    desired.billing_declared = true;
    desired.spending_limit_absent = c.explicit_null;
    desired.prune = c.prune;
    if (c.desired) {
      desired.resources.spending_limit = model::SpendingLimit{*c.desired, {}};
    }
    model::Resources live;
    if (c.live) {
      live.spending_limit = model::SpendingLimit{*c.live, {}};
    }
    const Plan plan = plan_ok(desired, read_everything(live, true));
    EXPECT_EQ(summary(plan), c.expected);
    const bool listed = !c.desired && !c.explicit_null && c.live;
    EXPECT_EQ(plan.not_managed.size(), listed ? 1u : 0u);
    for (const auto& change : plan.changes) {
      EXPECT_TRUE(change.billing);
    }
  }
}

TEST(Planner, BillingIgnoredWhenNotDeclared) {
  model::Resources live;
  live.auto_topup = model::AutoTopup{{{"amount", 5000}, {"threshold", 500}}, {}};
  model::Desired desired;
  desired.prune = true;
  EXPECT_TRUE(plan_ok(desired, read_everything(live)).changes.empty());
}

TEST(Planner, RecordsWhatItReadAndFingerprints) {
  model::Desired desired = one_gateway();
  desired.resources.gateways.push_back({"new", {}, {}});
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  const Plan plan = plan_ok(desired, read_everything(live));
  EXPECT_EQ(plan.read_gateways, (std::vector<std::string>{"gw", "new"}));
  EXPECT_FALSE(plan.read_billing);
  ASSERT_EQ(plan.fingerprints.size(), 2u);
  EXPECT_EQ(plan.fingerprints[0].address, "gateway gw");
  EXPECT_EQ(plan.fingerprints[1].address, "gateway new");
  EXPECT_EQ(plan.fingerprints[1].hash, "absent");
}

TEST(Planner, FingerprintsOnlyWhenAsked) {
  model::Desired desired = one_gateway();
  model::Resources live;
  live.gateways.push_back(live_gateway("gw", {{"cache_ttl", 300}}));
  PlanOptions options;
  options.fingerprints = false;
  const Plan plan = plan_ok(desired, read_everything(live), options);
  EXPECT_TRUE(plan.fingerprints.empty());
  EXPECT_EQ(plan.read_gateways, (std::vector<std::string>{"gw"}));
  EXPECT_TRUE(plan.changes.empty()) << "live matches desired";
}

} // namespace
} // namespace aigw::engine
