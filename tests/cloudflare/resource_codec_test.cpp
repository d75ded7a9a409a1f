#include "cloudflare/json_codec.h"
#include "cloudflare/resource_codec.h"

#include <gtest/gtest.h>

namespace aigw::cloudflare {
namespace {

model::Value json(const std::string& text) {
  auto parsed = parse_json(text);
  EXPECT_TRUE(parsed.ok()) << text;
  return parsed.ok() ? parsed.value() : model::Value();
}

TEST(ResourceCodec, GatewayKeepsUnknownFieldsAndSendsThemBackOnPut) {
  auto gateway = gateway_from_value(json(
      R"({"id":"gw","cache_ttl":300,"collect_logs":true,"created_at":"2024-01-01","future_setting":{"x":1}})"));
  ASSERT_TRUE(gateway.ok()) << gateway.error().message;
  EXPECT_EQ(gateway->id, "gw");
  EXPECT_FALSE(gateway->fields.contains("id"));
  EXPECT_EQ(gateway->fields.at("future_setting"), json(R"({"x":1})"));

  const auto body = gateway_body(*gateway);
  EXPECT_EQ(body.find("id")->as_string(), "gw");
  EXPECT_EQ(*body.find("future_setting"), json(R"({"x":1})"));
  EXPECT_EQ(body.find("created_at"), nullptr); // read-only fields are never sent
}

TEST(ResourceCodec, GatewayBodyIsTheFieldsGivenWithNothingFilteredAgain) {
  // What a create accepts is applied once, by the engine (engine::create_body): the codec
  // sends a field create would refuse, or an unknown one, if it is given one.
  model::Gateway gateway{"gw",
                         {{"cache_ttl", 60},
                          {"guardrails", json(R"({"prompt":{"S1":"BLOCK"}})")},
                          {"future_setting", true}},
                         {}};
  const auto body = gateway_body(gateway);
  EXPECT_EQ(body, model::Value(model::Object{{"id", "gw"},
                                             {"cache_ttl", 60},
                                             {"guardrails", json(R"({"prompt":{"S1":"BLOCK"}})")},
                                             {"future_setting", true}}));
}

TEST(ResourceCodec, WrongFieldTypeIsAClearError) {
  auto gateway = gateway_from_value(json(R"({"id":"gw","cache_ttl":"300"})"));
  ASSERT_FALSE(gateway.ok());
  EXPECT_EQ(gateway.error().message, "gateway field 'cache_ttl' is a string, expected a number");
  EXPECT_FALSE(gateway_from_value(json(R"({"cache_ttl":1})")).ok());
  EXPECT_FALSE(gateway_from_value(json(R"([1])")).ok());
  EXPECT_TRUE(gateway_from_value(json(R"({"id":"gw","logpush_public_key":null})")).ok());
}

TEST(ResourceCodec, DatasetsUseServerIdsAndNames) {
  auto dataset = dataset_from_value(
      "gw", json(R"({"id":"ds1","name":"failures","enable":true,"filters":[],"gateway_id":"gw","created_at":"t"})"));
  ASSERT_TRUE(dataset.ok());
  EXPECT_EQ(dataset->server_id, "ds1");
  EXPECT_EQ(dataset->name, "failures");
  EXPECT_EQ(dataset->gateway_id, "gw");
  const auto body = dataset_body(*dataset);
  EXPECT_EQ(body, json(R"({"enable":true,"filters":[],"name":"failures"})"));
}

TEST(ResourceCodec, ProviderConfigBodyCarriesTheSecretButReadsNeverDo) {
  model::ProviderConfig config;
  config.gateway_id = "gw";
  config.provider_slug = "openai";
  config.alias = "main";
  config.fields = {{"default_config", true}, {"secret_preview", "sk-...x"}};
  config.secret = Secret("sk-provider-secret-value");
  const auto body = provider_config_body(config);
  EXPECT_EQ(body, json(R"({"alias":"main","default_config":true,"provider_slug":"openai","secret":"sk-provider-secret-value"})"));

  auto live = provider_config_from_value(
      "gw", json(R"({"id":"p1","alias":"main","provider_slug":"openai","default_config":true,"secret_preview":"sk-...x","gateway_id":"gw"})"));
  ASSERT_TRUE(live.ok());
  EXPECT_EQ(live->server_id, "p1");
  EXPECT_FALSE(live->secret.has_value());
  EXPECT_EQ(live->fields.at("secret_preview"), model::Value("sk-...x"));
}

TEST(ResourceCodec, RouteElementsComeFromElementsOrVersionData) {
  const std::string elements =
      R"([{"id":"start","type":"start","outputs":{"next":{"elementId":"end"}}},{"id":"end","type":"end","outputs":{}}])";
  auto with_elements = route_from_value(
      "gw", json(R"({"id":"r1","name":"chat","elements":)" + elements +
                 R"(,"deployment":{"version_id":"v2"},"version":{"version_id":"v1"}})"));
  ASSERT_TRUE(with_elements.ok()) << with_elements.error().message;
  EXPECT_EQ(with_elements->elements.size(), 2u);
  EXPECT_EQ(with_elements->deployed_version_id, "v2");

  model::Object version{{"version_id", "v7"}, {"data", elements}, {"active", "true"}};
  model::Object route{{"id", "r1"}, {"name", "chat"}, {"version", version}};
  auto from_data = route_from_value("gw", route);
  ASSERT_TRUE(from_data.ok()) << from_data.error().message;
  EXPECT_EQ(from_data->elements, with_elements->elements);
  EXPECT_EQ(from_data->deployed_version_id, "v7");

  auto parsed_version = route_version_from_value(version);
  ASSERT_TRUE(parsed_version.ok());
  EXPECT_TRUE(parsed_version->active);
  EXPECT_EQ(parsed_version->elements.size(), 2u);

  EXPECT_FALSE(route_from_value("gw", json(R"({"id":"r1","name":"x"})")).ok());
  EXPECT_FALSE(route_version_from_value(json(R"({"version_id":"v","data":"not json"})")).ok());
}

TEST(ResourceCodec, BillingNothingSetIsAbsent) {
  auto none = spending_limit_from_value(json(R"({"config":null,"enabled":false})"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto set = spending_limit_from_value(
      json(R"({"config":{"amount":10000,"duration":"monthly","strategy":"fixed"},"enabled":true})"));
  ASSERT_TRUE(set.ok());
  ASSERT_TRUE(set->has_value());
  EXPECT_EQ((*set)->fields.at("amount"), model::Value(10000));

  auto no_topup = auto_topup_from_value(model::Value());
  ASSERT_TRUE(no_topup.ok());
  EXPECT_FALSE(no_topup->has_value());
  auto topup = auto_topup_from_value(json(R"({"amount":5000,"threshold":500,"lastFailedAt":0})"));
  ASSERT_TRUE(topup.ok());
  ASSERT_TRUE(topup->has_value());
  EXPECT_EQ(billing_body(model::ResourceKind::auto_topup, (*topup)->fields),
            json(R"({"amount":5000,"threshold":500})"));
  EXPECT_FALSE(auto_topup_from_value(json(R"({"amount":"lots"})")).ok());
}

// The reference types both singletons as objects, never null: with nothing set every field
// is null, and the top-up config carries status fields that are not settings.
TEST(ResourceCodec, BillingObjectsWithNullFieldsAreAbsent) {
  auto none = spending_limit_from_value(
      json(R"({"config":{"amount":null,"duration":null,"strategy":null},"enabled":false})"));
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
  auto enabled_but_empty = spending_limit_from_value(
      json(R"({"config":{"amount":null,"duration":null,"strategy":null},"enabled":true})"));
  ASSERT_TRUE(enabled_but_empty.ok());
  EXPECT_FALSE(enabled_but_empty->has_value());

  auto no_topup = auto_topup_from_value(json(
      R"({"amount":null,"disabledReason":null,"error":null,"lastFailedAt":null,"threshold":null})"));
  ASSERT_TRUE(no_topup.ok());
  EXPECT_FALSE(no_topup->has_value());
  auto topup = auto_topup_from_value(json(
      R"({"amount":5000,"disabledReason":null,"error":null,"lastFailedAt":null,"threshold":500})"));
  ASSERT_TRUE(topup.ok());
  ASSERT_TRUE(topup->has_value());
  EXPECT_EQ(model::Value((*topup)->fields).to_json(), R"({"amount":5000,"threshold":500})");
}

} // namespace
} // namespace aigw::cloudflare
