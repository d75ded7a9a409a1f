// Safe on a real account, end to end against the emulator as a real process: deleting a
// gateway shows its children, deleting every gateway is refused without --force, the
// default gateway is never pruned, billing outside the files is left alone, undeclared
// objects are listed, and a new gateway is protected before any child exists.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>

#include <algorithm>
#include <fstream>
#include <sstream>

namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

class Safety : public testing::Test {
protected:
  TempDir dir;

  ProcessResult run(const EmulatorProcess& emulator, const std::string& yaml,
                    std::vector<std::string> args) {
    return run_with_yaml(dir, emulator, yaml, std::move(args));
  }

  /// As run, with the team key set to `key` (nullopt: unset).
  ProcessResult run_keyed(const EmulatorProcess& emulator, const std::string& yaml,
                          std::vector<std::string> args, std::optional<std::string> key) {
    const auto file = dir.write("aigw.yaml", yaml);
    args.insert(args.begin() + 1, {"-f", file});
    args.insert(args.begin(), aigw_binary());
    ProcessOptions options;
    options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                   {"CLOUDFLARE_ACCOUNT_ID", k_account},
                   {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                   {"AIGW_E2E_TEAM_KEY", std::move(key)},
                   {"NO_COLOR", "1"}};
    options.timeout = std::chrono::seconds(120);
    return run_process(args, options);
  }
};

/// Gateway team-a with one provider config whose secret is ${AIGW_E2E_TEAM_KEY}.
const std::string k_keyed = "account_id: ${CLOUDFLARE_ACCOUNT_ID}\ngateways:\n  - id: team-a\n"
                            "    provider_configs:\n      - provider_slug: openai\n"
                            "        alias: main\n        secret: ${AIGW_E2E_TEAM_KEY}\n";
const std::string k_first_key = "sk-e2e-first-key-aaa111";
const std::string k_second_key = "sk-e2e-second-key-bbb222";

const std::string k_two_gateways =
    desired_yaml({{"team-a", 60, false, {"failures"}, {"openai"}, {{"chat", "gpt-4o-mini"}}},
                  {"team-b", 60, false, {}, {}, {}}});
const std::string k_only_b = desired_yaml({{"team-b", 60, false, {}, {}, {}}});

