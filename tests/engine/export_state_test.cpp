// export_state: live state -> the desired state a person would write. Defaults, read-only
// and null fields left out; credentials become variable references; readable element order.

#include "engine/export_state.h"
#include "engine/plan_fixtures.h"

#include <gtest/gtest.h>

namespace aigw::engine {
namespace {

using model::Array;
using model::Object;

model::RouteElement element(std::string id, std::string type, Object outputs) {
  return {std::move(id), std::move(type), {}, std::move(outputs)};
}

Object to(const std::string& id) { return Object{{"elementId", id}}; }

TEST(ExportState, LeavesOutReadOnlyDefaultAndNullFields) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway(
      "gw", {{"cache_ttl", 300.0}, {"log_management", nullptr}, {"unknown_new_field", 1.0},
             {"otel", Array{}}, {"rate_limiting_technique", "sliding"}}));
  live.datasets.push_back(test::live_dataset("gw", "failures", "ds-1"));
  const auto exported = export_state(test::read_everything(live), {});
  ASSERT_EQ(exported.desired.resources.gateways.size(), 1u);
  EXPECT_EQ(exported.desired.resources.gateways[0].fields,
            (Object{{"cache_ttl", 300}, {"rate_limiting_technique", "sliding"}}));
  ASSERT_EQ(exported.desired.resources.datasets.size(), 1u);
  // enable: true and filters: [] are the create defaults.
  EXPECT_TRUE(exported.desired.resources.datasets[0].fields.empty());
  EXPECT_TRUE(exported.desired.resources.datasets[0].server_id.empty());
}

TEST(ExportState, NestedNullMembersAreDropped) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway(
      "gw", {{"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}, {"response", nullptr}}}}));
  const auto exported = export_state(test::read_everything(live), {});
  EXPECT_EQ(exported.desired.resources.gateways[0].fields.at("guardrails"),
            model::Value(Object{{"prompt", Object{{"S1", "BLOCK"}}}}));
}

TEST(ExportState, ProviderSecretsBecomeNamedVariables) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway("support-bot"));
  live.provider_configs.push_back({"support-bot", "openai", "main", "pc-1",
                                   Object{{"default_config", true}, {"secret_preview", "sk-...xyz"}},
                                   std::nullopt, "", {}});
  live.provider_configs.push_back({"support-bot", "workers-ai", "store", "pc-2",
                                   Object{{"default_config", false}, {"secret_id", "s-77"}},
                                   std::nullopt, "", {}});
  const auto exported = export_state(test::read_everything(live), {});
  const auto& configs = exported.desired.resources.provider_configs;
  ASSERT_EQ(configs.size(), 2u);
  EXPECT_EQ(configs[0].secret_env, "AIGW_SECRET_SUPPORT_BOT_OPENAI_MAIN");
  EXPECT_EQ(configs[0].fields, (Object{{"default_config", true}}));
  EXPECT_FALSE(configs[0].secret.has_value());
  // A Secrets Store config names its secret: nothing to supply.
  EXPECT_EQ(configs[1].secret_env, "");
  EXPECT_EQ(configs[1].fields, (Object{{"secret_id", "s-77"}}));
  ASSERT_EQ(exported.variables.size(), 1u);
  EXPECT_EQ(exported.variables[0].name, "AIGW_SECRET_SUPPORT_BOT_OPENAI_MAIN");
  EXPECT_EQ(exported.variables[0].used_by, "provider config support-bot/openai/main secret");
}

TEST(ExportState, GatewayCredentialsBecomeVariableNamesNeverValues) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway(
      "gw", {{"otel", Array{Object{{"authorization", "Bearer live-otel-token"},
                                   {"headers", Object{}}, {"url", "https://otel.example"}}}},
             {"stripe", Object{{"authorization", "sk_live_stripe"},
                               {"usage_events", Array{Object{{"payload", "p"}}}}}}}));
  const auto exported = export_state(test::read_everything(live), {});
  const auto& fields = exported.desired.resources.gateways[0].fields;
  EXPECT_EQ(*fields.at("otel").as_array()[0].find("authorization"),
            model::Value("AIGW_SECRET_GW_OTEL_1_AUTHORIZATION"));
  EXPECT_EQ(*fields.at("stripe").find("authorization"),
            model::Value("AIGW_SECRET_GW_STRIPE_AUTHORIZATION"));
  ASSERT_EQ(exported.variables.size(), 2u);
  EXPECT_EQ(exported.variables[0].used_by, "gateway gw otel[0].authorization");
}

