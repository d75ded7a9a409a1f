// Convergence through the real binary and emulator: from a random live state (itself made
// by an apply) to a random desired state, one apply --prune leaves a clean plan.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"

#include <gmock/gmock.h>

#include <random>

namespace aigw::test {
namespace {

constexpr int k_seeds = 6;

/// A random desired state over small pools of names, so that successive states overlap.
std::string random_yaml(std::mt19937_64& random) {
  auto coin = [&] { return std::uniform_int_distribution<int>(0, 1)(random) == 1; };
  std::vector<GatewayYaml> gateways;
  for (int g = 0; g < 3; ++g) {
    if (!coin()) {
      continue;
    }
    GatewayYaml gw{"conv-" + std::to_string(g), coin() ? 60 : 300, coin(), {}, {}, {}};
    for (const char* name : {"a", "b", "c"}) {
      if (coin()) gw.datasets.emplace_back(name);
    }
    for (const char* slug : {"openai", "anthropic"}) {
      if (coin()) gw.providers.emplace_back(slug);
    }
    for (const char* name : {"chat", "batch"}) {
      if (coin()) gw.routes[name] = "m" + std::to_string(std::uniform_int_distribution<int>(0, 2)(random));
    }
    gateways.push_back(std::move(gw));
  }
  const auto billing = coin() ? k_billing_both : (coin() ? k_billing_changed : "");
  return desired_yaml(gateways, billing);
}

TEST(ApplyConvergenceE2E, RandomLiveToRandomDesiredPlansCleanAfterOneApply) {
  for (int seed = 1; seed <= k_seeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 random(static_cast<std::uint64_t>(seed));
    EmulatorProcess emulator;
    TempDir dir;
    const auto live_file = dir.write("live.yaml", random_yaml(random));
    const auto seeded = run_aigw(emulator, {"apply", "-f", live_file, "--auto-approve"});
    ASSERT_EQ(seeded.exit_code, 0) << describe(seeded);

    const auto desired_file = dir.write("desired.yaml", random_yaml(random));
    const auto applied = run_aigw(
        emulator, {"apply", "-f", desired_file, "--auto-approve", "--prune", "--force"});
    ASSERT_EQ(applied.exit_code, 0) << describe(applied);
    const auto plan =
        run_aigw(emulator, {"plan", "-f", desired_file, "--detailed-exitcode", "--prune"});
    EXPECT_EQ(plan.exit_code, 0) << describe(plan);
    expect_no_duplicates(live_identities(*emulator_client(emulator)));
  }
}

} // namespace
} // namespace aigw::test