TEST_F(Safety, DeletingAGatewayListsItsChildrenAndTheyCountForTheGuard) {
  EmulatorProcess emulator;
  ASSERT_EQ(run(emulator, k_two_gateways, {"apply", "--auto-approve"}).exit_code, 0);

  const auto plan = run(emulator, k_only_b, {"plan", "--prune"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("- gateway team-a (delete)"));
  EXPECT_THAT(plan.out,
              HasSubstr("- dataset team-a/failures (delete: deleted with gateway team-a)"));
  EXPECT_THAT(plan.out, HasSubstr("- route team-a/chat (delete: deleted with gateway team-a)"));
  EXPECT_THAT(
      plan.out,
      HasSubstr("- provider config team-a/openai/main (delete: deleted with gateway team-a)"));
  EXPECT_THAT(plan.out, HasSubstr("Plan: 0 to create, 0 to update, 4 to delete."));

  const auto json = run(emulator, k_only_b, {"plan", "--prune", "--output", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"address\": \"dataset team-a/failures\""));
  EXPECT_THAT(json.out, HasSubstr("\"cascade\": true"));
  const auto markdown = run(emulator, k_only_b, {"plan", "--prune", "--output", "markdown"});
  EXPECT_THAT(markdown.out, HasSubstr("route team-a/chat | delete: deleted with gateway team-a"));

  // Through a saved plan: apply re-reads the deleted gateway's children to check staleness.
  const std::string saved = dir.path() + "/plan.json";
  ASSERT_EQ(run(emulator, k_only_b, {"plan", "--prune", "--out", saved}).exit_code, 0);
  const auto applied = run_aigw(emulator, {"apply", saved, "--prune", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_THAT(applied.out,
              HasSubstr("delete route team-a/chat: done, deleted with gateway team-a"));
  auto api = emulator_client(emulator);
  const auto live = live_identities(*api);
  EXPECT_FALSE(live.contains("gateway team-a"));
  EXPECT_TRUE(live.contains("gateway team-b"));
  // The gateway's DELETE took its children: no request was sent for them.
  EXPECT_THAT(
      emulator.settled_stderr_text(),
      Not(HasSubstr("DELETE /client/v4/accounts/acct-e2e/ai-gateway/gateways/team-a/datasets")));
}

TEST_F(Safety, ASavedPruneIsStaleWhenADoomedGatewayGainsAChild) {
  EmulatorProcess emulator;
  ASSERT_EQ(run(emulator, k_two_gateways, {"apply", "--auto-approve"}).exit_code, 0);
  const std::string saved = dir.path() + "/plan.json";
  ASSERT_EQ(run(emulator, k_only_b, {"plan", "--prune", "--out", saved}).exit_code, 0);
  auto api = emulator_client(emulator);
  model::Dataset late{"team-a", "late", "", {{"enable", true}, {"filters", model::Array{}}}, {}};
  ASSERT_TRUE(api->create_dataset(late).ok());
  const auto applied = run_aigw(emulator, {"apply", saved, "--prune", "--auto-approve"});
  EXPECT_EQ(applied.exit_code, 1) << describe(applied);
  EXPECT_THAT(applied.err, HasSubstr("aigw: error: plan is stale or was modified"));
  EXPECT_THAT(applied.err, HasSubstr("dataset team-a/late"));
  EXPECT_TRUE(live_identities(*api).contains("gateway team-a"));
}

TEST_F(Safety, DeletingEveryGatewayNeedsForceWhateverTheCount) {
  EmulatorProcess emulator;
  ASSERT_EQ(run(emulator, k_two_gateways, {"apply", "--auto-approve"}).exit_code, 0);
  const std::string empty = desired_yaml({});

  const auto refused = run(emulator, empty, {"apply", "--prune", "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("refusing to delete every managed gateway in scope (2)"));
  auto api = emulator_client(emulator);
  EXPECT_TRUE(live_identities(*api).contains("gateway team-a"));

  const auto forced = run(emulator, empty, {"apply", "--prune", "--force", "--auto-approve"});
  EXPECT_EQ(forced.exit_code, 0) << describe(forced);
  EXPECT_FALSE(live_identities(*api).contains("gateway team-a"));
}

TEST_F(Safety, TheDefaultGatewayIsNeverPruned) {
  const std::string state = dir.path() + "/state.json";
  {
    EmulatorProcess emulator({"--state", state});
    ASSERT_EQ(run(emulator, k_only_b, {"apply", "--auto-approve"}).exit_code, 0);
    emulator.stop();
  }
  // The API marks one gateway of an account as its default; the emulator never does, so
  // the state file (holding team-b alone) is edited between runs.
  std::ifstream in(state);
  std::stringstream text;
  text << in.rdbuf();
  std::string json = text.str();
  const auto at = json.find("\"is_default\":false");
  ASSERT_NE(at, std::string::npos) << json;
  json.replace(at, std::string("\"is_default\":false").size(), "\"is_default\":true");
  dir.write("state.json", json);

  EmulatorProcess emulator({"--state", state});
  ASSERT_EQ(run(emulator, k_two_gateways, {"apply", "--auto-approve"}).exit_code, 0);
  const std::string empty = desired_yaml({});
  const auto plan = run(emulator, empty, {"plan", "--prune", "--force"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("Not managed: 1 object"));
  EXPECT_THAT(plan.out, HasSubstr("? gateway team-b: the API marks it as the account's default "
                                  "gateway (is_default); prune never deletes it"));
  EXPECT_THAT(plan.out, HasSubstr("- gateway team-a (delete)"));
  EXPECT_THAT(plan.out, HasSubstr("Plan: 0 to create, 0 to update, 4 to delete."));
}

TEST_F(Safety, UndeclaredObjectsAreListedAndDoNotCountAsDriftWithoutPrune) {
  EmulatorProcess emulator;
  ASSERT_EQ(run(emulator, k_two_gateways, {"apply", "--auto-approve"}).exit_code, 0);
  const std::string fewer =
      desired_yaml({{"team-a", 60, false, {}, {"openai"}, {{"chat", "gpt-4o-mini"}}}});

  const auto plan = run(emulator, fewer, {"plan", "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, Not(HasSubstr("Live state matches the configuration")));
  EXPECT_THAT(plan.out, HasSubstr("No changes to the declared resources."));
  EXPECT_THAT(plan.out, HasSubstr("Not managed: 2 objects"));
  EXPECT_THAT(plan.out,
              HasSubstr("? dataset team-a/failures: not declared; prune would delete it"));
  EXPECT_THAT(plan.out, HasSubstr("? gateway team-b: not declared; prune would delete it"));
  const auto json = run(emulator, fewer, {"plan", "--output", "json"});
  EXPECT_THAT(json.out, HasSubstr("\"not_managed\": ["));
  const auto markdown = run(emulator, fewer, {"plan", "--output", "markdown"});
  EXPECT_THAT(markdown.out, HasSubstr("- `gateway team-b`: not declared"));

  const auto pruned = run(emulator, fewer, {"plan", "--prune", "--detailed-exitcode"});
  EXPECT_EQ(pruned.exit_code, 2) << describe(pruned);
}

TEST_F(Safety, UndeclaredBillingIsUnmanagedEvenWithPruneAndNullRemovesIt) {
  EmulatorProcess emulator;
  ASSERT_EQ(run(emulator, desired_yaml({{"team-a", 60, false, {}, {}, {}}}, k_billing_both),
                {"apply", "--auto-approve"})
                .exit_code,
            0);
  const std::string scoped =
      "scope: [team-*]\n" +
      desired_yaml({{"team-a", 60, false, {}, {}, {}}},
                   "billing:\n  spending_limit: { amount: 10000, duration: monthly, strategy: "
                   "fixed }\n");
  const auto kept = run(emulator, scoped, {"apply", "--prune", "--auto-approve"});
  ASSERT_EQ(kept.exit_code, 0) << describe(kept);
  EXPECT_THAT(kept.out, Not(HasSubstr("- auto top-up")));
  EXPECT_THAT(kept.out, HasSubstr("? auto top-up: not declared"));
  auto api = emulator_client(emulator);
  auto topup = api->get_auto_topup();
  ASSERT_TRUE(topup.ok());
  EXPECT_TRUE(topup->has_value());
  const auto listed = run(emulator, scoped, {"plan", "--prune"});
  EXPECT_THAT(listed.out, HasSubstr("(`auto_topup: null` removes it)"));

  const auto removed = run(emulator, scoped + "  auto_topup: null\n", {"apply", "--auto-approve"});
  ASSERT_EQ(removed.exit_code, 0) << describe(removed);
  topup = api->get_auto_topup();
  ASSERT_TRUE(topup.ok());
  EXPECT_FALSE(topup->has_value());
}

TEST_F(Safety, ANewGatewayIsProtectedBeforeAnyChildIsCreated) {
  EmulatorProcess emulator;
  const std::string yaml =
      desired_yaml({{"team-a", 60, true, {"failures"}, {"openai"}, {{"chat", "gpt-4o-mini"}}}});
  // The plan's DAG: every child depends on the gateway's follow-up update (index 1).
  const auto plan = run(emulator, yaml, {"plan", "--output", "json"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  const auto changes = boost::json::parse(plan.out).at("changes").as_array();
  ASSERT_EQ(changes.size(), 5u);
  EXPECT_EQ(changes[1].at("address").as_string(), "gateway team-a");
  EXPECT_EQ(changes[1].at("action").as_string(), "update");
  for (std::size_t i = 2; i < changes.size(); ++i) {
    const auto& deps = changes[i].at("depends_on").as_array();
    EXPECT_TRUE(std::find(deps.begin(), deps.end(), boost::json::value(1)) != deps.end())
        << changes[i].at("address").as_string();
  }
  const auto applied = run(emulator, yaml, {"apply", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  // The emulator logs each request before answering it: the log holds every request aigw
  // made, and a child create sent after the gateway's update was answered comes after it.
  const std::string log = emulator.stderr_text();
  const std::string gateway = "/client/v4/accounts/acct-e2e/ai-gateway/gateways/team-a";
  const auto put = log.find("PUT " + gateway + " ");
  ASSERT_NE(put, std::string::npos) << log;
  for (const std::string child : {"/datasets", "/provider_configs", "/routes"}) {
    const auto post = log.find("POST " + gateway + child);
    ASSERT_NE(post, std::string::npos) << child << "\n" << log;
    EXPECT_LT(put, post) << child << " was created before the gateway's guardrails\n" << log;
  }
}

TEST_F(Safety, PlanNeedsNoSecretsAndApplyNeedsOnlyThoseItCreates) {
  EmulatorProcess emulator;
  const auto validated = run_keyed(emulator, k_keyed, {"validate"}, std::nullopt);
  EXPECT_EQ(validated.exit_code, 0) << describe(validated);
  const auto plan = run_keyed(emulator, k_keyed, {"plan"}, std::nullopt);
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("+ provider config team-a/openai/main (create)"));
  EXPECT_THAT(plan.out, HasSubstr("environment variables for the secrets it sends: "
                                  "AIGW_E2E_TEAM_KEY (not set here)."));

  const auto refused = run_keyed(emulator, k_keyed, {"apply", "--auto-approve"}, std::nullopt);
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err,
              HasSubstr("provider config team-a/openai/main needs `AIGW_E2E_TEAM_KEY`"));
  auto api = emulator_client(emulator);
  EXPECT_FALSE(live_identities(*api).contains("gateway team-a")) << "nothing may be applied";

  const auto applied = run_keyed(emulator, k_keyed, {"apply", "--auto-approve"}, k_first_key);
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  // The config exists: a pull-request plan without the key is clean.
  const auto clean = run_keyed(emulator, k_keyed, {"plan", "--detailed-exitcode"}, std::nullopt);
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_THAT(clean.out, Not(HasSubstr("AIGW_E2E_TEAM_KEY")));
}

TEST_F(Safety, ASavedPlanMadeWithoutTheKeyIsAppliedWithIt) {
  EmulatorProcess emulator;
  const std::string saved = dir.path() + "/plan.json";
  const auto plan = run_keyed(emulator, k_keyed, {"plan", "--out", saved}, std::nullopt);
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  const auto without = run_aigw(emulator, {"apply", saved, "--auto-approve"});
  // run_aigw does not set AIGW_E2E_TEAM_KEY: the saved plan names it and apply refuses.
  EXPECT_EQ(without.exit_code, 1) << describe(without);
  EXPECT_THAT(without.err, HasSubstr("AIGW_E2E_TEAM_KEY"));
  const auto empty = run_keyed(emulator, k_keyed, {"apply", "--auto-approve"}, "");
  EXPECT_EQ(empty.exit_code, 1) << describe(empty);

  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                 {"CLOUDFLARE_ACCOUNT_ID", k_account}, // the plan's own ${CLOUDFLARE_ACCOUNT_ID}
                 {"AIGW_E2E_TEAM_KEY", k_first_key},
                 {"NO_COLOR", "1"}};
  const auto with = run_process({aigw_binary(), "apply", saved, "--auto-approve"}, options);
  ASSERT_EQ(with.exit_code, 0) << describe(with);
  EXPECT_THAT(with.out, HasSubstr("create provider config team-a/openai/main: done"));
  EXPECT_THAT(with.out + with.err, Not(HasSubstr(k_first_key)));
}

TEST_F(Safety, ARotatedSecretIsDriftAigwCannotFix) {
  EmulatorProcess emulator;
  ASSERT_EQ(run_keyed(emulator, k_keyed, {"apply", "--auto-approve"}, k_first_key).exit_code, 0);
  const auto same = run_keyed(emulator, k_keyed, {"plan", "--detailed-exitcode"}, k_first_key);
  EXPECT_EQ(same.exit_code, 0) << describe(same);

  const auto rotated = run_keyed(emulator, k_keyed, {"plan", "--detailed-exitcode"}, k_second_key);
  EXPECT_EQ(rotated.exit_code, 2) << describe(rotated);
  EXPECT_THAT(rotated.out, HasSubstr("! provider config team-a/openai/main (cannot fix: the live "
                                     "secret_preview shows a different secret"));
  EXPECT_THAT(rotated.out, HasSubstr("~ secret: (sensitive, changed)"));
  EXPECT_THAT(rotated.out + rotated.err, Not(HasSubstr("bbb222")));
  const auto json = run_keyed(emulator, k_keyed, {"plan", "--output", "json"}, k_second_key);
  EXPECT_THAT(json.out, HasSubstr("\"action\": \"cannot_fix\""));
  EXPECT_THAT(json.out, Not(HasSubstr("bbb222")));
}

TEST_F(Safety, RenamedFromRenamesInPlaceKeepingTheRouteHistory) {
  EmulatorProcess emulator;
  const std::string before =
      desired_yaml({{"team-a", 60, false, {"old-set"}, {}, {{"chat", "gpt-4o-mini"}}}});
  ASSERT_EQ(run(emulator, before, {"apply", "--auto-approve"}).exit_code, 0);
  auto api = emulator_client(emulator);
  auto routes = api->list_routes("team-a");
  auto datasets = api->list_datasets("team-a");
  ASSERT_TRUE(routes.ok() && routes->size() == 1 && datasets.ok() && datasets->size() == 1);
  const std::string route_id = routes->front().server_id;
  const std::string dataset_id = datasets->front().server_id;

  std::string after =
      desired_yaml({{"team-a", 60, false, {"new-set"}, {}, {{"chat-v2", "gpt-4o"}}}});
  after = after.replace(after.find("      - name: new-set\n"), 22,
                        "      - name: new-set\n        renamed_from: old-set\n");
  after = after.replace(after.find("      - name: chat-v2\n"), 22,
                        "      - name: chat-v2\n        renamed_from: chat\n");
  const auto plan = run(emulator, after, {"plan"});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("~ dataset team-a/new-set (update: rename from old-set)"));
  EXPECT_THAT(plan.out, HasSubstr("~ route team-a/chat-v2 (update: rename from chat)"));
  EXPECT_THAT(plan.out, HasSubstr("~ route team-a/chat-v2 (deploy a new version)"));
  EXPECT_THAT(plan.out, Not(HasSubstr("(create)")));

  const auto applied = run(emulator, after, {"apply", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  routes = api->list_routes("team-a");
  datasets = api->list_datasets("team-a");
  ASSERT_TRUE(routes.ok() && routes->size() == 1 && datasets.ok() && datasets->size() == 1);
  EXPECT_EQ(routes->front().name, "chat-v2");
  EXPECT_EQ(routes->front().server_id, route_id);
  EXPECT_EQ(datasets->front().name, "new-set");
  EXPECT_EQ(datasets->front().server_id, dataset_id);
  auto versions = api->list_route_versions("team-a", route_id);
  ASSERT_TRUE(versions.ok());
  EXPECT_EQ(versions->size(), 2U) << "the first version is kept";
  const auto clean = run(emulator, after, {"plan", "--detailed-exitcode"});
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
}

} // namespace
} // namespace aigw::test
