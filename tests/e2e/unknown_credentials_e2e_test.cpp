// Pull-request plans need no production keys, for gateway credentials too: with the otel
// token's variable unset, validate and plan succeed (the live value is not compared and
// the plan says so), apply of a change that would send it is refused before any request,
// and with the variable set the same apply goes through and keeps the token.

#include "apply_e2e_support.h"

#include <gmock/gmock.h>

namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

const std::string k_token = "e2e-otel-token-0123456789abc";

/// Gateway team-a with an otel exporter whose token is ${AIGW_E2E_OTEL_TOKEN}.
std::string yaml_with_cache_ttl(int cache_ttl) {
  return "account_id: ${CLOUDFLARE_ACCOUNT_ID}\ngateways:\n  - id: team-a\n    cache_ttl: " +
         std::to_string(cache_ttl) +
         "\n    otel:\n      - url: https://otel.example/v1/traces\n        headers: {}\n"
         "        authorization: Bearer ${AIGW_E2E_OTEL_TOKEN}\n";
}

class UnknownCredentialsE2e : public testing::Test {
protected:
  TempDir dir;
  EmulatorProcess emulator;

  ProcessResult run(int cache_ttl, std::vector<std::string> args,
                    std::optional<std::string> token) {
    const auto file = dir.write("aigw.yaml", yaml_with_cache_ttl(cache_ttl));
    args.insert(args.begin() + 1, {"-f", file});
    args.insert(args.begin(), aigw_binary());
    ProcessOptions options = aigw_environment(emulator, true);
    options.env["AIGW_E2E_OTEL_TOKEN"] = std::move(token);
    return run_process(args, options);
  }

  /// team-a's live cache_ttl and otel authorization.
  std::pair<double, std::string> live() {
    auto api = emulator_client(emulator);
    auto gateways = api->list_gateways();
    EXPECT_TRUE(gateways.ok());
    for (const auto& g : gateways.value()) {
      if (g.id == "team-a") {
        const auto& exporter = g.fields.at("otel").as_array().at(0).as_object();
        return {g.fields.at("cache_ttl").as_number(), exporter.at("authorization").as_string()};
      }
    }
    ADD_FAILURE() << "team-a is not live";
    return {};
  }
};

TEST_F(UnknownCredentialsE2e, PlanWithoutTheTokenApplyNeedsItOnlyToSendIt) {
  ASSERT_EQ(run(60, {"apply", "--auto-approve"}, k_token).exit_code, 0);
  EXPECT_EQ(live(), std::make_pair(60.0, "Bearer " + k_token));

  // A pull-request job: no token. validate and plan work; nothing is claimed as compared.
  EXPECT_EQ(run(60, {"validate"}, std::nullopt).exit_code, 0);
  const auto clean = run(60, {"plan", "--detailed-exitcode"}, std::nullopt);
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
  EXPECT_THAT(clean.out + clean.err, HasSubstr("`AIGW_E2E_OTEL_TOKEN` is not set"));
  EXPECT_THAT(clean.out + clean.err, HasSubstr("gateway team-a otel[0].authorization"));

  const auto plan = run(120, {"plan"}, std::nullopt);
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("~ gateway team-a"));
  EXPECT_THAT(plan.out, HasSubstr("AIGW_E2E_OTEL_TOKEN (not set here)"));
  EXPECT_THAT(plan.out, Not(HasSubstr("authorization:"))); // the token shows no change

  const auto refused = run(120, {"apply", "--auto-approve"}, std::nullopt);
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("gateway team-a needs `AIGW_E2E_OTEL_TOKEN`"));
  EXPECT_EQ(live(), std::make_pair(60.0, "Bearer " + k_token)) << "a refused apply sent something";

  const auto keyed_plan = run(180, {"plan"}, k_token);
  EXPECT_THAT(keyed_plan.out, HasSubstr("environment variables for the secrets it sends: "
                                        "AIGW_E2E_OTEL_TOKEN.")); // the apply job needs it too
  const auto applied = run(120, {"apply", "--auto-approve"}, k_token);
  EXPECT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_EQ(live(), std::make_pair(120.0, "Bearer " + k_token));
  for (const auto* out : {&clean, &plan, &refused, &applied}) {
    EXPECT_THAT(out->out + out->err, Not(HasSubstr(k_token)));
  }
}

TEST_F(UnknownCredentialsE2e, ANewGatewayPlansWithoutTheTokenAndApplyRefusesWithoutIt) {
  const auto plan = run(60, {"plan"}, std::nullopt);
  ASSERT_EQ(plan.exit_code, 0) << describe(plan);
  EXPECT_THAT(plan.out, HasSubstr("+ gateway team-a"));
  EXPECT_THAT(plan.out, HasSubstr("AIGW_E2E_OTEL_TOKEN (not set here)"));
  const auto refused = run(60, {"apply", "--auto-approve"}, std::nullopt);
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  auto api = emulator_client(emulator);
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok());
  EXPECT_TRUE(gateways.value().empty()) << "the gateway was created without its exporter token";
}

} // namespace
} // namespace aigw::test
