// A saved plan is a confirmation, not an instruction (issue 15): `aigw apply PLANFILE`
// recomputes the plan from the desired state the file carries and applies nothing when the
// file was edited (a body value, an added delete outside scope, an update turned into a
// delete, the fingerprints removed, secret_env pointed at the API token, an embedded source
// edited) or live state changed since; `-f DIR` also checks that desired state against the
// files; and the file is 0600 and holds no credential (issue 9).

#include "apply_e2e_support.h"
#include "support/create_request.h"

#include <boost/json.hpp>
#include <gmock/gmock.h>

#include <functional>
#include <sys/stat.h>

namespace aigw::test {
namespace {

namespace json = boost::json;
using testing::HasSubstr;
using testing::Not;

const std::string k_yaml = R"(account_id: ${CLOUDFLARE_ACCOUNT_ID}
scope: [app*]
gateways:
  - id: app
    cache_ttl: 200
    provider_configs:
      - provider_slug: openai
        alias: main
        secret: ${OPENAI_API_KEY}
)";

/// Requests that change something, in the emulator's request log.
std::size_t writes(const std::string& log) {
  std::size_t n = 0;
  for (const char* method : {"POST /client", "PUT /client", "PATCH /client", "DELETE /client"}) {
    for (auto at = log.find(method); at != std::string::npos; at = log.find(method, at + 1)) {
      ++n;
    }
  }
  return n;
}

/// Writes in the request log once it has settled (a refused plan must have sent none).
std::size_t settled_writes(const EmulatorProcess& emulator) {
  return writes(emulator.settled_stderr_text());
}

class SavedPlanTrust : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;
  std::unique_ptr<engine::GatewayApi> api = emulator_client(emulator);

  void SetUp() override {
    // Live: app with cache_ttl 100 (the plan updates it) and prod-critical, outside scope.
    ASSERT_TRUE(
        api->create_gateway(test::gateway_to_create("app", {{"cache_ttl", 100}, {"collect_logs", true}})).ok());
    ASSERT_TRUE(api->create_gateway(test::gateway_to_create("prod-critical", {{"cache_ttl", 5}})).ok());
  }

  /// `plan --out` of k_yaml in dir/config; the plan file's JSON.
  json::object save_plan() {
    dir.write("config/aigw.yaml", k_yaml);
    const auto plan = run_aigw(emulator, {"plan", "-f", dir.path() + "/config", "--out", path()});
    EXPECT_EQ(plan.exit_code, 0) << describe(plan);
    return json::parse(read_text(path())).as_object();
  }

  [[nodiscard]] std::string path() const { return dir.path() + "/plan.json"; }

  /// The index of the change with this action and address parts.
  static json::object& change(json::object& plan, const std::string& kind,
                              const std::string& resource) {
    for (auto& c : plan["changes"].as_array()) {
      if (c.at("kind").as_string() == kind && c.at("resource").as_string() == resource) {
        return c.as_object();
      }
    }
    ADD_FAILURE() << "no " << kind << " " << resource << " change";
    static json::object none;
    return none;
  }

  /// Writes the edited plan, applies it, and checks it was refused with nothing applied.
  void expect_refused(const json::object& edited, const std::string& why,
                      std::vector<std::string> extra_args = {}) {
    SCOPED_TRACE(why);
    {
      std::ofstream out(path(), std::ios::binary | std::ios::trunc);
      out << json::serialize(edited);
    }
    const auto before = settled_writes(emulator);
    std::vector<std::string> args = {"apply", path(), "--auto-approve"};
    args.insert(args.end(), extra_args.begin(), extra_args.end());
    const auto refused = run_aigw(emulator, args);
    EXPECT_EQ(refused.exit_code, 1) << describe(refused);
    EXPECT_THAT(refused.err, HasSubstr(why)) << describe(refused);
    EXPECT_EQ(settled_writes(emulator), before) << "a refused plan applied something";
    expect_live_untouched();
  }