TEST(ExportState, OtelHeaderValuesBecomeVariableNamesToo) {
  // Header values carry API keys as often as not: never written to Git in clear.
  model::Resources live;
  live.gateways.push_back(test::live_gateway(
      "gw", {{"otel", Array{Object{{"authorization", "Bearer t"},
                                   {"headers", Object{{"x-api-key", "hk-live-key"}}},
                                   {"url", "https://otel.example"}}}}}));
  const auto exported = export_state(test::read_everything(live), {});
  const auto& exporter = exported.desired.resources.gateways[0].fields.at("otel").as_array()[0];
  EXPECT_EQ(*exporter.find("headers"),
            model::Value(Object{{"x-api-key", "AIGW_SECRET_GW_OTEL_1_HEADER_X_API_KEY"}}));
  ASSERT_EQ(exported.variables.size(), 2u);
  EXPECT_EQ(exported.variables[1].name, "AIGW_SECRET_GW_OTEL_1_HEADER_X_API_KEY");
  EXPECT_EQ(exported.variables[1].used_by, "gateway gw otel[0].headers.x-api-key");
}

TEST(ExportState, AHeaderNameWithADotIsQuotedInItsPathAndItsVariableNameStaysValidAndUnique) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway(
      "gw", {{"otel", Array{Object{{"authorization", "Bearer t"},
                                   {"headers", Object{{"x-team.name", "blue"}, {"x-team-name", "red"}}},
                                   {"url", "https://otel.example"}}}}}));
  const auto exported = export_state(test::read_everything(live), {});
  ASSERT_EQ(exported.variables.size(), 3u);
  // Object keys in order: "x-team-name" < "x-team.name".
  EXPECT_EQ(exported.variables[1].name, "AIGW_SECRET_GW_OTEL_1_HEADER_X_TEAM_NAME");
  EXPECT_EQ(exported.variables[1].used_by, "gateway gw otel[0].headers.x-team-name");
  EXPECT_EQ(exported.variables[2].name, "AIGW_SECRET_GW_OTEL_1_HEADER_X_TEAM_NAME_2");
  EXPECT_EQ(exported.variables[2].used_by, "gateway gw otel[0].headers.\"x-team.name\"");
}

TEST(ExportState, CollidingVariableNamesGetASuffix) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway("gw"));
  live.provider_configs.push_back({"gw", "a-b", "c", "1", {}, std::nullopt, "", {}});
  live.provider_configs.push_back({"gw", "a", "b-c", "2", {}, std::nullopt, "", {}});
  const auto exported = export_state(test::read_everything(live), {});
  ASSERT_EQ(exported.variables.size(), 2u);
  EXPECT_EQ(exported.variables[0].name, "AIGW_SECRET_GW_A_B_C");
  EXPECT_EQ(exported.variables[1].name, "AIGW_SECRET_GW_A_B_C_2");
}

TEST(SecretVariableName, UpperCasesAndReplacesOtherCharacters) {
  EXPECT_EQ(secret_variable_name({"my.gw-1", "google-ai-studio", "eu_west"}),
            "AIGW_SECRET_MY_GW_1_GOOGLE_AI_STUDIO_EU_WEST");
}

TEST(ReadableElementOrder, StartFirstThenBreadthFirstFallbackLast) {
  std::vector<model::RouteElement> elements = {
      element("end", "end", {}),
      element("b-model", "model", {{"success", to("end")}, {"fallback", to("end")}}),
      element("z-orphan", "end", {}),
      element("a-model", "model", {{"success", to("end")}, {"fallback", to("b-model")}}),
      element("start", "start", {{"next", to("a-model")}}),
  };
  std::vector<std::string> ids;
  for (const auto& e : readable_element_order(elements)) {
    ids.push_back(e.id);
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"start", "a-model", "end", "b-model", "z-orphan"}));
}

