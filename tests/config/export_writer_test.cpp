// The export writer: what it writes reads back through load_desired as the same desired
// state (strings that look like other types, `${`, credentials as references), and the
// files are laid out as documented.

#include "config/export_writer.h"
#include "config/loader.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <map>

namespace aigw::config {
namespace {

using model::Array;
using model::Object;

LoadOptions env(std::map<std::string, std::string> vars) {
  return {.getenv = [vars](const std::string& name) -> std::optional<std::string> {
    const auto it = vars.find(name);
    return it == vars.end() ? std::nullopt : std::optional<std::string>(it->second);
  }};
}

model::Desired sample() {
  model::Desired d;
  d.scope = {"team-*"};
  d.resources.gateways.push_back(
      {"team-1",
       Object{{"cache_ttl", 300},
              {"logpush_public_key", "true-but-a-string-of-16+"},
              {"otel", Array{Object{{"authorization", "AIGW_SECRET_TEAM_1_OTEL_1_AUTHORIZATION"},
                                    {"headers", Object{{"x-env", "AIGW_SECRET_TEAM_1_OTEL_1_HEADER_X_ENV"}}},
                                    {"url", "https://otel.example/v1"}}}},
              {"guardrails", Object{{"prompt", Object{{"S1", "BLOCK"}}}}}},
       {}});
  d.resources.datasets.push_back(
      {"team-1", "300", "",
       Object{{"filters", Array{Object{{"key", "model"}, {"operator", "eq"},
                                       {"value", Array{"true", "null", 1.5, false,
                                                       "${not-a-reference}"}}}}}},
       {}});
  model::ProviderConfig config;
  config.gateway_id = "team-1";
  config.provider_slug = "openai";
  config.alias = "main";
  config.fields = Object{{"default_config", true}, {"rate_limit", 10}};
  config.secret_env = "AIGW_SECRET_TEAM_1_OPENAI_MAIN";
  d.resources.provider_configs.push_back(config);
  d.resources.routes.push_back(
      {"team-1",
       "chat",
       "",
       {{"start", "start", {}, {{"next", Object{{"elementId", "m"}}}}},
        {"m",
         "model",
         {{"provider", "openai"}, {"model", "gpt-4o-mini"}, {"retries", 2}, {"timeout", 1500}},
         {{"success", Object{{"elementId", "end"}}}, {"fallback", Object{{"elementId", "end"}}}}},
        {"end", "end", {}, {}}},
       "",
       {}});
  d.resources.auto_topup = model::AutoTopup{Object{{"amount", 5000}, {"threshold", 500}}, {}};
  d.billing_declared = true;
  model::CustomProvider provider;
  provider.slug = "acme-ai";
  provider.fields = Object{{"name", "Acme AI"}, {"base_url", "https://api.acme.example/v1"}};
  provider.headers_env = "AIGW_SECRET_CUSTOM_PROVIDER_ACME_AI_HEADERS";
  d.resources.custom_providers.push_back(provider);
  d.custom_providers_declared = true;
  return d;
}

const std::map<std::string, std::string> k_env = {
    {"CLOUDFLARE_ACCOUNT_ID", "acct"},
    {"AIGW_SECRET_TEAM_1_OTEL_1_AUTHORIZATION", "Bearer otel"},
    {"AIGW_SECRET_TEAM_1_OTEL_1_HEADER_X_ENV", "production"},
    {"AIGW_SECRET_TEAM_1_OPENAI_MAIN", "sk-provider"},
    {"AIGW_SECRET_CUSTOM_PROVIDER_ACME_AI_HEADERS", "{\"x-key\":\"cp-key\"}"}};

void expect_round_trip(const model::Desired& loaded) {
  const auto expected = sample();
  EXPECT_EQ(loaded.account_id, "acct");
  EXPECT_EQ(loaded.scope, expected.scope);
  ASSERT_EQ(loaded.resources.gateways.size(), 1u);
  auto gateway_fields = expected.resources.gateways[0].fields;
  gateway_fields["otel"] = Array{Object{{"authorization", "Bearer otel"},
                                        {"headers", Object{{"x-env", "production"}}},
                                        {"url", "https://otel.example/v1"}}};
  EXPECT_EQ(loaded.resources.gateways[0].fields, gateway_fields);
  ASSERT_EQ(loaded.resources.datasets.size(), 1u);
  EXPECT_EQ(loaded.resources.datasets[0].name, "300");
  EXPECT_EQ(loaded.resources.datasets[0].fields, expected.resources.datasets[0].fields);
  ASSERT_EQ(loaded.resources.provider_configs.size(), 1u);
  EXPECT_EQ(loaded.resources.provider_configs[0].secret_env, "AIGW_SECRET_TEAM_1_OPENAI_MAIN");
  EXPECT_EQ(loaded.resources.provider_configs[0].fields, expected.resources.provider_configs[0].fields);
  ASSERT_EQ(loaded.resources.routes.size(), 1u);
  EXPECT_EQ(loaded.resources.routes[0].elements, expected.resources.routes[0].elements);
  ASSERT_TRUE(loaded.resources.auto_topup.has_value());
  EXPECT_EQ(loaded.resources.auto_topup->fields, expected.resources.auto_topup->fields);
  EXPECT_FALSE(loaded.resources.spending_limit.has_value());
  EXPECT_FALSE(loaded.spending_limit_absent);
  EXPECT_TRUE(loaded.custom_providers_declared);
  ASSERT_EQ(loaded.resources.custom_providers.size(), 1u);
  const auto& provider = loaded.resources.custom_providers[0];
  EXPECT_EQ(provider.slug, "acme-ai");
  EXPECT_EQ(provider.fields, expected.resources.custom_providers[0].fields);
  EXPECT_EQ(provider.headers_env, "AIGW_SECRET_CUSTOM_PROVIDER_ACME_AI_HEADERS");
}

TEST(ExportWriter, OneDocumentReadsBackTheSameDesiredState) {
  test::TempDir dir;
  const auto path = dir.write("export.yaml", write_export_document(sample()));
  const auto loaded = load_desired({path}, env(k_env));
  ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].to_string());
  expect_round_trip(loaded.desired);
}

