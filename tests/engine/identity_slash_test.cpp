// Identities whose parts contain `/`: a provider config `a/b` + `c` and one `a` + `b/c` are
// two objects, through the plan, a saved plan's addresses and apply.

#include "engine/apply.h"
#include "engine/workflow.h"
#include "engine/plan_fixtures.h"
#include "fakes/fake_gateway_api.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace aigw::engine {
namespace {

model::ProviderConfig config(const std::string& slug, const std::string& alias) {
  model::ProviderConfig c;
  c.gateway_id = "gw";
  c.provider_slug = slug;
  c.alias = alias;
  c.fields = {{"default_config", false}};
  return c;
}

TEST(IdentityWithSlash, ProviderConfigsWhoseJoinedKeysCollideStayApart) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw"));
  auto live = config("a", "b/c");
  live.server_id = "pc-live";
  api.state.provider_configs.push_back(live);

  model::Desired desired;
  desired.account_id = "acct";
  desired.resources.gateways.push_back({"gw", {}, {}});
  desired.resources.provider_configs.push_back(config("a/b", "c"));

  auto run = make_plan(api, desired, {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_EQ(run->plan.changes.size(), 1u);
  const Change& create = run->plan.changes[0];
  EXPECT_EQ(create.kind, ChangeKind::create);
  EXPECT_NE(create.address(), "provider config gw/a/b/c"); // would be ambiguous
  ASSERT_EQ(run->plan.not_managed.size(), 1u);
  EXPECT_NE(run->plan.not_managed[0].address, create.address());
  // The fingerprints of the two objects are recorded apart.
  std::vector<std::string> addresses;
  for (const auto& f : run->plan.fingerprints) {
    addresses.push_back(f.address);
  }
  EXPECT_EQ(std::count(addresses.begin(), addresses.end(), create.address()), 1);
  EXPECT_EQ(std::count(addresses.begin(), addresses.end(), run->plan.not_managed[0].address), 1);

  auto report = apply_plan(api, run->plan, {});
  ASSERT_TRUE(report.ok());
  ASSERT_EQ(api.state.provider_configs.size(), 2u);
  EXPECT_EQ(api.state.provider_configs[1].provider_slug, "a/b");
  EXPECT_EQ(api.state.provider_configs[1].alias, "c");

  auto again = make_plan(api, desired, {});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_FALSE(again->plan.has_changes());
}

TEST(IdentityWithSlash, RoutesAndDatasetsNamedWithSlashConverge) {
  test::FakeGatewayApi api;
  api.state.gateways.push_back(test::live_gateway("gw"));
  model::Desired desired;
  desired.account_id = "acct";
  desired.resources.gateways.push_back({"gw", {}, {}});
  desired.resources.datasets.push_back({"gw", "team/a", "", {{"enable", true}}, {}});
  desired.resources.routes.push_back({"gw", "chat/v2", "", test::model_graph("m"), "", {}});
  auto run = make_plan(api, desired, {});
  ASSERT_TRUE(run.ok()) << run.error().to_string();
  ASSERT_TRUE(apply_plan(api, run->plan, {}).ok());
  ASSERT_EQ(api.state.datasets.size(), 1u);
  EXPECT_EQ(api.state.datasets[0].name, "team/a");
  ASSERT_EQ(api.state.routes.size(), 1u);
  EXPECT_EQ(api.state.routes[0].name, "chat/v2");
  auto again = make_plan(api, desired, {});
  ASSERT_TRUE(again.ok()) << again.error().to_string();
  EXPECT_FALSE(again->plan.has_changes());
}

} // namespace
} // namespace aigw::engine
