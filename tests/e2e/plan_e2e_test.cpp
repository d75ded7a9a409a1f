// `aigw plan` end to end: the real binary against a real emulator process seeded through
// the API itself. Output forms, exit codes, saved plans, drift, prune safety, examples/.

#include "e2e/apply_e2e_support.h"
#include "e2e/apply_e2e_yaml.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace aigw::test {
namespace {

class PlanE2e : public ::testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  std::string write_config(const std::string& yaml) { return dir.write("aigw.yaml", yaml); }
  ProcessResult plan(const std::string& config, std::vector<std::string> extra = {}) {
    std::vector<std::string> args = {"plan", "-f", config};
    args.insert(args.end(), extra.begin(), extra.end());
    return run_aigw(emulator, args);
  }
};

const GatewayYaml k_support{"support-bot", 300, true, {"failures"}, {"openai"}, {{"chat", "gpt-4o-mini"}}};
const std::string k_limit_only =
    "billing:\n  spending_limit: { amount: 10000, duration: monthly, strategy: fixed }\n";

TEST_F(PlanE2e, FreshAccountThenAppliedThenDrifted) {
  const auto config = write_config(desired_yaml({k_support}, k_limit_only));

  auto fresh = plan(config, {"--detailed-exitcode"});
  ASSERT_EQ(fresh.exit_code, 2) << describe(fresh);
  EXPECT_NE(fresh.out.find("+ gateway support-bot (create)"), std::string::npos) << fresh.out;
  EXPECT_NE(fresh.out.find("~ gateway support-bot (update: fields the create call does not accept)"),
            std::string::npos);
  EXPECT_NE(fresh.out.find("+ secret = (sensitive)"), std::string::npos);
  EXPECT_NE(fresh.out.find("+ spending limit (create) [$ billing]"), std::string::npos);
  EXPECT_NE(fresh.out.find("Plan: 5 to create, 1 to update, 0 to delete. $ 1 billing change."),
            std::string::npos);
  // The gateway list and the two billing GETs; a missing gateway has no children to list.
  EXPECT_NE(fresh.out.find("Read live state with 3 API requests."), std::string::npos);
  EXPECT_EQ(fresh.out.find('\x1b'), std::string::npos) << "no colour without a TTY";
  EXPECT_EQ((fresh.out + fresh.err).find(k_provider_secret), std::string::npos);

  // Without --detailed-exitcode pending changes still exit 0.
  EXPECT_EQ(plan(config).exit_code, 0);

  const std::string saved = dir.path() + "/plan.json";
  auto json = plan(config, {"--output", "json", "--out", saved});
  ASSERT_EQ(json.exit_code, 0) << describe(json);
  const auto doc = boost::json::parse(json.out).as_object();
  EXPECT_EQ(doc.at("format_version").as_int64(), 1);
  EXPECT_EQ(doc.at("api_requests").as_int64(), 3);
  EXPECT_EQ(doc.at("summary").at("create").as_int64(), 5);
  const std::string file = read_text(saved);
  EXPECT_EQ(file.find(k_provider_secret), std::string::npos);
  EXPECT_NE(file.find("\"secret_env\": \"OPENAI_API_KEY\""), std::string::npos);
  EXPECT_NE(file.find("\"address\": \"gateway support-bot\""), std::string::npos);

  auto applied = run_aigw(emulator, {"apply", "-f", config, "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);

  auto clean = plan(config, {"--detailed-exitcode"});
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_NE(clean.out.find("No changes."), std::string::npos);
  // 1 gateway page + 3 child lists + 2 billing GETs.
  EXPECT_NE(clean.out.find("Read live state with 6 API requests."), std::string::npos) << clean.out;

  auto api = emulator_client(emulator);
  ASSERT_TRUE(api);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  ASSERT_EQ(gateways->size(), 1u);
  model::Gateway drifted = gateways->front();
  drifted.fields["cache_ttl"] = 999;
  for (const char* read_only : {"created_at", "modified_at", "is_default"}) {
    drifted.fields.erase(read_only);
  }
  ASSERT_TRUE(api->update_gateway(drifted).ok());

  auto drift = plan(config, {"--detailed-exitcode"});
  EXPECT_EQ(drift.exit_code, 2) << describe(drift);
  EXPECT_NE(drift.out.find("~ gateway support-bot (update)\n      ~ cache_ttl: 999 -> 300\n"),
            std::string::npos)
      << drift.out;
  EXPECT_NE(drift.out.find("Plan: 0 to create, 1 to update, 0 to delete."), std::string::npos);

  auto markdown = plan(config, {"--output", "markdown"});
  EXPECT_EQ(markdown.exit_code, 0);
  EXPECT_EQ(markdown.out.rfind("### aigw plan\n", 0), 0u) << markdown.out;
  EXPECT_NE(markdown.out.find("<details><summary><code>~ gateway support-bot</code>"), std::string::npos);
  EXPECT_NE(markdown.out.find("~ cache_ttl: 999 -> 300"), std::string::npos);
}

/// Runs `aigw plan` with stdout on a pseudo-terminal (through script(1)).
ProcessResult plan_on_terminal(const EmulatorProcess& emulator, const std::string& config,
                               bool no_color) {
  return run_process({"/usr/bin/script", "-qfec", aigw_binary() + " plan -f " + config, "/dev/null"},
                     aigw_environment(emulator, no_color));
}

TEST_F(PlanE2e, ColourOnlyOnATerminalAndNeverWithNoColor) {
  const auto config = write_config(desired_yaml({k_support}));
  auto coloured = plan_on_terminal(emulator, config, false);
  ASSERT_EQ(coloured.exit_code, 0) << describe(coloured);
  EXPECT_NE(coloured.out.find("\x1b[32m+ gateway support-bot\x1b[0m"), std::string::npos)
      << coloured.out;
  auto plain = plan_on_terminal(emulator, config, true);
  ASSERT_EQ(plain.exit_code, 0) << describe(plain);
  EXPECT_NE(plain.out.find("+ gateway support-bot (create)"), std::string::npos) << plain.out;
  EXPECT_EQ(plain.out.find('\x1b'), std::string::npos) << plain.out;
}

TEST_F(PlanE2e, InvalidConfigurationExitsOne) {
  const auto config = write_config("gateways:\n  - id: x\n    cache_tll: 1\n");
  auto result = plan(config, {"--detailed-exitcode"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.err.find("cache_tll"), std::string::npos) << result.err;
  EXPECT_TRUE(result.out.empty()) << result.out;
}

TEST_F(PlanE2e, UnreachableApiExitsOne) {
  const auto config = write_config(desired_yaml({k_support}));
  emulator.stop();
  auto result = plan(config, {"--detailed-exitcode"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.err.find("reading live state"), std::string::npos) << result.err;
}

TEST_F(PlanE2e, MassPruneIsRefusedUnlessForced) {
  auto api = emulator_client(emulator);
  ASSERT_TRUE(api);
  for (int i = 0; i < 10; ++i) {
    ASSERT_TRUE(api->create_gateway(seed_gateway("team-" + std::to_string(i))).ok());
  }
  ASSERT_TRUE(api->create_gateway(seed_gateway("other")).ok());
  const auto config = write_config(
      "account_id: ${CLOUDFLARE_ACCOUNT_ID}\nprune: true\nscope: [team-*]\ngateways:\n"
      "  - id: team-0\n");

  auto refused = plan(config, {"--detailed-exitcode"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_NE(refused.err.find("refusing to delete 9 of 10 managed resources"), std::string::npos)
      << refused.err;

  auto forced = plan(config, {"--detailed-exitcode", "--force"});
  EXPECT_EQ(forced.exit_code, 2) << describe(forced);
  EXPECT_NE(forced.out.find("- gateway team-9 (delete)"), std::string::npos);
  EXPECT_EQ(forced.out.find("gateway other"), std::string::npos) << "outside scope";
  EXPECT_NE(forced.out.find("Plan: 0 to create, 0 to update, 9 to delete."), std::string::npos);
}

TEST(PlanExamples, EachPlansAppliesAndThenPlansClean) {
  // Each directory under examples/ is one example (its files are merged).
  std::vector<std::string> examples;
  for (const auto& entry : std::filesystem::directory_iterator(source_dir() + "/examples")) {
    if (entry.is_directory()) {
      examples.push_back(entry.path().string());
    }
  }
  std::sort(examples.begin(), examples.end());
  EXPECT_GE(examples.size(), 1u);
  for (const auto& example : examples) {
    SCOPED_TRACE(example);
    EmulatorProcess emulator;
    const auto env = aigw_environment(emulator, true);
    auto fresh = run_process({aigw_binary(), "plan", "-f", example, "--detailed-exitcode"}, env);
    EXPECT_EQ(fresh.exit_code, 2) << describe(fresh);
    auto applied = run_process({aigw_binary(), "apply", "-f", example, "--auto-approve"}, env);
    EXPECT_EQ(applied.exit_code, 0) << describe(applied);
    auto clean = run_process({aigw_binary(), "plan", "-f", example, "--detailed-exitcode"}, env);
    EXPECT_EQ(clean.exit_code, 0) << describe(clean);
    EXPECT_NE(clean.out.find("No changes."), std::string::npos) << clean.out;
    const std::string all = fresh.out + fresh.err + applied.out + applied.err + clean.out + clean.err;
    EXPECT_EQ(all.find(k_provider_secret), std::string::npos);
  }
}

} // namespace
} // namespace aigw::test
