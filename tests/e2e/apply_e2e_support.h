#pragma once
// Shared by the apply end-to-end tests: run the real aigw binary against a real emulator
// process, and read the emulator's state back through the real client.

#include "cloudflare/client_factory.h"
#include "engine/live_state.h"
#include "model/resource_walk.h"
#include "support/emulator_process.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <optional>
#include <sstream>
#include <memory>
#include <string>
#include <vector>

namespace aigw::test {

inline constexpr const char* k_account = "acct-e2e";
inline constexpr const char* k_provider_secret = "sk-e2e-provider-secret-0123456789";

/// Runs `aigw ARGS...` against the emulator with credentials and the provider secret in
/// the environment. stdin is a pipe, so aigw never sees a TTY.
inline ProcessResult run_aigw(const EmulatorProcess& emulator, std::vector<std::string> args) {
  args.insert(args.begin(), aigw_binary());
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_ACCOUNT_ID", k_account},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                 {"OPENAI_API_KEY", k_provider_secret},
                 {"NO_COLOR", "1"}};
  options.timeout = std::chrono::seconds(120);
  return run_process(args, options);
}

/// Writes `yaml` as aigw.yaml in `dir` and runs `aigw COMMAND -f FILE REST...` (args[0] is
/// the command) as run_aigw does.
inline ProcessResult run_with_yaml(TempDir& dir, const EmulatorProcess& emulator,
                                   const std::string& yaml, std::vector<std::string> args) {
  const auto file = dir.write("aigw.yaml", yaml);
  args.insert(args.begin() + 1, {"-f", file});
  return run_aigw(emulator, args);
}

/// A client straight to the emulator, for checking what apply did.
inline std::unique_ptr<engine::GatewayApi> emulator_client(const EmulatorProcess& emulator) {
  cloudflare::ClientOptions options;
  options.api_url = emulator.api_url();
  options.account_id = k_account;
  options.api_token = Secret("e2e-token-value");
  auto api = cloudflare::make_gateway_api(options);
  if (!api) {
    ADD_FAILURE() << api.error().to_string();
    return nullptr;
  }
  return std::move(api.value());
}

/// A client straight to the emulator for `account` without a rate limit, for seeding.
inline std::unique_ptr<engine::GatewayApi> seeding_client(const EmulatorProcess& emulator,
                                                          const std::string& account = k_account) {
  cloudflare::ClientOptions options;
  options.api_url = emulator.api_url();
  options.account_id = account;
  options.api_token = Secret("e2e-token-value");
  options.rate_limit_requests = 1e9;
  options.rate_limit_burst = 1000000;
  auto api = cloudflare::make_gateway_api(options);
  if (!api) {
    ADD_FAILURE() << api.error().to_string();
    return nullptr;
  }
  return std::move(api.value());
}

/// A gateway body with every field the create call requires, for seeding.
inline model::Gateway seed_gateway(const std::string& id) {
  return {id,
          {{"cache_invalidate_on_update", false},
           {"cache_ttl", 0},
           {"collect_logs", true},
           {"rate_limiting_interval", 0},
           {"rate_limiting_limit", 0}},
          {}};
}

/// How many live objects have each address ("dataset gw/name" -> 2 means a duplicate):
/// every kind that has an identity (a singleton is one object by construction), children
/// of every gateway but the default one.
inline std::map<std::string, int> live_identities(engine::GatewayApi& api) {
  engine::LiveQuery query;
  query.children_in_scope = true;
  query.custom_providers = true;
  auto live = engine::read_live(api, query);
  EXPECT_TRUE(live.ok()) << (live.ok() ? "" : live.error().to_string());
  std::map<std::string, int> seen;
  if (live) {
    model::for_each_resource(live->resources,
                             [&seen](const auto& x) { ++seen[model::key_of(x).address()]; });
  }
  return seen;
}

/// Fails the test for every identity that exists more than once.
inline void expect_no_duplicates(const std::map<std::string, int>& identities) {
  for (const auto& [identity, count] : identities) {
    EXPECT_EQ(count, 1) << "duplicate: " << identity;
  }
}

/// The environment run_aigw gives, plus the second provider key the examples use; with
/// no_color false, NO_COLOR is removed.
inline ProcessOptions aigw_environment(const EmulatorProcess& emulator, bool no_color) {
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_ACCOUNT_ID", k_account},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                 {"OPENAI_API_KEY", k_provider_secret},
                 {"ANTHROPIC_API_KEY", std::string(k_provider_secret) + "-anthropic"},
                 {"NO_COLOR", no_color ? std::optional<std::string>("1") : std::nullopt}};
  options.timeout = std::chrono::seconds(120);
  return options;
}

/// A whole file's bytes ("" when it cannot be read).
inline std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

/// The output of a run, for failure messages.
inline std::string describe(const ProcessResult& r) {
  return "exit " + std::to_string(r.exit_code) + "\nstdout:\n" + r.out + "\nstderr:\n" + r.err;
}

} // namespace aigw::test
