// Custom providers through the engine with the recording fake: created when declared,
// replaced (DELETE, then POST) when a field differs, deleted with prune, left alone and
// listed without it; a replace counts as a delete for the safety checks and `protect`.

#include "engine/apply.h"
#include "engine/plan_fixtures.h"
#include "engine/workflow.h"
#include "fakes/fake_gateway_api.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using testing::ElementsAre;

model::CustomProvider provider(const std::string& slug, const std::string& base_url) {
  model::CustomProvider p;
  p.slug = slug;
  p.fields = {{"name", "Acme " + slug}, {"base_url", base_url}};
  return p;
}

model::Desired declaring(std::vector<model::CustomProvider> providers, bool prune = false) {
  model::Desired desired;
  desired.account_id = "acct";
  desired.prune = prune;
  desired.custom_providers_declared = true;
  desired.resources.custom_providers = std::move(providers);
  return desired;
}

Plan plan_for(test::FakeGatewayApi& api, const model::Desired& desired) {
  auto run = make_plan(api, desired, {});
  EXPECT_TRUE(run.ok()) << (run.ok() ? "" : run.error().to_string());
  return run.ok() ? run->plan : Plan{};
}

TEST(CustomProviders, CreatedThenReplacedWhenAFieldDiffersThenPlanClean) {
  test::FakeGatewayApi api;
  auto desired = declaring({provider("acme", "https://a.example")});
  auto plan = plan_for(api, desired);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::create);
  EXPECT_EQ(plan.changes[0].address(), "custom provider acme");
  ASSERT_TRUE(apply_plan(api, plan, {}).ok());
  EXPECT_FALSE(plan_for(api, desired).has_changes());

  desired.resources.custom_providers[0].fields["base_url"] = "https://b.example";
  plan = plan_for(api, desired);
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::replace);
  EXPECT_EQ(plan.counts().create, 1u);
  EXPECT_EQ(plan.counts().remove, 1u);
  const std::string old_id = api.state.custom_providers[0].server_id;
  ASSERT_TRUE(apply_plan(api, plan, {}).ok());
  const auto calls = api.calls();
  ASSERT_GE(calls.size(), 2u);
  EXPECT_EQ(calls[calls.size() - 2], "DELETE custom_provider " + old_id);
  EXPECT_EQ(calls.back(), "POST custom_provider acme");
  ASSERT_EQ(api.state.custom_providers.size(), 1u);
  EXPECT_EQ(api.state.custom_providers[0].fields.at("base_url").as_string(), "https://b.example");
  EXPECT_FALSE(plan_for(api, desired).has_changes());
}

TEST(CustomProviders, HeadersOfAnUnsetVariableAreNotComparedAndThePlanSaysSo) {
  test::FakeGatewayApi api;
  auto keyed = provider("acme", "https://a.example");
  keyed.headers = Secret("{\"x-key\":\"k-1\"}");
  keyed.headers_env = "ACME_HEADERS";
  ASSERT_TRUE(apply_plan(api, plan_for(api, declaring({keyed})), {}).ok());
  keyed.headers.reset(); // a pull-request plan without the key
  const auto plan = plan_for(api, declaring({keyed}));
  EXPECT_FALSE(plan.has_changes());
  ASSERT_EQ(plan.warnings.size(), 1u);
  EXPECT_EQ(plan.warnings[0], "`ACME_HEADERS` is not set, so the headers of custom provider acme "
                              "were not compared with live (a changed value shows only in a plan "
                              "made with it set)");
}

TEST(CustomProviders, UndeclaredOnesAreListedAndDeletedOnlyWithPrune) {
  test::FakeGatewayApi api;
  auto live = provider("old", "https://old.example");
  live.server_id = "cp-old";
  api.state.custom_providers.push_back(live);
  auto plan = plan_for(api, declaring({}));
  EXPECT_TRUE(plan.changes.empty());
  ASSERT_EQ(plan.not_managed.size(), 1u);
  EXPECT_EQ(plan.not_managed[0].address, "custom provider old");

  plan = plan_for(api, declaring({}, true));
  ASSERT_EQ(plan.changes.size(), 1u);
  EXPECT_EQ(plan.changes[0].kind, ChangeKind::remove);
  ASSERT_TRUE(apply_plan(api, plan, {}).ok());
  EXPECT_TRUE(api.state.custom_providers.empty());
}

TEST(CustomProviders, NotReadOrManagedWithoutTheKey) {
  test::FakeGatewayApi api;
  api.state.custom_providers.push_back(provider("acme", "https://a.example"));
  model::Desired desired;
  desired.account_id = "acct";
  desired.prune = true;
  auto plan = plan_for(api, desired);
  EXPECT_TRUE(plan.changes.empty());
  EXPECT_TRUE(plan.not_managed.empty());
  EXPECT_THAT(api.calls(), ElementsAre("GET gateways"));
}

TEST(CustomProviders, AProtectedProviderIsNeverReplaced) {
  test::FakeGatewayApi api;
  auto live = provider("acme", "https://a.example");
  live.server_id = "cp-1";
  api.state.custom_providers.push_back(live);
  auto desired = declaring({provider("acme", "https://b.example")});
  desired.resources.custom_providers[0].protect = true;
  auto run = make_plan(api, desired, {});
  ASSERT_FALSE(run.ok());
  EXPECT_NE(run.error().to_string().find("custom provider acme has `protect: true`"),
            std::string::npos)
      << run.error().to_string();
}

} // namespace
} // namespace aigw::engine
