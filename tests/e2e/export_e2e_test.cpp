// aigw export end to end: for seeded random live states in one emulator process (a fresh
// account per seed: every kind, every field type, route versions not at the newest,
// defaults and non-defaults), `aigw export` then `aigw validate` passes and
// `aigw plan --detailed-exitcode` exits 0, and (every other seed) the export applied to a
// fresh account exports to the same text. Credentials never appear in what export writes.
// Also the command's contract: directory layout, non-empty directory, the variable list.

#include "apply_e2e_support.h"
#include "engine/apply.h"
#include "engine/export_state.h"
#include "engine/workflow.h"
#include "random_account.h"

#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

namespace aigw::test {
namespace {

constexpr int k_seeds = 100;
constexpr const char* k_token = "e2e-token-value";

std::unique_ptr<engine::GatewayApi> client_for(const EmulatorProcess& emulator,
                                               const std::string& account) {
  cloudflare::ClientOptions options;
  options.api_url = emulator.api_url();
  options.account_id = account;
  options.api_token = Secret(k_token);
  options.rate_limit_requests = 1e9;
  auto api = cloudflare::make_gateway_api(options);
  EXPECT_TRUE(api.ok());
  return api.ok() ? std::move(api.value()) : nullptr;
}

/// Makes the desired state live through the engine, then moves some routes' versions on:
/// a newer version that is not deployed, or an older one deployed again.
void make_live(engine::GatewayApi& api, const model::Desired& desired, RandomAccount& random) {
  auto made = engine::make_plan(api, desired, {});
  ASSERT_TRUE(made.ok()) << made.error().to_string();
  const auto report = engine::apply_plan(api, made->plan, {});
  for (const auto& step : report.steps) {
    EXPECT_NE(step.status, engine::StepOutcome::Status::failed)
        << made->plan.changes[step.index].address() << ": "
        << (step.error ? step.error->to_string() : step.detail);
  }
  ASSERT_TRUE(report.ok()) << "seeding apply failed";
  for (const auto& gateway : desired.resources.gateways) {
    auto routes = api.list_routes(gateway.id);
    ASSERT_TRUE(routes.ok());
    for (const auto& route : *routes) {
      if (random.coin()) {
        continue;
      }
      const auto first_version = route.deployed_version_id;
      ASSERT_TRUE(api.create_route_version(gateway.id, route.server_id, random.graph()).ok());
      if (random.coin()) {
        // Deploy the new version, then go back to the first: the deployed one is the oldest.
        auto versions = api.list_route_versions(gateway.id, route.server_id);
        ASSERT_TRUE(versions.ok());
        for (const auto& version : *versions) {
          if (version.version_id != first_version) {
            ASSERT_TRUE(
                api.create_route_deployment(gateway.id, route.server_id, version.version_id).ok());
          }
        }
        ASSERT_TRUE(api.create_route_deployment(gateway.id, route.server_id, first_version).ok());
      }
    }
  }
}

/// Custom providers, account-wide: one plain, one whose headers hold a key. Returns the
/// variable export names for each one's headers, with the headers' text.
std::map<std::string, std::string> make_custom_providers(engine::GatewayApi& api, int seed) {
  std::map<std::string, std::string> headers;
  model::CustomProvider plain;
  plain.slug = "plain-" + std::to_string(seed);
  plain.fields = {{"name", "Plain"}, {"base_url", "https://plain.example/v1"}, {"beta", true}};
  EXPECT_TRUE(api.create_custom_provider(plain).ok());
  model::CustomProvider keyed;
  keyed.slug = "keyed-" + std::to_string(seed);
  keyed.fields = {{"name", "Keyed"}, {"base_url", "https://keyed.example/v1"}, {"position", 2}};
  const std::string text = "{\"x-api-key\":\"cp-export-canary-" + std::to_string(seed) + "\"}";
  keyed.headers = Secret(text);
  EXPECT_TRUE(api.create_custom_provider(keyed).ok());
  headers[engine::secret_variable_name({"CUSTOM_PROVIDER", keyed.slug, "HEADERS"})] = text;
  return headers;
}

ProcessResult run(const EmulatorProcess& emulator, const std::string& account,
                  std::vector<std::string> args, std::map<std::string, std::string> extra = {}) {
  args.insert(args.begin(), {aigw_binary(), "--rate-limit", "1000000"});
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", k_token},
                 {"CLOUDFLARE_ACCOUNT_ID", account},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                 {"NO_COLOR", "1"}};
  for (auto& [name, value] : extra) {
    options.env[name] = value;
  }
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

/// The AIGW_SECRET_... names export listed on stderr.
std::vector<std::string> listed_variables(const std::string& err) {
  std::vector<std::string> names;
  const std::regex line(R"(^  (AIGW_SECRET_[A-Z0-9_]+)  )");
  std::istringstream in(err);
  for (std::string text; std::getline(in, text);) {
    std::smatch match;
    if (std::regex_search(text, match, line)) {
      names.push_back(match[1]);
    }
  }
  return names;
}

/// The variable export names for each OTel header value, with the value it stands for.
std::map<std::string, std::string> header_values(const model::Desired& desired) {
  std::map<std::string, std::string> out;
  for (const auto& gateway : desired.resources.gateways) {
    const auto otel = gateway.fields.find("otel");
    if (otel == gateway.fields.end() || !otel->second.is_array()) {
      continue;
    }
    const auto& exporters = otel->second.as_array();
    for (std::size_t i = 0; i < exporters.size(); ++i) {
      const auto* headers = exporters[i].find("headers");
      if (headers == nullptr || !headers->is_object()) {
        continue;
      }
      for (const auto& [name, value] : headers->as_object()) {
        out[engine::secret_variable_name(
            {gateway.id, "OTEL", std::to_string(i + 1), "HEADER", name})] = value.as_string();
      }
    }
  }
  return out;
}

std::string read_all_files(const std::string& dir) {
  std::string all;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      std::ifstream in(entry.path());
      all += std::string(std::istreambuf_iterator<char>(in), {});
    }
  }
  return all;
}

