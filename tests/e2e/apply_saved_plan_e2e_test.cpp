// aigw apply PLANFILE: applies exactly the reviewed plan, and refuses a plan made stale by
// a change between plan and apply, applying nothing.

#include "apply_e2e_support.h"
#include "support/create_request.h"
#include "apply_e2e_yaml.h"

#include <gmock/gmock.h>

#include <sys/stat.h>

namespace aigw::test {
namespace {

using testing::HasSubstr;

class ApplySavedPlan : public testing::Test {
protected:
  EmulatorProcess emulator;
  TempDir dir;

  /// `plan --out` for yaml; returns the plan file's path.
  std::string save_plan(const std::string& yaml) {
    const auto file = dir.write("aigw.yaml", yaml);
    const auto plan = dir.path() + "/plan.json";
    const auto result = run_aigw(emulator, {"plan", "-f", file, "--out", plan});
    EXPECT_TRUE(result.exit_code == 0 || result.exit_code == 2) << describe(result);
    return plan;
  }
};

const GatewayYaml k_gateway{"saved", 300, true, {"failures"}, {"openai"}, {{"chat", "m1"}}};

TEST_F(ApplySavedPlan, TheSavedPlanIsReadableByItsOwnerOnly) {
  // A saved plan describes the account; under a umask of 022 it must still not be 0644.
  const auto old_mask = ::umask(022);
  const auto plan = save_plan(desired_yaml({k_gateway}));
  ::umask(old_mask);
  struct stat info {};
  ASSERT_EQ(::stat(plan.c_str(), &info), 0) << plan;
  EXPECT_EQ(info.st_mode & 0777, 0600);
}

TEST_F(ApplySavedPlan, AFreshPlanIsAppliedExactly) {
  const auto plan = save_plan(desired_yaml({k_gateway}));
  const auto applied = run_aigw(emulator, {"apply", plan, "--auto-approve"});
  ASSERT_EQ(applied.exit_code, 0) << describe(applied);
  EXPECT_THAT(applied.out, HasSubstr("create route saved/chat: done"));
  const auto clean =
      run_aigw(emulator, {"plan", "-f", dir.path() + "/aigw.yaml", "--detailed-exitcode"});
  EXPECT_EQ(clean.exit_code, 0) << describe(clean);
}

TEST_F(ApplySavedPlan, AnUnreadablePlanFileSaysWhyAndMakesNoRequest) {
  const auto missing = run_aigw(emulator, {"apply", dir.path() + "/missing.json", "--auto-approve"});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_THAT(missing.err, HasSubstr("missing.json: No such file or directory"));
  // A directory given without -f is a likely slip: say how to apply a configuration.
  const auto directory = run_aigw(emulator, {"apply", dir.path(), "--auto-approve"});
  EXPECT_EQ(directory.exit_code, 1);
  EXPECT_THAT(directory.err, HasSubstr("it is a directory (to apply a configuration, use -f"));
  EXPECT_THAT(emulator.settled_stderr_text(), testing::Not(HasSubstr("GET ")));
}

TEST_F(ApplySavedPlan, APlanMadeStaleByALiveChangeIsRefusedAndNothingIsApplied) {
  const auto plan = save_plan(desired_yaml({k_gateway}));
  // Someone creates the gateway between plan and apply.
  auto api = emulator_client(emulator);
  ASSERT_TRUE(api->create_gateway(test::gateway_to_create("saved", {{"cache_ttl", 5}})).ok());

  const auto refused = run_aigw(emulator, {"apply", plan, "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("aigw: error: plan is stale or was modified"));
  EXPECT_THAT(refused.err, HasSubstr("gateway saved"));
  const auto live = live_identities(*api);
  EXPECT_EQ(live.size(), 1U); // only the gateway made by hand: no dataset, route or config
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok() && gateways->size() == 1);
  EXPECT_EQ(gateways->front().fields.at("cache_ttl"), model::Value(5));
}

TEST_F(ApplySavedPlan, AChangeToAnObjectThePlanUpdatesMakesItStale) {
  ASSERT_EQ(run_aigw(emulator, {"apply", "-f", dir.write("aigw.yaml", desired_yaml({k_gateway})),
                                "--auto-approve"})
                .exit_code,
            0);
  auto changed = k_gateway;
  changed.cache_ttl = 900;
  const auto plan = save_plan(desired_yaml({changed}));
  auto api = emulator_client(emulator);
  auto datasets = api->list_datasets("saved");
  ASSERT_TRUE(datasets.ok() && datasets->size() == 1);
  auto edited = datasets->front();
  edited.fields["enable"] = false;
  ASSERT_TRUE(api->update_dataset(edited).ok());

  const auto refused = run_aigw(emulator, {"apply", plan, "--auto-approve"});
  EXPECT_EQ(refused.exit_code, 1) << describe(refused);
  EXPECT_THAT(refused.err, HasSubstr("aigw: error: plan is stale or was modified"));
  EXPECT_THAT(refused.err, HasSubstr("dataset saved/failures"));
  auto gateways = api->list_gateways();
  ASSERT_TRUE(gateways.ok() && gateways->size() == 1);
  EXPECT_EQ(gateways->front().fields.at("cache_ttl"), model::Value(300)); // not applied
}

} // namespace
} // namespace aigw::test
