// The delete threshold: more than 25% of at least 8 existing managed resources.

#include "engine/safety.h"
#include "engine/plan_fixtures.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

std::vector<Change> deletes(std::size_t n) {
  std::vector<Change> out(n);
  for (std::size_t i = 0; i < n; ++i) {
    out[i].kind = ChangeKind::remove;
    out[i].gateway_id = "gw-" + std::to_string(i);
  }
  return out;
}

struct ThresholdCase {
  std::size_t deletes;
  std::size_t existing;
  bool refused;
};

TEST(DeleteThreshold, Table) {
  const std::vector<ThresholdCase> table = {
      {0, 0, false}, {7, 7, false},  // fewer than 8 exist: never refused
      {2, 8, false}, {3, 8, true},   // 25% of 8 is 2
      {25, 100, false}, {26, 100, true},
      {1, 3, false},
  };
  for (const auto& c : table) {
    SCOPED_TRACE(std::to_string(c.deletes) + " of " + std::to_string(c.existing));
    EXPECT_EQ(check_delete_threshold(deletes(c.deletes), c.existing, {}).has_value(), c.refused);
  }
}

TEST(DeleteThreshold, ForceOverridesAndErrorListsDeletes) {
  PlanOptions forced;
  forced.force = true;
  EXPECT_FALSE(check_delete_threshold(deletes(9), 10, forced).has_value());
  auto error = check_delete_threshold(deletes(3), 8, {});
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->message, "refusing to delete 3 of 8 managed resources (more than 25%); "
                            "check `scope` and `prune`, or pass --force");
  EXPECT_EQ(error->details.size(), 3u);
}

TEST(DeleteThreshold, NonDeletesDoNotCount) {
  auto changes = deletes(2);
  changes.resize(10); // default changes are creates
  EXPECT_FALSE(check_delete_threshold(changes, 8, {}).has_value());
}

TEST(CountManaged, InScopeGatewaysChildrenAndDeclaredBilling) {
  model::Resources live;
  live.gateways = {test::live_gateway("team-a"), test::live_gateway("team-b"),
                   test::live_gateway("other")};
  live.datasets = {test::live_dataset("team-a", "d", "ds-1")};
  live.routes = {test::live_route("team-a", "r", "rt-1", test::model_graph("m"))};
  live.spending_limit = model::SpendingLimit{};
  model::Desired desired;
  desired.scope = {"team-*"};
  EXPECT_EQ(count_managed(desired, test::read_everything(live)), 4u);
  desired.billing_declared = true;
  EXPECT_EQ(count_managed(desired, test::read_everything(live, true)), 5u);
}

TEST(PlannerThreshold, MassPruneIsRefusedUnlessForced) {
  model::Desired desired;
  desired.prune = true;
  desired.resources.gateways.push_back({"keep", {}, {}});
  model::Resources live;
  for (int i = 0; i < 9; ++i) {
    live.gateways.push_back(test::live_gateway("gw-" + std::to_string(i)));
  }
  live.gateways.push_back(test::live_gateway("keep"));
  LiveState state = test::read_everything(live);
  state.children_read = {"keep"};
  auto refused = build_plan(desired, state, {});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().details.size(), 9u);
  PlanOptions forced;
  forced.force = true;
  auto plan = build_plan(desired, state, forced);
  ASSERT_TRUE(plan.ok());
  EXPECT_EQ(plan->counts().remove, 9u);
}

TEST(Protect, DeletingAProtectedResourceIsRefusedWithItsLocationEvenForced) {
  model::Desired desired;
  model::Dataset kept{"gw", "audit", "", {}, {"teams/a.yaml", 12, 7}};
  kept.protect = true;
  desired.resources.datasets.push_back(kept);
  desired.resources.datasets.push_back({"gw", "plain", "", {}, {"teams/a.yaml", 20, 7}});
  std::vector<Change> changes(2);
  for (auto& c : changes) {
    c.kind = ChangeKind::remove;
    c.resource = model::ResourceKind::dataset;
    c.gateway_id = "gw";
  }
  changes[0].key = {"plain"};
  changes[1].key = {"audit"};
  auto error = check_protected(changes, desired);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->details, std::vector<std::string>{
                                "teams/a.yaml:12:7: dataset gw/audit has `protect: true`"});
  changes.pop_back();
  EXPECT_FALSE(check_protected(changes, desired).has_value());
}

TEST(Secrets, OnlyCreatesNeedTheirVariableAndEmptyCountsAsUnset) {
  Plan plan;
  auto create = [](std::string env, std::optional<Secret> secret) {
    Change c;
    c.kind = ChangeKind::create;
    c.resource = model::ResourceKind::provider_config;
    c.gateway_id = "gw";
    c.key = {"openai", env};
    c.secret_env = std::move(env);
    c.secret = std::move(secret);
    return c;
  };
  plan.changes = {create("SET_KEY", Secret("sk-value-1234")), create("EMPTY_KEY", Secret("")),
                  create("UNSET_KEY", std::nullopt)};
  Change drift = create("DRIFT_KEY", std::nullopt);
  drift.kind = ChangeKind::cannot_fix; // an existing config never needs its variable
  plan.changes.push_back(drift);
  const auto variables = required_variables(plan);
  ASSERT_EQ(variables.size(), 3u);
  EXPECT_EQ(variables[0].name, "EMPTY_KEY");
  EXPECT_FALSE(variables[0].set);
  EXPECT_EQ(variables[1].name, "SET_KEY");
  EXPECT_TRUE(variables[1].set);
  const auto error = check_secrets_available(plan);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->details,
            (std::vector<std::string>{"provider config gw/openai/EMPTY_KEY needs `EMPTY_KEY`",
                                      "provider config gw/openai/UNSET_KEY needs `UNSET_KEY`"}));
  plan.changes.erase(plan.changes.begin() + 1, plan.changes.begin() + 3);
  EXPECT_FALSE(check_secrets_available(plan).has_value());
}

} // namespace
} // namespace aigw::engine