  void expect_live_untouched() {
    auto gateways = api->list_gateways();
    ASSERT_TRUE(gateways.ok());
    ASSERT_EQ(gateways->size(), 2U);
    for (const auto& g : *gateways) {
      EXPECT_EQ(g.fields.at("cache_ttl"), model::Value(g.id == "app" ? 100 : 5)) << g.id;
    }
    auto configs = api->list_provider_configs("app");
    ASSERT_TRUE(configs.ok());
    EXPECT_TRUE(configs->empty());
  }
};

constexpr const char* k_modified = "plan is stale or was modified";

TEST_F(SavedPlanTrust, AChangedBodyValueIsRefused) {
  auto plan = save_plan();
  change(plan, "update", "gateway")["body"].as_object()["cache_ttl"] = 999;
  expect_refused(plan, k_modified);
  EXPECT_THAT(run_aigw(emulator, {"apply", path(), "--auto-approve"}).err,
              HasSubstr("changes differ: update gateway app: differs"));
}

TEST_F(SavedPlanTrust, AnAddedDeleteOutsideScopeIsRefused) {
  auto plan = save_plan();
  json::object drop = change(plan, "update", "gateway");
  drop["kind"] = "delete";
  drop["gateway_id"] = "prod-critical";
  drop["server_id"] = "prod-critical";
  drop["body"] = json::object{};
  drop["diff"] = json::array{};
  drop["depends_on"] = json::array{};
  plan["changes"].as_array().push_back(drop);
  expect_refused(plan, "delete gateway prod-critical: only in the saved plan");
}

TEST_F(SavedPlanTrust, AnUpdateTurnedIntoADeleteIsRefused) {
  auto plan = save_plan();
  change(plan, "update", "gateway")["kind"] = "delete";
  expect_refused(plan, "delete gateway app: recomputed as update gateway app");
}

TEST_F(SavedPlanTrust, RemovedFingerprintsAreRefused) {
  auto plan = save_plan();
  ASSERT_FALSE(plan["fingerprints"].as_array().empty());
  plan["fingerprints"] = json::array{};
  expect_refused(plan, "live state changed: gateway app");
}

TEST_F(SavedPlanTrust, ASecretVariablePointedAtTheApiTokenIsRefused) {
  auto plan = save_plan();
  auto& create = change(plan, "create", "provider config");
  EXPECT_EQ(create["secret_env"].as_string(), "OPENAI_API_KEY");
  create["secret_env"] = "CLOUDFLARE_API_TOKEN";
  expect_refused(plan, "create provider config app/openai/main: differs");
  EXPECT_THAT(emulator.stderr_text(), Not(HasSubstr("e2e-token-value")));
}

TEST_F(SavedPlanTrust, AnEditedEmbeddedSourceIsRefused) {
  auto plan = save_plan();
  auto& source = plan["sources"].as_array()[0].as_object();
  std::string text(source["text"].as_string());
  text.replace(text.find("cache_ttl: 200"), 14, "cache_ttl: 999");
  source["text"] = text;
  expect_refused(plan, k_modified);
  // Checked against the files, the edit is named before any request.
  expect_refused(plan, "config/aigw.yaml differs", {"-f", dir.path() + "/config"});
}

TEST_F(SavedPlanTrust, AnEmbeddedSourceReadingTheApiTokenIsRefusedBeforeAnyRequest) {
  auto plan = save_plan();
  auto& source = plan["sources"].as_array()[0].as_object();
  std::string text(source["text"].as_string());
  text.replace(text.find("cache_ttl: 200"), 14,
               "cache_ttl: 200\n    logpush_public_key: \"${CLOUDFLARE_API_TOKEN}\"");
  source["text"] = text;
  expect_refused(plan, "the desired state the plan carries is invalid here");
}

TEST_F(SavedPlanTrust, AnOlderFormatIsRefusedWithWhatToDo) {
  auto plan = save_plan();
  plan["format_version"] = 1;
  expect_refused(plan, "format_version 1 was written by an older aigw");
}

