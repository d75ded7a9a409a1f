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
  changes[0].key = "plain";
  changes[1].key = "audit";
  auto error = check_protected(changes, desired);
  ASSERT_TRUE(error.has_value());
  EXPECT_EQ(error->details, std::vector<std::string>{
                                "teams/a.yaml:12:7: dataset gw/audit has `protect: true`"});
  changes.pop_back();
  EXPECT_FALSE(check_protected(changes, desired).has_value());
}

} // namespace
} // namespace aigw::engine