TEST(ExportWriter, FilesReadBackTheSameDesiredState) {
  test::TempDir dir;
  const auto files = write_export_files(sample());
  std::vector<std::string> paths;
  for (const auto& file : files) {
    paths.push_back(file.path);
    dir.write(file.path, file.text);
    EXPECT_EQ(file.text.rfind(std::string(k_schema_modeline) + "\n", 0), 0u) << file.path;
  }
  EXPECT_EQ(paths, (std::vector<std::string>{"aigw.yaml", "gateways/team-1.yaml", "billing.yaml",
                                             "custom_providers.yaml"}));
  const auto loaded = load_desired({dir.path()}, env(k_env));
  ASSERT_TRUE(loaded.ok()) << (loaded.diagnostics.empty() ? "" : loaded.diagnostics[0].to_string());
  expect_round_trip(loaded.desired);
}

TEST(ExportWriter, CredentialsAreReferencesAndLiteralDollarBracesAreEscaped) {
  const auto text = write_export_document(sample());
  EXPECT_NE(text.find("secret: ${AIGW_SECRET_TEAM_1_OPENAI_MAIN}"), std::string::npos) << text;
  EXPECT_NE(text.find("authorization: ${AIGW_SECRET_TEAM_1_OTEL_1_AUTHORIZATION}"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("x-env: \"${AIGW_SECRET_TEAM_1_OTEL_1_HEADER_X_ENV}\""), std::string::npos)
      << text;
  EXPECT_NE(text.find("$${not-a-reference}"), std::string::npos) << text;
  EXPECT_NE(text.find("account_id: ${CLOUDFLARE_ACCOUNT_ID}"), std::string::npos) << text;
}

TEST(ExportWriter, RouteElementsKeepTheirOrderAndReadAsAPersonWouldWriteThem) {
  const auto text = write_export_document(sample());
  const auto start = text.find("id: start");
  const auto model = text.find("id: m\n");
  const auto end = text.find("id: end");
  ASSERT_NE(start, std::string::npos) << text;
  EXPECT_LT(start, model);
  EXPECT_LT(model, end);
  EXPECT_NE(text.find("next: {elementId: m}"), std::string::npos) << text;
}

} // namespace
} // namespace aigw::config