TEST_F(SavedPlanTrust, FilesThatChangedSinceThePlanAreNamed) {
  save_plan();
  dir.write("config/aigw.yaml", k_yaml + "    collect_logs: true\n");
  dir.write("config/more.yaml", "gateways: []\n");
  const auto refused =
      run_aigw(emulator, {"apply", path(), "-f", dir.path() + "/config", "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("config/aigw.yaml differs"));
  EXPECT_THAT(refused.err,
              HasSubstr("config/more.yaml is in the files read now but not in the plan"));
  expect_live_untouched();
}

TEST_F(SavedPlanTrust, AFreshPlanAppliesCheckedAgainstItsFiles) {
  save_plan();
  const auto applied =
      run_aigw(emulator, {"apply", path(), "-f", dir.path() + "/config", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_THAT(applied.out, HasSubstr("update gateway app: done"));
  EXPECT_THAT(applied.out, HasSubstr("create provider config app/openai/main: done"));
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  for (const auto& g : *gateways) {
    EXPECT_EQ(g.fields.at("cache_ttl"), model::Value(g.id == "app" ? 200 : 5)) << g.id;
  }
}

TEST_F(SavedPlanTrust, AStalePlanIsRefused) {
  save_plan();
  auto app = api->list_gateways();
  ASSERT_TRUE(app.ok());
  for (auto g : *app) {
    if (g.id == "app") {
      g.fields["collect_logs"] = false; // someone else's change, after the plan
      ASSERT_TRUE(api->update_gateway(g).ok());
    }
  }
  const auto before = settled_writes(emulator);
  const auto refused = run_aigw(emulator, {"apply", path(), "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("plan is stale or was modified"));
  EXPECT_THAT(refused.err, HasSubstr("live state changed: gateway app"));
  EXPECT_EQ(settled_writes(emulator), before);
}

TEST_F(SavedPlanTrust, OptionsAreTheApplyJobsOwnNotTheFiles) {
  // A plan file whose options say prune (self-consistent: its changes were made with it) is
  // refused by an apply job that does not prune: the files cannot vouch for the options.
  dir.write("config/aigw.yaml", k_yaml);
  ASSERT_EQ(run_aigw(emulator,
                     {"plan", "-f", dir.path() + "/config", "--prune", "--force", "--out", path()})
                .exit_code,
            0);
  const auto before = settled_writes(emulator);
  const auto refused =
      run_aigw(emulator, {"apply", path(), "-f", dir.path() + "/config", "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("--prune: the plan was made with it, this apply without it"));
  EXPECT_THAT(refused.err, HasSubstr("--force: the plan was made with it, this apply without it"));
  EXPECT_EQ(settled_writes(emulator), before);
  expect_live_untouched();
}

TEST(SavedPlanTargets, TheTargetsAreRecordedAndAppliedAgain) {
  EmulatorProcess emulator;
  TempDir dir;
  const auto file = dir.write("aigw.yaml", R"(account_id: ${CLOUDFLARE_ACCOUNT_ID}
gateways:
  - { id: team-a, cache_ttl: 10 }
  - { id: team-b, cache_ttl: 20 }
)");
  const auto path = dir.path() + "/plan.json";
  const auto plan = run_aigw(emulator, {"plan", "-f", file, "--gateway", "team-a", "--out", path});
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  auto saved = json::parse(read_text(path)).as_object();
  EXPECT_EQ(saved["options"].at("targets"), json::array{"team-a"});

  // Without its targets, the recomputed plan would create team-b too: refused.
  auto widened = saved;
  widened["options"].as_object()["targets"] = json::array{};
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json::serialize(widened);
  }
  const auto refused = run_aigw(emulator, {"apply", path, "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("create gateway team-b: not in the saved plan"));

  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out << json::serialize(saved);
  }
  const auto applied = run_aigw(emulator, {"apply", path, "--gateway", "team-a", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  auto api = emulator_client(emulator);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  ASSERT_EQ(gateways->size(), 1U);
  EXPECT_EQ(gateways->front().id, "team-a");
}

constexpr const char* k_otel_canary = "canary-otel-token-5e1f";
constexpr const char* k_header_canary = "canary-otel-header-77aa";
constexpr const char* k_stripe_canary = "canary-stripe-key-90bd";
constexpr const char* k_provider_canary = "sk-canary-provider-4c4c";

std::string credential_yaml(int cache_ttl) {
  return R"(account_id: ${CLOUDFLARE_ACCOUNT_ID}
gateways:
  - id: creds
    cache_ttl: )" +
         std::to_string(cache_ttl) + R"(
    otel:
      - authorization: Bearer ${OTEL_TOKEN}
        headers: { x-api-key: "${OTEL_HEADER}" }
        url: https://otel.example.com/v1/traces
    stripe:
      authorization: ${STRIPE_KEY}
      usage_events: [ { payload: "{}" } ]
    provider_configs:
      - provider_slug: openai
        alias: canary
        secret: ${OPENAI_API_KEY}
)";
}

ProcessResult run_with_canaries(const EmulatorProcess& emulator, std::vector<std::string> args) {
  auto options = aigw_environment(emulator, true);
  options.env["OTEL_TOKEN"] = k_otel_canary;
  options.env["OTEL_HEADER"] = k_header_canary;
  options.env["STRIPE_KEY"] = k_stripe_canary;
  options.env["OPENAI_API_KEY"] = k_provider_canary;
  args.insert(args.begin(), aigw_binary());
  return run_process(args, options);
}

TEST(SavedPlanCredentials, TheFileIs0600HoldsNoCredentialAndApplyResolvesThemAgain) {
  EmulatorProcess emulator;
  TempDir dir;
  // The gateway exists with its credentials live: the update body carries them.
  const auto first = dir.write("first.yaml", credential_yaml(100));
  ASSERT_EQ(run_with_canaries(emulator, {"apply", "-f", first, "--auto-approve"}).exit_code, 0);
  const auto file = dir.write("aigw.yaml", credential_yaml(300));
  const auto plan_path = dir.path() + "/plan.json";
  const auto old_mask = ::umask(022);
  const auto plan = run_with_canaries(emulator, {"plan", "-f", file, "--out", plan_path});
  ::umask(old_mask);
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  struct stat info {};
  ASSERT_EQ(::stat(plan_path.c_str(), &info), 0);
  EXPECT_EQ(info.st_mode & 0777, 0600);
  const auto text = read_text(plan_path);
  ASSERT_THAT(text, HasSubstr("\"kind\": \"update\""));
  for (const char* canary : {k_otel_canary, k_header_canary, k_stripe_canary, k_provider_canary}) {
    EXPECT_THAT(text, Not(HasSubstr(canary))) << canary;
  }
  EXPECT_THAT(text, HasSubstr("${OTEL_TOKEN}")); // recorded as the reference

  const auto applied = run_with_canaries(emulator, {"apply", plan_path, "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  for (const char* canary : {k_otel_canary, k_header_canary, k_stripe_canary, k_provider_canary}) {
    EXPECT_THAT(applied.out + applied.err, Not(HasSubstr(canary))) << canary;
  }
  auto api = emulator_client(emulator);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok() && gateways->size() == 1);
  const auto& fields = gateways->front().fields;
  EXPECT_EQ(fields.at("cache_ttl"), model::Value(300));
  // Resolved again at apply from the desired state's ${VAR}, not "(sensitive)" from the file.
  EXPECT_EQ(fields.at("otel").as_array().at(0).find("authorization")->as_string(),
            std::string("Bearer ") + k_otel_canary);
  EXPECT_EQ(fields.at("stripe").find("authorization")->as_string(), k_stripe_canary);
}

} // namespace
} // namespace aigw::test
