// Every endpoint function against `aigw emulator` as a real process, including its
// envelope quirks, paging over 250 gateways, seeded faults and a lost POST response.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_options.h"
#include "support/create_request.h"
#include "support/emulator_process.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>

namespace aigw::cloudflare {
namespace {

using Kind = engine::ApiError::Kind;
using test::EmulatorProcess;

std::unique_ptr<CloudflareGatewayApi> client_for(const EmulatorProcess& emulator) {
  auto transport = ApiTransport::create(test::test_client_options(emulator.api_url()));
  EXPECT_TRUE(transport.ok());
  return std::make_unique<CloudflareGatewayApi>(std::move(transport).value(), test::k_test_account);
}

template <class T> std::string error_text(const engine::ApiResult<T>& result) {
  return result.ok() ? std::string() : result.error().to_string();
}

std::vector<model::RouteElement> chain(const std::string& model_name) {
  auto output = [](const std::string& id) { return model::Value(model::Object{{"elementId", id}}); };
  return {
      {"start", "start", {}, {{"next", output("primary")}}},
      {"primary",
       "model",
       {{"provider", "openai"}, {"model", model_name}, {"retries", 2}, {"timeout", 30000}},
       {{"success", output("end")}, {"fallback", output("end")}}},
      {"end", "end", {}, {}},
  };
}

const model::Gateway* find_gateway(const std::vector<model::Gateway>& gateways, const std::string& id) {
  auto it = std::find_if(gateways.begin(), gateways.end(), [&](const auto& g) { return g.id == id; });
  return it == gateways.end() ? nullptr : &*it;
}

TEST(Emulator, GatewayCreateUpdateListDelete) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  const auto gateway = test::gateway_to_create("support-bot", {{"cache_ttl", 300}, {"collect_logs", true}});
  auto created = api->create_gateway(gateway);
  ASSERT_TRUE(created.ok()) << error_text(created);
  EXPECT_EQ(created->id, "support-bot");
  EXPECT_EQ(created->fields.at("cache_ttl"), model::Value(300));
  EXPECT_TRUE(created->fields.contains("created_at"));

  auto update = *created;
  update.fields["guardrails"] = model::Object{{"prompt", model::Object{{"S1", "BLOCK"}}}};
  update.fields["rate_limiting_technique"] = "sliding";
  auto updated = api->update_gateway(update);
  ASSERT_TRUE(updated.ok()) << error_text(updated);
  EXPECT_EQ(updated->fields.at("rate_limiting_technique"), model::Value("sliding"));

  auto listed = api->list_gateways();
  ASSERT_TRUE(listed.ok()) << error_text(listed);
  const auto* live = find_gateway(*listed, "support-bot");
  ASSERT_NE(live, nullptr);
  EXPECT_EQ(live->fields.at("guardrails"), update.fields.at("guardrails"));

  ASSERT_TRUE(api->delete_gateway("support-bot").ok());
  auto after = api->list_gateways();
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(find_gateway(*after, "support-bot"), nullptr);
  auto again = api->delete_gateway("support-bot");
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().kind, Kind::not_found);
  EXPECT_EQ(again.error().status, 404);
}

TEST(Emulator, ValidationErrorsCarryCloudflareCodes) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  auto bad = api->create_gateway(test::gateway_to_create("bad", {{"retry_max_attempts", 99}}));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().kind, Kind::http);
  EXPECT_EQ(bad.error().status, 400);
  EXPECT_FALSE(bad.error().errors.empty()) << bad.error().to_string();
}

TEST(Emulator, Datasets) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  ASSERT_TRUE(api->create_gateway(test::gateway_to_create("gw")).ok());
  model::Dataset dataset;
  dataset.gateway_id = "gw";
  dataset.name = "failures";
  dataset.fields = {{"enable", true},
                    {"filters", model::Array{model::Object{{"key", "success"},
                                                           {"operator", "eq"},
                                                           {"value", model::Array{false}}}}}};
  auto created = api->create_dataset(dataset);
  ASSERT_TRUE(created.ok()) << error_text(created);
  EXPECT_FALSE(created->server_id.empty());

  auto changed = *created;
  changed.fields["enable"] = false;
  auto updated = api->update_dataset(changed);
  ASSERT_TRUE(updated.ok()) << error_text(updated);
  EXPECT_EQ(updated->fields.at("enable"), model::Value(false));

  auto listed = api->list_datasets("gw");
  ASSERT_TRUE(listed.ok()) << error_text(listed);
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ(listed->at(0).name, "failures");
  EXPECT_EQ(listed->at(0).server_id, created->server_id);
  EXPECT_EQ(listed->at(0).fields.at("filters"), dataset.fields.at("filters"));

  ASSERT_TRUE(api->delete_dataset("gw", created->server_id).ok());
  EXPECT_TRUE(api->list_datasets("gw")->empty());
}