TEST(ExportRoundTrip, RandomLiveStatesExportToYamlThatPlansClean) {
  EmulatorProcess emulator;
  for (int seed = 1; seed <= k_seeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    const std::string account = "acct-export-" + std::to_string(seed);
    const std::string canary = "Bearer export-canary-" + std::to_string(seed) + "-credential";
    const std::string provider_secret = "sk-export-provider-" + std::to_string(seed) + "-canary";
    RandomAccount random(static_cast<std::uint64_t>(seed), canary, provider_secret);
    const auto desired = random.desired(account);
    auto api = client_for(emulator, account);
    ASSERT_TRUE(api);
    make_live(*api, desired, random);
    if (HasFatalFailure()) {
      return;
    }
    const auto provider_headers =
        seed % 3 == 0 ? make_custom_providers(*api, seed) : std::map<std::string, std::string>{};

    TempDir dir;
    std::vector<std::string> args = {"export"};
    std::string config_path = dir.path() + "/out";
    if (seed % 2 == 0) {
      args.insert(args.end(), {"--out", config_path});
    }
    if (seed % 10 == 5) {
      args.insert(args.end(), {"--gateway", desired.resources.gateways[0].id});
    } else if (seed % 10 == 7) {
      args.insert(args.end(), {"--scope", "gw-0-*"});
    }
    const auto exported = run(emulator, account, args);
    ASSERT_EQ(exported.exit_code, 0) << describe(exported);
    if (seed % 2 != 0) {
      config_path = dir.write("export.yaml", exported.out);
    }
    const std::string written = seed % 2 == 0 ? read_all_files(config_path) : exported.out;
    EXPECT_EQ(written.find(canary), std::string::npos) << "a credential reached the export";
    EXPECT_EQ(exported.err.find(canary), std::string::npos);
    EXPECT_EQ(written.find(provider_secret), std::string::npos);
    EXPECT_EQ(exported.err.find(provider_secret), std::string::npos);
    EXPECT_EQ(written.find("cp-export-canary"), std::string::npos);
    EXPECT_EQ(exported.err.find("cp-export-canary"), std::string::npos);
    const bool providers_exported = !provider_headers.empty() && seed % 10 != 5 && seed % 10 != 7;
    EXPECT_EQ(written.find("custom_providers:") != std::string::npos, providers_exported);

    // Each listed variable gets the credential it stands for: plan compares otel/stripe
    // authorizations, and a provider secret with the preview the API keeps of it.
    // OTel header values are exported as references too: each gets the live value.
    const auto headers = header_values(desired);
    std::map<std::string, std::string> env;
    for (const auto& name : listed_variables(exported.err)) {
      const bool authorization = name.size() > 14 && name.ends_with("_AUTHORIZATION");
      const auto header = headers.find(name);
      const auto provider = provider_headers.find(name);
      env[name] = header != headers.end()       ? header->second
                  : provider != provider_headers.end() ? provider->second
                  : authorization               ? canary
                                                : provider_secret;
    }
    const std::vector<std::string> files = {"-f", config_path};
    std::vector<std::string> validate = {"validate"};
    validate.insert(validate.end(), files.begin(), files.end());
    const auto validated = run(emulator, account, validate, env);
    ASSERT_EQ(validated.exit_code, 0) << describe(validated) << "\n" << written;
    // The files declare every exported gateway (a plan of nothing would be clean too).
    const std::size_t expected_gateways =
        (seed % 10 == 5 || seed % 10 == 7) ? 1 : desired.resources.gateways.size();
    const std::string counted = std::to_string(expected_gateways) +
                                (expected_gateways == 1 ? " gateway," : " gateways,");
    EXPECT_EQ(validated.out.rfind("OK: " + counted, 0), 0u)
        << validated.out;
    std::vector<std::string> plan = {"plan", "--detailed-exitcode"};
    plan.insert(plan.end(), files.begin(), files.end());
    const auto planned = run(emulator, account, plan, env);
    ASSERT_EQ(planned.exit_code, 0) << describe(planned) << "\n" << written;

    // Nothing is lost (a field export dropped would still plan clean): applied to a fresh
    // account, the export builds an account against which the generated desired state
    // itself plans clean, and which exports to the same text.
    if (seed % 2 != 0 && seed % 10 != 5 && seed % 10 != 7) {
      const std::string copy = account + "-copy";
      const auto applied =
          run(emulator, copy, {"apply", "-f", config_path, "--auto-approve"}, env);
      ASSERT_EQ(applied.exit_code, 0) << describe(applied);
      auto copy_api = client_for(emulator, copy);
      ASSERT_TRUE(copy_api);
      auto replanned = engine::make_plan(*copy_api, desired, {});
      ASSERT_TRUE(replanned.ok()) << replanned.error().to_string();
      for (const auto& change : replanned->plan.changes) {
        ADD_FAILURE() << "lost in the export: " << engine::change_kind_name(change.kind) << " "
                      << change.address() << "\n" << written;
      }
      const auto again = run(emulator, copy, args);
      ASSERT_EQ(again.exit_code, 0) << describe(again);
      EXPECT_EQ(again.out, exported.out);
    }
  }
}