TEST(ExportState, CustomProvidersAreAccountWideWithHeadersAsAVariable) {
  model::Resources live;
  live.gateways.push_back(test::live_gateway("team-a-1"));
  model::CustomProvider plain{"zeta", "cp-2", {{"name", "Zeta"}, {"base_url", "https://z.example"},
                                               {"created_at", "2026-01-01T00:00:00Z"}}};
  model::CustomProvider keyed{"acme-ai", "cp-1", {{"name", "Acme"}, {"base_url", "https://a.example"},
                                                  {"headers", "{\"x-key\":\"cp-canary-value\"}"},
                                                  {"position", 3}}};
  live.custom_providers = {plain, keyed};
  auto state = test::read_everything(live);
  state.custom_providers_read = true;

  const auto all = export_state(state, {});
  EXPECT_TRUE(all.desired.custom_providers_declared);
  const auto& providers = all.desired.resources.custom_providers;
  ASSERT_EQ(providers.size(), 2u);
  EXPECT_EQ(providers[0].slug, "acme-ai"); // sorted by slug
  EXPECT_EQ(providers[0].fields, (Object{{"name", "Acme"}, {"base_url", "https://a.example"},
                                         {"position", 3}}));
  EXPECT_EQ(providers[0].headers_env, "AIGW_SECRET_CUSTOM_PROVIDER_ACME_AI_HEADERS");
  EXPECT_FALSE(providers[0].headers.has_value());
  EXPECT_EQ(providers[1].slug, "zeta");
  EXPECT_TRUE(providers[1].headers_env.empty());
  EXPECT_FALSE(providers[1].fields.contains("created_at"));
  ASSERT_EQ(all.variables.size(), 1u);
  EXPECT_EQ(all.variables[0].used_by, "custom provider acme-ai headers");

  EXPECT_FALSE(export_state(state, {{}, {"team-a-*"}}).desired.custom_providers_declared);
  EXPECT_FALSE(export_state(state, {{"team-a-1"}, {}}).desired.custom_providers_declared);
  state.resources.custom_providers.clear(); // none live: left undeclared, so unmanaged
  EXPECT_FALSE(export_state(state, {}).desired.custom_providers_declared);
}

TEST(ExportState, GatewayAndScopeFiltersAndBillingOnlyWhenUnnarrowed) {
  model::Resources live;
  for (const auto* id : {"team-a-1", "team-a-2", "team-b-1"}) {
    live.gateways.push_back(test::live_gateway(id));
    live.routes.push_back(test::live_route(id, "r", std::string("rt-") + id, test::model_graph("m")));
  }
  live.spending_limit = model::SpendingLimit{
      Object{{"amount", 1000.0}, {"duration", "monthly"}, {"strategy", "fixed"}}, {}};
  const auto state = test::read_everything(live, true);

  const auto all = export_state(state, {});
  EXPECT_EQ(all.desired.resources.gateways.size(), 3u);
  EXPECT_TRUE(all.desired.billing_declared);
  ASSERT_TRUE(all.desired.resources.spending_limit.has_value());
  EXPECT_FALSE(all.desired.resources.auto_topup.has_value());

  const auto scoped = export_state(state, {{}, {"team-a-*"}});
  ASSERT_EQ(scoped.desired.resources.gateways.size(), 2u);
  EXPECT_EQ(scoped.desired.resources.routes.size(), 2u);
  EXPECT_EQ(scoped.desired.scope, std::vector<std::string>{"team-a-*"});
  EXPECT_FALSE(scoped.desired.billing_declared);

  const auto one = export_state(state, {{"team-b-1"}, {}});
  ASSERT_EQ(one.desired.resources.gateways.size(), 1u);
  EXPECT_EQ(one.desired.resources.gateways[0].id, "team-b-1");
  EXPECT_EQ(one.desired.scope, std::vector<std::string>{"team-b-1"}); // prune stays in its lane
  EXPECT_FALSE(one.desired.resources.spending_limit.has_value());
}

} // namespace
} // namespace aigw::engine
