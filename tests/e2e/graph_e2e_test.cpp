// `aigw graph` end to end: the desired graphs offline (the same text as the renderer's
// golden files), route selection and its errors, the deployed graphs with --live against
// a real emulator, and the Markdown plan of a route change drawing its graphs.

#include "e2e/apply_e2e_support.h"

#include <gtest/gtest.h>

namespace aigw::test {
namespace {

std::string golden(const std::string& name) {
  return read_text(source_dir() + "/tests/render/golden/" + name);
}

std::string example(const std::string& name) {
  return source_dir() + "/examples/" + name;
}

/// Runs aigw offline: no credentials, no provider keys, and an API URL nothing listens
/// on, so any API call would fail.
ProcessResult run_offline(std::vector<std::string> args) {
  args.insert(args.begin(), aigw_binary());
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", std::nullopt},
                 {"CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:9/client/v4"},
                 {"CLOUDFLARE_ACCOUNT_ID", "acct-offline"},
                 {"OPENAI_API_KEY", std::nullopt},
                 {"ANTHROPIC_API_KEY", std::nullopt}};
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

TEST(GraphE2e, DesiredGraphsOfflineInBothFormats) {
  const auto mermaid = run_offline({"graph", "-f", example("routing")});
  ASSERT_EQ(mermaid.exit_code, 0) << describe(mermaid);
  EXPECT_EQ(mermaid.out, golden("routing.mmd"));
  EXPECT_EQ(mermaid.err, "");

  const auto dot = run_offline({"graph", "-f", example("routing"), "--format", "dot"});
  ASSERT_EQ(dot.exit_code, 0) << describe(dot);
  EXPECT_EQ(dot.out, golden("routing.dot"));
}

TEST(GraphE2e, RouteSelectionInTheOrderAsked) {
  const auto both = run_offline({"graph", "-f", example("routing"), "--route", "router/tiered",
                                 "--route", "router/ab-test", "--route", "router/tiered"});
  ASSERT_EQ(both.exit_code, 0) << describe(both);
  const auto tiered = both.out.find("subgraph r0 [\"router/tiered\"]");
  const auto ab_test = both.out.find("subgraph r1 [\"router/ab-test\"]");
  EXPECT_NE(tiered, std::string::npos) << both.out;
  EXPECT_NE(ab_test, std::string::npos) << both.out;
  EXPECT_EQ(both.out.find("subgraph r2"), std::string::npos) << "each route once";
}

TEST(GraphE2e, UnknownRoutesAndBadAddressesAreErrors) {
  const auto unknown = run_offline(
      {"graph", "-f", example("routing"), "--route", "router/nope", "--route", "ghost/x"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_EQ(unknown.out, "");
  EXPECT_NE(unknown.err.find("aigw: error: no route router/nope in the configuration (routes of "
                             "that gateway: router/ab-test, router/tiered)"),
            std::string::npos)
      << unknown.err;
  EXPECT_NE(unknown.err.find("aigw: error: no route ghost/x in the configuration\n"),
            std::string::npos)
      << unknown.err;

  const auto bad = run_offline({"graph", "-f", example("routing"), "--route", "ab-test"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("expected GATEWAY/NAME, got 'ab-test'"), std::string::npos) << bad.err;

  const auto format = run_offline({"graph", "-f", example("routing"), "--format", "svg"});
  EXPECT_EQ(format.exit_code, 1);
}

TEST(GraphE2e, InvalidConfigurationIsAnErrorWithItsLocation) {
  TempDir dir;
  const auto path = dir.write("aigw.yaml", "account_id: a\ngateways:\n  - id: gw\n    routes:\n"
                                           "      - name: r\n        elements: []\n");
  const auto result = run_offline({"graph", "-f", path});
  EXPECT_EQ(result.exit_code, 1);
  EXPECT_NE(result.err.find(path + ":"), std::string::npos) << result.err;
  EXPECT_EQ(result.out, "");
}

TEST(GraphE2e, NoRoutesDrawsAnEmptyGraph) {
  const auto result = run_offline({"graph", "-f", example("billing"), "--format", "dot"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_EQ(result.err, "aigw: no routes to draw\n");
  EXPECT_EQ(result.out.rfind("digraph routes {\n", 0), 0u) << result.out;
}

ProcessResult run_against(const EmulatorProcess& emulator, std::vector<std::string> args) {
  args.insert(args.begin(), aigw_binary());
  return run_process(args, aigw_environment(emulator, true));
}

TEST(GraphE2e, LiveGraphsAndTheMarkdownPlanOfARouteChange) {
  EmulatorProcess emulator;
  // Nothing deployed yet: the declared gateway does not exist, so there is nothing to draw.
  const auto before = run_against(emulator, {"graph", "--live", "-f", example("routing")});
  ASSERT_EQ(before.exit_code, 0) << describe(before);
  EXPECT_EQ(before.out, "flowchart TD\n");

  const auto missing = run_against(
      emulator, {"graph", "--live", "-f", example("routing"), "--route", "router/ab-test"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no route router/ab-test is deployed"), std::string::npos)
      << missing.err;

  const auto apply = run_against(emulator, {"apply", "-f", example("routing"), "--auto-approve"});
  ASSERT_EQ(apply.exit_code, 0) << describe(apply);

  // Deployed equals desired, so the live graphs are the desired ones.
  const auto live = run_against(emulator, {"graph", "--live", "-f", example("routing")});
  ASSERT_EQ(live.exit_code, 0) << describe(live);
  EXPECT_EQ(live.out, golden("routing.mmd"));
  const auto live_dot =
      run_against(emulator, {"graph", "--live", "-f", example("routing"), "--format", "dot"});
  EXPECT_EQ(live_dot.out, golden("routing.dot"));

  // examples/demo changes router/ab-test's split: the Markdown plan draws the change.
  const auto plan = run_against(emulator, {"plan", "-f", example("demo"), "--output", "markdown"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_NE(plan.out.find("#### Route graphs\n\n<b><code>~ route router/ab-test</code></b> "
                          "(deploy a new version)\n\n```mermaid\n" +
                          golden("ab-test-change.mmd") + "```\n"),
            std::string::npos)
      << plan.out;
  EXPECT_NE(plan.out.find("<details><summary>Deployed graph, before this change</summary>"),
            std::string::npos);
  EXPECT_EQ(plan.out.find("router/tiered</code></b>"), std::string::npos)
      << "an unchanged route draws no graph";
}

} // namespace
} // namespace aigw::test