TEST(Export, WritesTheDocumentedLayoutAndListsVariables) {
  EmulatorProcess emulator;
  const std::string account = "acct-export-layout";
  auto api = client_for(emulator, account);
  ASSERT_TRUE(api);
  model::Desired desired;
  desired.resources.gateways.push_back({"support-bot", {{"cache_ttl", 300}}, {}});
  model::ProviderConfig config;
  config.gateway_id = "support-bot";
  config.provider_slug = "openai";
  config.alias = "main";
  config.secret = Secret("sk-layout-secret-value");
  desired.resources.provider_configs.push_back(config);
  desired.billing_declared = true;
  desired.resources.auto_topup = model::AutoTopup{{{"amount", 5000}, {"threshold", 500}}, {}};
  RandomAccount random(1, "unused", "unused");
  make_live(*api, desired, random);
  make_custom_providers(*api, 1);

  TempDir dir;
  const std::string out = dir.path() + "/adopted";
  const auto exported = run(emulator, account, {"export", "--out", out});
  ASSERT_EQ(exported.exit_code, 0) << describe(exported);
  EXPECT_TRUE(std::filesystem::is_regular_file(out + "/aigw.yaml"));
  EXPECT_TRUE(std::filesystem::is_regular_file(out + "/gateways/support-bot.yaml"));
  EXPECT_TRUE(std::filesystem::is_regular_file(out + "/billing.yaml"));
  EXPECT_TRUE(std::filesystem::is_regular_file(out + "/custom_providers.yaml"));
  EXPECT_NE(exported.out.find("Exported 1 gateway, 5 resources in all"), std::string::npos)
      << exported.out;
  EXPECT_NE(exported.err.find("aigw: the export reads 2 credentials the API never returns from "
                              "these environment variables; `aigw plan` needs none of them"),
            std::string::npos)
      << exported.err;
  EXPECT_NE(exported.err.find("  AIGW_SECRET_CUSTOM_PROVIDER_KEYED_1_HEADERS  custom provider "
                              "keyed-1 headers\n"),
            std::string::npos)
      << exported.err;
  std::ifstream providers_file(out + "/custom_providers.yaml");
  const std::string providers_text(std::istreambuf_iterator<char>(providers_file), {});
  EXPECT_NE(providers_text.find("custom_providers:\n  - slug: keyed-1\n    base_url: https://keyed.example/v1\n"
                                "    name: Keyed\n    position: 2\n"),
            std::string::npos)
      << providers_text;
  EXPECT_NE(providers_text.find("    headers: ${AIGW_SECRET_CUSTOM_PROVIDER_KEYED_1_HEADERS}\n"),
            std::string::npos)
      << providers_text;
  EXPECT_NE(exported.err.find("  AIGW_SECRET_SUPPORT_BOT_OPENAI_MAIN          provider config "
                              "support-bot/openai/main secret\n"),
            std::string::npos)
      << exported.err;
  std::ifstream gateway_file(out + "/gateways/support-bot.yaml");
  const std::string text(std::istreambuf_iterator<char>(gateway_file), {});
  EXPECT_EQ(text, "# yaml-language-server: "
                  "$schema=https://raw.githubusercontent.com/aigw/aigw/main/schemas/aigw.schema.json\n"
                  "gateways:\n"
                  "  - id: support-bot\n"
                  "    cache_ttl: 300\n"
                  "    provider_configs:\n"
                  "      - provider_slug: openai\n"
                  "        alias: main\n"
                  "        secret: ${AIGW_SECRET_SUPPORT_BOT_OPENAI_MAIN}\n");

  // A non-empty directory is refused without --force, and left as it was.
  const auto again = run(emulator, account, {"export", "--out", out});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find(out + " is not empty"), std::string::npos) << again.err;
  const auto forced = run(emulator, account, {"export", "--out", out, "--force"});
  EXPECT_EQ(forced.exit_code, 0) << describe(forced);
  for (const auto& entry : std::filesystem::recursive_directory_iterator(out)) {
    EXPECT_EQ(entry.path().extension(), entry.is_directory() ? "" : ".yaml")
        << "left behind: " << entry.path();
  }
}

TEST(Export, AnUnknownGatewayIsAnError) {
  EmulatorProcess emulator;
  const auto result = run(emulator, "acct-export-none", {"export", "--gateway", "nope"});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find("gateway nope does not exist in the account"), std::string::npos)
      << result.err;
  EXPECT_TRUE(result.out.empty());
}

} // namespace
} // namespace aigw::test
