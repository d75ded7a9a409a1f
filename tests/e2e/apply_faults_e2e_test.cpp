// With the emulator failing 20% of requests (rejected, or applied with the response lost),
// apply plus at most 3 reruns converges, with no duplicate objects.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"

#include <gmock/gmock.h>

#include <algorithm>
#include <regex>

namespace aigw::test {
namespace {

struct FaultCase {
  std::string mode;
  int seed;
};

class ApplyUnderFaults : public testing::TestWithParam<FaultCase> {};

std::string fleet_yaml() {
  std::vector<GatewayYaml> gateways;
  for (int g = 0; g < 3; ++g) {
    gateways.push_back({"fault-" + std::to_string(g),
                        60 * g,
                        g % 2 == 0,
                        {"failures", "slow", "cached"},
                        {"openai", "anthropic"},
                        {{"chat", "m" + std::to_string(g)}, {"batch", "m9"}}});
  }
  return desired_yaml(gateways, k_billing_both);
}

TEST_P(ApplyUnderFaults, ConvergesWithinThreeRerunsWithoutDuplicates) {
  TempDir dir;
  const auto state = dir.path() + "/state.json";
  const auto file = dir.write("aigw.yaml", fleet_yaml());
  int runs = 0;
  ProcessResult last;
  std::string emulator_log;
  {
    EmulatorProcess faulty({"--state", state, "--fault-rate", "0.2", "--fault-mode",
                            GetParam().mode, "--seed", std::to_string(GetParam().seed)});
    for (; runs < 4; ++runs) {
      last = run_aigw(faulty, {"apply", "-f", file, "--auto-approve"});
      if (last.exit_code == 0) {
        break;
      }
    }
    faulty.stop();
    emulator_log = faulty.stderr_text();
  }
  ASSERT_LT(runs, 4) << "did not converge; last run:\n" << describe(last);
  // The case is only worth something if writes were really hit.
  const auto hit_write = std::regex("(POST|PUT|DELETE|PATCH) \\S+ (dropped|429|50[023]) ");
  EXPECT_TRUE(std::regex_search(emulator_log, hit_write)) << emulator_log;

  // Check on a fault-free emulator serving the same state.
  EmulatorProcess clean({"--state", state});
  const auto plan = run_aigw(clean, {"plan", "-f", file, "--detailed-exitcode"});
  EXPECT_EQ(plan.exit_code, 0) << describe(plan);
  const auto live = live_identities(*emulator_client(clean));
  expect_no_duplicates(live);
  EXPECT_EQ(live.size(), 3U * (1 + 3 + 2 + 2));
}

INSTANTIATE_TEST_SUITE_P(Faults, ApplyUnderFaults,
                         testing::Values(FaultCase{"lost-response", 1},
                                         FaultCase{"lost-response", 2},
                                         FaultCase{"lost-response", 3},
                                         FaultCase{"reject", 4}),
                         [](const auto& param_info) {
                           auto name = param_info.param.mode + "_seed" + std::to_string(param_info.param.seed);
                           std::replace(name.begin(), name.end(), '-', '_');
                           return name;
                         });

} // namespace
} // namespace aigw::test