TEST(Emulator, ProviderConfigsNeverEchoTheSecret) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  ASSERT_TRUE(api->create_gateway(test::gateway_to_create("gw")).ok());
  model::ProviderConfig config;
  config.gateway_id = "gw";
  config.provider_slug = "openai";
  config.alias = "main";
  config.fields = {{"default_config", true}};
  config.secret = Secret("sk-emulator-provider-secret-1234");
  auto created = api->create_provider_config(config);
  ASSERT_TRUE(created.ok()) << error_text(created);
  auto listed = api->list_provider_configs("gw");
  ASSERT_TRUE(listed.ok()) << error_text(listed);
  ASSERT_EQ(listed->size(), 1u);
  const auto& live = listed->at(0);
  EXPECT_EQ(live.provider_slug, "openai");
  EXPECT_EQ(live.alias, "main");
  EXPECT_EQ(live.fields.at("default_config"), model::Value(true));
  EXPECT_FALSE(live.fields.contains("secret"));
  EXPECT_EQ(model::Value(live.fields).to_json().find("sk-emulator-provider-secret-1234"),
            std::string::npos);
}

TEST(Emulator, RoutesVersionsDeploymentsAndRename) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  ASSERT_TRUE(api->create_gateway(test::gateway_to_create("gw")).ok());
  model::Route route;
  route.gateway_id = "gw";
  route.name = "chat";
  route.elements = chain("gpt-4o-mini");
  auto created = api->create_route(route);
  ASSERT_TRUE(created.ok()) << error_text(created);
  EXPECT_EQ(created->elements, route.elements);

  auto routes = api->list_routes("gw");
  ASSERT_TRUE(routes.ok()) << error_text(routes);
  ASSERT_EQ(routes->size(), 1u);
  const std::string route_id = routes->at(0).server_id;
  const std::string first_version = routes->at(0).deployed_version_id;
  EXPECT_EQ(routes->at(0).elements, route.elements);
  EXPECT_FALSE(first_version.empty());

  ASSERT_TRUE(api->create_route_version("gw", route_id, chain("gpt-4o")).ok());
  auto versions = api->list_route_versions("gw", route_id);
  ASSERT_TRUE(versions.ok()) << error_text(versions);
  ASSERT_EQ(versions->size(), 2u);
  auto added = std::find_if(versions->begin(), versions->end(),
                            [&](const auto& v) { return v.version_id != first_version; });
  ASSERT_NE(added, versions->end());
  EXPECT_EQ(added->elements, chain("gpt-4o"));

  ASSERT_TRUE(api->create_route_deployment("gw", route_id, added->version_id).ok());
  auto deployed = api->list_routes("gw");
  ASSERT_TRUE(deployed.ok());
  EXPECT_EQ(deployed->at(0).deployed_version_id, added->version_id);
  EXPECT_EQ(deployed->at(0).elements, chain("gpt-4o"));

  auto renamed = api->rename_route("gw", route_id, "chat-v2");
  ASSERT_TRUE(renamed.ok()) << error_text(renamed);
  EXPECT_EQ(renamed->name, "chat-v2");

  ASSERT_TRUE(api->delete_route("gw", route_id).ok());
  EXPECT_TRUE(api->list_routes("gw")->empty());
}

TEST(Emulator, BillingSingletonsAndGatewayUrl) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  auto none = api->get_spending_limit();
  ASSERT_TRUE(none.ok()) << error_text(none);
  EXPECT_FALSE(none->has_value());
  model::SpendingLimit limit{{{"amount", 10000}, {"duration", "monthly"}, {"strategy", "fixed"}}, {}};
  ASSERT_TRUE(api->set_spending_limit(limit).ok());
  auto set = api->get_spending_limit();
  ASSERT_TRUE(set.ok() && set->has_value()) << error_text(set);
  EXPECT_EQ((*set)->fields.at("amount"), model::Value(10000));
  EXPECT_EQ((*set)->fields.at("duration"), model::Value("monthly"));
  ASSERT_TRUE(api->delete_spending_limit().ok());
  EXPECT_FALSE(api->get_spending_limit()->has_value());

  auto no_topup = api->get_auto_topup();
  ASSERT_TRUE(no_topup.ok()) << error_text(no_topup);
  EXPECT_FALSE(no_topup->has_value());
  ASSERT_TRUE(api->set_auto_topup({{{"amount", 5000}, {"threshold", 500}}, {}}).ok());
  auto topup = api->get_auto_topup();
  ASSERT_TRUE(topup.ok() && topup->has_value()) << error_text(topup);
  EXPECT_EQ((*topup)->fields.at("threshold"), model::Value(500));
  ASSERT_TRUE(api->delete_auto_topup().ok());
  EXPECT_FALSE(api->get_auto_topup()->has_value());

  ASSERT_TRUE(api->create_gateway(test::gateway_to_create("gw")).ok());
  auto url = api->get_gateway_url("gw", "openai");
  ASSERT_TRUE(url.ok()) << error_text(url);
  EXPECT_NE(url->find("gw"), std::string::npos);
}

