// Every kind the table puts under a gateway is listed through the port, stamped with its
// gateway; any other kind is refused, not silently read as empty.

#include "engine/child_lists.h"
#include "fakes/fake_gateway_api.h"
#include "model/kind_spec.h"
#include "model/resource_key.h"
#include "model/resource_walk.h"

#include <gtest/gtest.h>

namespace aigw::test {
namespace {

TEST(ChildLists, TheGatewayChildKindsComeFromTheKindTable) {
  std::vector<model::ResourceKind> expected;
  for (const auto& spec : model::all_kinds()) {
    if (spec.parent == model::Parent::gateway) {
      expected.push_back(spec.kind);
    }
  }
  EXPECT_FALSE(expected.empty());
  EXPECT_EQ(engine::gateway_child_kinds(), expected);
}

TEST(ChildLists, EveryGatewayChildKindIsListedAndStampedWithItsGateway) {
  FakeGatewayApi api;
  api.state.gateways.push_back({"gw", {}, {}});
  api.state.datasets.push_back({"gw", "ds", "d1", {}, {}});
  api.state.provider_configs.push_back({"gw", "openai", "main", "p1", {}, {}, "", {}});
  api.state.routes.push_back({"gw", "rt", "r1", {}, "", {}});
  for (const auto kind : engine::gateway_child_kinds()) {
    SCOPED_TRACE(std::string(model::resource_kind_name(kind)));
    auto listed = engine::list_children(api, kind, "gw");
    ASSERT_TRUE(listed.ok()) << listed.error().to_string();
    std::size_t n = 0;
    model::for_each_resource(listed.value(), [&](const auto& resource) {
      const auto key = model::key_of(resource);
      EXPECT_EQ(key.kind, kind);
      EXPECT_EQ(key.gateway_id, "gw");
      ++n;
    });
    EXPECT_EQ(n, 1u);
  }
}

TEST(ChildLists, AKindThatIsNotAGatewayChildIsRefused) {
  FakeGatewayApi api;
  for (const auto& spec : model::all_kinds()) {
    if (spec.parent != model::Parent::gateway) {
      auto listed = engine::list_children(api, spec.kind, "gw");
      ASSERT_FALSE(listed.ok()) << spec.name;
      EXPECT_NE(listed.error().message.find("is not listed per gateway"), std::string::npos);
    }
  }
  EXPECT_TRUE(api.calls().empty());
}

} // namespace
} // namespace aigw::test
