// `plan`/`apply --gateway GLOB` end to end (Terraform's -target): only matching gateways and
// their children are read, planned, applied or pruned; billing is left out and the plan
// says so.

#include "e2e/apply_e2e_support.h"
#include "e2e/apply_e2e_yaml.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace aigw::test {
namespace {

const GatewayYaml k_a1{"team-a-1", 60, false, {"failures"}, {"openai"}, {{"chat", "gpt-4o-mini"}}};
const GatewayYaml k_a2{"team-a-2", 0, false, {}, {}, {}};
const GatewayYaml k_b1{"team-b-1", 0, false, {"misses"}, {}, {}};

class TargetingE2e : public ::testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  ProcessResult aigw(const std::string& yaml, std::vector<std::string> args) {
    const auto config = dir.write("aigw.yaml", yaml);
    args.insert(args.begin() + 1, {"-f", config});
    return run_aigw(emulator, args);
  }
};

std::vector<std::string> addresses(const boost::json::object& plan) {
  std::vector<std::string> out;
  for (const auto& change : plan.at("changes").as_array()) {
    out.emplace_back(change.as_object().at("address").as_string());
  }
  return out;
}

bool mentions(const std::vector<std::string>& items, const std::string& part) {
  for (const auto& item : items) {
    if (item.find(part) != std::string::npos) {
      return true;
    }
  }
  return false;
}

TEST_F(TargetingE2e, ApplyAndPlanTouchOnlyMatchingGatewaysAndLeaveBillingOut) {
  const auto full = desired_yaml({k_a1, k_a2, k_b1}, k_billing_both);

  auto applied = aigw(full, {"apply", "--auto-approve", "--gateway", "team-a-*"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_NE(applied.out.find("targeted run (--gateway team-a-*)"), std::string::npos)
      << applied.out;
  auto api = emulator_client(emulator);
  ASSERT_NE(api, nullptr);
  const auto live = live_identities(*api);
  EXPECT_EQ(live.count("gateway team-a-1"), 1U);
  EXPECT_EQ(live.count("gateway team-a-2"), 1U);
  EXPECT_EQ(live.count("gateway team-b-1"), 0U);
  auto limit = api->get_spending_limit();
  ASSERT_TRUE(limit.ok());
  EXPECT_FALSE(limit->has_value()) << "billing must be left out of a targeted apply";

  // The untargeted plan still has team-b-1 and billing to create, and nothing of team-a.
  auto rest = aigw(full, {"plan", "--output", "json"});
  ASSERT_EQ(rest.exit_code, 0) << describe(rest);
  const auto rest_changes = addresses(boost::json::parse(rest.out).as_object());
  EXPECT_TRUE(mentions(rest_changes, "team-b-1"));
  EXPECT_TRUE(mentions(rest_changes, "spending limit"));
  EXPECT_FALSE(mentions(rest_changes, "team-a-")) << rest.out;

  // Targeting team-b-1 (two globs, one matching nothing): it does not exist live yet, so the
  // read is the one gateway list page; billing is left out and the plan says so.
  auto b = aigw(full, {"plan", "--output", "json", "--gateway", "team-b-?", "--gateway", "x*"});
  ASSERT_EQ(b.exit_code, 0) << describe(b);
  const auto b_doc = boost::json::parse(b.out).as_object();
  const auto b_changes = addresses(b_doc);
  EXPECT_TRUE(mentions(b_changes, "team-b-1"));
  EXPECT_FALSE(mentions(b_changes, "team-a-"));
  EXPECT_FALSE(mentions(b_changes, "spending limit"));
  EXPECT_FALSE(mentions(b_changes, "auto top-up"));
  EXPECT_EQ(b_doc.at("api_requests").as_int64(), 1);
  EXPECT_NE(b.out.find("account-level resources (billing) were left out"), std::string::npos);

  // Targeting team-a-*: both exist live, so 1 page + 3 lists each; nothing to change.
  auto a = aigw(full, {"plan", "--output", "json", "--gateway", "team-a-*"});
  ASSERT_EQ(a.exit_code, 0) << describe(a);
  const auto a_doc = boost::json::parse(a.out).as_object();
  EXPECT_FALSE(a_doc.at("has_changes").as_bool()) << a.out;
  EXPECT_EQ(a_doc.at("api_requests").as_int64(), 1 + 3 * 2);
}

TEST_F(TargetingE2e, PruneStaysWithinTheTargetedGateways) {
  auto applied = aigw(desired_yaml({k_a1, k_a2, k_b1}), {"apply", "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);

  // team-a-2 and team-b-1 are no longer declared; a prune targeted at team-a-* deletes
  // team-a-2 only, never team-b-1.
  const auto only_a1 = desired_yaml({k_a1});
  auto targeted = aigw(only_a1, {"plan", "--prune", "--output", "json", "--gateway", "team-a-*"});
  ASSERT_EQ(targeted.exit_code, 0) << describe(targeted);
  const auto changes = addresses(boost::json::parse(targeted.out).as_object());
  EXPECT_TRUE(mentions(changes, "gateway team-a-2")) << targeted.out;
  EXPECT_FALSE(mentions(changes, "team-b-1")) << targeted.out;

  auto untargeted = aigw(only_a1, {"plan", "--prune", "--output", "json", "--force"});
  ASSERT_EQ(untargeted.exit_code, 0) << describe(untargeted);
  EXPECT_TRUE(mentions(addresses(boost::json::parse(untargeted.out).as_object()), "team-b-1"))
      << "the untargeted prune is the control: it does delete team-b-1";

  auto applied_targeted =
      aigw(only_a1, {"apply", "--prune", "--auto-approve", "--gateway", "team-a-*"});
  ASSERT_EQ(applied_targeted.exit_code, 0) << describe(applied_targeted);
  auto api = emulator_client(emulator);
  ASSERT_NE(api, nullptr);
  const auto live = live_identities(*api);
  EXPECT_EQ(live.count("gateway team-a-2"), 0U);
  EXPECT_EQ(live.count("gateway team-b-1"), 1U);
}

TEST_F(TargetingE2e, ASavedPlanIsAppliedOnlyWithTheTargetsItWasMadeWith) {
  const auto plan = dir.path() + "/plan.json";
  ASSERT_EQ(
      aigw(desired_yaml({k_a1, k_b1}), {"plan", "--gateway", "team-a*", "--out", plan}).exit_code,
      0);
  auto result = run_aigw(emulator, {"apply", plan, "--auto-approve", "--gateway", "a*"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.err.find("--gateway: the plan was made with team-a*, this apply with a*"),
            std::string::npos)
      << result.err;
  result = run_aigw(emulator, {"apply", plan, "--auto-approve"});
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_NE(result.err.find("this apply with (none)"), std::string::npos) << result.err;
  result = run_aigw(emulator, {"apply", plan, "--auto-approve", "--gateway", "team-a*"});
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  auto api = emulator_client(emulator);
  ASSERT_NE(api, nullptr);
  const auto live = live_identities(*api);
  EXPECT_EQ(live.count("gateway team-a-1"), 1U);
  EXPECT_EQ(live.count("gateway team-b-1"), 0U);
}

} // namespace
} // namespace aigw::test
