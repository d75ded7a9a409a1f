// aigw apply end to end, for every kind of change, against the emulator as a real process.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"

#include <gmock/gmock.h>

#include <algorithm>

namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

/// Gateway e2e-main (with guardrails, a provider config and route chat on MODEL) with the
/// given datasets, plus gateway e2e-extra when `extra`, then `billing`.
std::string desired(int cache_ttl, const std::vector<std::string>& datasets,
                    const std::string& model, bool extra, const std::string& billing) {
  std::vector<GatewayYaml> gateways = {
      {"e2e-main", cache_ttl, true, datasets, {"openai"}, {{"chat", model}}}};
  if (extra) {
    gateways.push_back({"e2e-extra", 60, false, {}, {}, {}});
  }
  return desired_yaml(gateways, billing);
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

class ApplyKinds : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  ProcessResult apply(const std::string& yaml, std::vector<std::string> extra = {}) {
    const auto file = dir.write("aigw.yaml", yaml);
    std::vector<std::string> args = {"apply", "-f", file, "--auto-approve"};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_aigw(emulator, args);
  }
  ProcessResult plan_exit(const std::string& yaml) {
    const auto file = dir.write("aigw.yaml", yaml);
    return run_aigw(emulator, {"plan", "-f", file, "--detailed-exitcode"});
  }
  /// The versions of route chat of e2e-main, and the route itself.
  std::pair<std::vector<model::RouteVersion>, model::Route> chat_route() {
    auto api = emulator_client(emulator);
    auto routes = api->list_routes("e2e-main");
    EXPECT_TRUE(routes.ok() && routes->size() == 1);
    if (!routes || routes->size() != 1) {
      return {};
    }
    auto versions = api->list_route_versions("e2e-main", routes->front().server_id);
    EXPECT_TRUE(versions.ok());
    return {versions.ok() ? *versions : std::vector<model::RouteVersion>{}, routes->front()};
  }
};

TEST_F(ApplyKinds, CreatesEverythingThenPlansClean) {
  const auto v1 = desired(300, {"failures", "old"}, "gpt-4o-mini", true, k_billing_both);
  const auto first = apply(v1);
  ASSERT_EQ(first.exit_code, 0) << describe(first);
  // The gateway is created, then PUT for guardrails, which create does not take (checked
  // live below).
  EXPECT_THAT(first.out, HasSubstr("create gateway e2e-main: done"));
  EXPECT_THAT(first.out, HasSubstr("update gateway e2e-main: done"));
  EXPECT_THAT(first.out, HasSubstr("create dataset e2e-main/failures: done"));
  EXPECT_THAT(first.out, HasSubstr("create provider config e2e-main/openai/main: done"));
  EXPECT_THAT(first.out, HasSubstr("create route e2e-main/chat: done"));
  EXPECT_THAT(first.out, HasSubstr("[billing]"));
  EXPECT_THAT(first.out, HasSubstr("API requests"));
  EXPECT_THAT(first.out + first.err, Not(HasSubstr(k_provider_secret)));
  const auto clean = plan_exit(v1);
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);

  auto api = emulator_client(emulator);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  const auto main = std::find_if(gateways->begin(), gateways->end(),
                                 [](const auto& g) { return g.id == "e2e-main"; });
  ASSERT_NE(main, gateways->end());
  EXPECT_EQ(main->fields.at("guardrails").to_json(), R"({"prompt":{"S1":"BLOCK"}})");
  expect_no_duplicates(live_identities(*api));
}

TEST_F(ApplyKinds, UpdatesDeploysNewVersionsRedeploysAndPrunes) {
  const auto v1 = desired(300, {"failures", "old"}, "gpt-4o-mini", true, k_billing_both);
  ASSERT_EQ(apply(v1).exit_code, 0);

  // Gateway PUT, dataset PUT, route version then deployment, prune a dataset and a gateway,
  // billing set and delete.
  const auto v2 = replace_all(desired(600, {"failures"}, "gpt-4o", false, k_billing_changed),
                              "enable: true", "enable: false");
  const auto second = apply(v2, {"--prune", "--force"});
  ASSERT_EQ(second.exit_code, 0) << describe(second);
  EXPECT_THAT(second.out, HasSubstr("update gateway e2e-main: done"));
  EXPECT_THAT(second.out, HasSubstr("update dataset e2e-main/failures: done"));
  EXPECT_THAT(second.out, HasSubstr("delete dataset e2e-main/old: done"));
  EXPECT_THAT(second.out, HasSubstr("delete gateway e2e-extra: done"));
  EXPECT_THAT(second.out, HasSubstr("deploy a new version of route e2e-main/chat: done, deployed new "
                                    "version"));
  EXPECT_THAT(second.out, HasSubstr("update spending limit [billing]: done"));
  EXPECT_THAT(second.out, HasSubstr("delete auto top-up [billing]: done"));
  auto [versions, route] = chat_route();
  ASSERT_EQ(versions.size(), 2U);
  EXPECT_EQ(route.deployed_version_id, versions.back().version_id);
  EXPECT_EQ(plan_exit(v2).exit_code, 0);

  // Back to the first elements: the existing version is deployed again, none is added.
  const auto v3 = replace_all(desired(600, {"failures"}, "gpt-4o-mini", false, k_billing_changed),
                              "enable: true", "enable: false");
  const auto third = apply(v3);
  ASSERT_EQ(third.exit_code, 0) << describe(third);
  EXPECT_THAT(third.out, HasSubstr("] redeploy version "));
  EXPECT_THAT(third.out, HasSubstr("of route e2e-main/chat: done, redeployed"));
  auto [after, redeployed] = chat_route();
  EXPECT_EQ(after.size(), 2U);
  EXPECT_EQ(redeployed.deployed_version_id, versions.front().version_id);
  EXPECT_EQ(plan_exit(v3).exit_code, 0);
  expect_no_duplicates(live_identities(*emulator_client(emulator)));
}

TEST_F(ApplyKinds, WithoutATerminalOrAutoApproveItRefusesAndChangesNothing) {
  const auto file = dir.write("aigw.yaml", desired(300, {"failures"}, "m", false, ""));
  const auto refused = run_aigw(emulator, {"apply", "-f", file});
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_THAT(refused.err, HasSubstr("--auto-approve"));
  EXPECT_THAT(refused.err, HasSubstr("TTY"));
  auto gateways = emulator_client(emulator)->list_gateways();
  ASSERT_TRUE(gateways.ok());
  EXPECT_TRUE(gateways->empty());
}

TEST_F(ApplyKinds, ProviderConfigDriftIsReportedAsCannotFixWithoutFailing) {
  const auto v1 = desired(300, {}, "m", false, "");
  ASSERT_EQ(apply(v1).exit_code, 0);
  const auto drifted = apply(replace_all(v1, "default_config: true", "default_config: false"));
  EXPECT_EQ(drifted.exit_code, 0) << describe(drifted);
  EXPECT_THAT(drifted.out, HasSubstr("provider config e2e-main/openai/main"));
  EXPECT_THAT(drifted.out, Not(HasSubstr("POST")));
}

TEST_F(ApplyKinds, NothingToDoExitsZero) {
  const auto v1 = desired(300, {"failures"}, "m", false, "");
  ASSERT_EQ(apply(v1).exit_code, 0);
  const auto again = apply(v1);
  EXPECT_EQ(again.exit_code, 0) << describe(again);
  EXPECT_THAT(again.out, Not(HasSubstr("done")));
}

} // namespace
} // namespace aigw::test