TEST(Emulator, PagingReturnsAll250GatewaysInThreePages) {
  EmulatorProcess emulator;
  auto api = client_for(emulator);
  for (int i = 0; i < 250; ++i) {
    char id[16];
    std::snprintf(id, sizeof id, "gw-%03d", i);
    ASSERT_TRUE(api->create_gateway(test::gateway_to_create(id)).ok()) << id;
  }
  auto listed = api->list_gateways();
  ASSERT_TRUE(listed.ok()) << error_text(listed);
  ASSERT_EQ(listed->size(), 250u);
  std::vector<std::string> ids;
  for (const auto& g : *listed) {
    ids.push_back(g.id);
  }
  std::sort(ids.begin(), ids.end());
  EXPECT_EQ(std::unique(ids.begin(), ids.end()), ids.end());
  EXPECT_EQ(api->stats().by_endpoint.at("GET gateways 200"), 3u);
}

/// Fills a state file through a clean emulator, for tests that restart it with faults.
void seed_state(const std::string& state_file) {
  EmulatorProcess emulator({"--state", state_file});
  auto api = client_for(emulator);
  for (const char* id : {"alpha", "beta", "gamma"}) {
    ASSERT_TRUE(api->create_gateway(test::gateway_to_create(id)).ok());
    model::Dataset dataset;
    dataset.gateway_id = id;
    dataset.name = "all";
    dataset.fields = test::dataset_create_fields();
    ASSERT_TRUE(api->create_dataset(dataset).ok());
  }
  model::Route route;
  route.gateway_id = "alpha";
  route.name = "chat";
  route.elements = chain("gpt-4o-mini");
  ASSERT_TRUE(api->create_route(route).ok());
}

std::uint64_t count_status(const engine::ApiStats& stats, const std::string& status) {
  std::uint64_t total = 0;
  for (const auto& [key, count] : stats.by_endpoint) {
    if (key.size() > status.size() && key.ends_with(" " + status)) {
      total += count;
    }
  }
  return total;
}

TEST(Emulator, ReadsSucceedUnderSeededFaultsAndHonourRetryAfter) {
  test::TempDir dir;
  const std::string state = dir.path() + "/state.json";
  seed_state(state);
  EmulatorProcess emulator({"--state", state, "--fault-rate", "0.3", "--seed", "11"});
  auto api = client_for(emulator);
  const auto start = std::chrono::steady_clock::now();
  int reads = 0;
  // Five rounds at least; more (bounded) until a 429 has been seen, so Retry-After is tested.
  for (int round = 0; round < 5 || (round < 20 && count_status(api->stats(), "429") == 0);
       ++round) {
    auto gateways = api->list_gateways();
    ASSERT_TRUE(gateways.ok()) << error_text(gateways);
    EXPECT_EQ(gateways->size(), 3u);
    for (const auto& g : *gateways) {
      auto datasets = api->list_datasets(g.id);
      ASSERT_TRUE(datasets.ok()) << error_text(datasets);
      EXPECT_EQ(datasets->size(), 1u);
    }
    auto routes = api->list_routes("alpha");
    ASSERT_TRUE(routes.ok()) << error_text(routes);
    EXPECT_EQ(routes->size(), 1u);
    auto limit = api->get_spending_limit();
    ASSERT_TRUE(limit.ok()) << error_text(limit);
    reads += 6;
  }
  const auto stats = api->stats();
  EXPECT_GT(stats.retries, 0u); // the faults really happened and were absorbed
  EXPECT_EQ(stats.requests, static_cast<std::uint64_t>(reads) + stats.retries);
  // The emulator answers 429 with Retry-After: 1, and these reads ran one at a time.
  const auto rate_limited = count_status(stats, "429");
  ASSERT_GT(rate_limited, 0u);
  const double elapsed =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  EXPECT_GE(elapsed, static_cast<double>(rate_limited) * 1.0);
}

TEST(Emulator, ALostPostResponseIsOutcomeUnknownAndTheWriteHappenedOnce) {
  test::TempDir dir;
  const std::string state = dir.path() + "/state.json";
  {
    EmulatorProcess emulator(
        {"--state", state, "--fault-rate", "1", "--fault-mode", "lost-response", "--seed", "3"});
    auto api = client_for(emulator);
    auto created = api->create_gateway(test::gateway_to_create("lost"));
    ASSERT_FALSE(created.ok());
    EXPECT_EQ(created.error().kind, Kind::outcome_unknown) << created.error().to_string();
    EXPECT_EQ(api->stats().requests, 1u);
    EXPECT_EQ(api->stats().retries, 0u);
  }
  EmulatorProcess clean({"--state", state});
  auto api = client_for(clean);
  auto listed = api->list_gateways();
  ASSERT_TRUE(listed.ok()) << error_text(listed);
  EXPECT_EQ(std::count_if(listed->begin(), listed->end(),
                          [](const auto& g) { return g.id == "lost"; }),
            1);
}

} // namespace
} // namespace aigw::cloudflare
