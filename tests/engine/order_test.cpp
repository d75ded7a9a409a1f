// The dependency table: parents first for creates, children first for deletes.

#include "engine/order.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using model::ResourceKind;

Change change(ChangeKind kind, ResourceKind resource, std::string gateway, std::string key = {}) {
  Change c;
  c.kind = kind;
  c.resource = resource;
  c.gateway_id = std::move(gateway);
  c.key = model::parse_key_parts(key).value_or(std::vector<std::string>{key}); // "slug/alias"
  return c;
}

std::size_t index_of(const std::vector<Change>& changes, ChangeKind kind, ResourceKind resource,
                     const std::string& gateway, const std::string& key = {}) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    const auto& c = changes[i];
    if (c.kind == kind && c.resource == resource && c.gateway_id == gateway &&
        c.resource_key().local() == key) {
      return i;
    }
  }
  ADD_FAILURE() << "missing change";
  return changes.size();
}

/// Every change comes after all of its dependencies.
void expect_topological(const std::vector<Change>& changes) {
  for (std::size_t i = 0; i < changes.size(); ++i) {
    for (std::size_t d : changes[i].depends_on) {
      EXPECT_LT(d, i) << changes[i].address();
    }
  }
}

TEST(OrderChanges, CreatesParentFirstWithFollowUpUpdate) {
  auto ordered = order_changes({
      change(ChangeKind::create, ResourceKind::route, "gw", "chat"),
      change(ChangeKind::create, ResourceKind::dataset, "gw", "ds"),
      change(ChangeKind::update, ResourceKind::gateway, "gw"),
      change(ChangeKind::create, ResourceKind::provider_config, "gw", "openai/main"),
      change(ChangeKind::create, ResourceKind::gateway, "gw"),
  });
  expect_topological(ordered);
  const auto create = index_of(ordered, ChangeKind::create, ResourceKind::gateway, "gw");
  EXPECT_EQ(create, 0u);
  EXPECT_EQ(ordered[1].resource, ResourceKind::gateway); // the follow-up update
  EXPECT_EQ(ordered[1].depends_on, std::vector<std::size_t>{create});
  // Every child waits for the follow-up update (dlp, guardrails, ...): never unprotected.
  for (std::size_t i = 2; i < ordered.size(); ++i) {
    EXPECT_EQ(ordered[i].depends_on, (std::vector<std::size_t>{create, 1})) << ordered[i].address();
  }
}

TEST(OrderChanges, CascadeDeletesFollowTheirGatewayDelete) {
  auto cascade = change(ChangeKind::remove, ResourceKind::dataset, "gw", "ds");
  cascade.cascade = true;
  auto ordered = order_changes({cascade, change(ChangeKind::remove, ResourceKind::gateway, "gw")});
  ASSERT_EQ(ordered.size(), 2u);
  EXPECT_EQ(ordered[0].resource, ResourceKind::gateway);
  EXPECT_TRUE(ordered[0].depends_on.empty());
  EXPECT_EQ(ordered[1].depends_on, std::vector<std::size_t>{0});
}

TEST(OrderChanges, ChildDeletesBeforeGatewayDelete) {
  auto ordered = order_changes({
      change(ChangeKind::remove, ResourceKind::gateway, "gw"),
      change(ChangeKind::remove, ResourceKind::route, "gw", "r"),
      change(ChangeKind::remove, ResourceKind::dataset, "gw", "d"),
  });
  expect_topological(ordered);
  const auto gateway = index_of(ordered, ChangeKind::remove, ResourceKind::gateway, "gw");
  EXPECT_EQ(gateway, 2u);
  EXPECT_EQ(ordered[gateway].depends_on, (std::vector<std::size_t>{0, 1}));
}

TEST(OrderChanges, IndependentGatewaysHaveNoEdges) {
  auto ordered = order_changes({
      change(ChangeKind::create, ResourceKind::dataset, "b", "x"),
      change(ChangeKind::update, ResourceKind::gateway, "a"),
      change(ChangeKind::create, ResourceKind::spending_limit, ""),
      change(ChangeKind::remove, ResourceKind::gateway, "c"),
  });
  for (const auto& c : ordered) {
    EXPECT_TRUE(c.depends_on.empty()) << c.address();
  }
  // Gateways by id, billing last.
  EXPECT_EQ(ordered[0].gateway_id, "a");
  EXPECT_EQ(ordered[1].gateway_id, "b");
  EXPECT_EQ(ordered[2].gateway_id, "c");
  EXPECT_EQ(ordered[3].resource, ResourceKind::spending_limit);
}

TEST(OrderChanges, OrderIsDeterministicWhateverTheInputOrder) {
  std::vector<Change> input = {
      change(ChangeKind::create, ResourceKind::gateway, "gw"),
      change(ChangeKind::create, ResourceKind::dataset, "gw", "b"),
      change(ChangeKind::create, ResourceKind::dataset, "gw", "a"),
      change(ChangeKind::remove, ResourceKind::gateway, "old"),
  };
  auto first = order_changes(input);
  std::reverse(input.begin(), input.end());
  auto second = order_changes(input);
  ASSERT_EQ(first.size(), second.size());
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(first[i].address(), second[i].address());
    EXPECT_EQ(first[i].depends_on, second[i].depends_on);
  }
}

} // namespace
} // namespace aigw::engine
