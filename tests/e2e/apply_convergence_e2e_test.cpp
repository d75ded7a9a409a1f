// Convergence through the real binary and emulator: from a random live state (itself made
// by an apply) to a random desired state, one apply --prune leaves a clean plan.

#include "apply_e2e_support.h"
#include "apply_e2e_yaml.h"
#include "model/kind_spec.h"

#include <gmock/gmock.h>

#include <map>
#include <random>
#include <sstream>
#include <string_view>

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
  std::string custom;
  if (coin()) {
    custom = "custom_providers:";
    for (const char* slug : {"cp0", "cp1"}) {
      if (coin()) {
        custom += std::string("\n  - { slug: ") + slug + ", name: Custom, base_url: https://" +
                  (coin() ? "a" : "b") + ".example/v1 }";
      }
    }
    custom += custom.back() == ':' ? " []\n" : "\n";
  }
  return desired_yaml(gateways, billing) + custom;
}

/// Counts, per kind of the kind table, the objects an apply's output says it changed
/// (lines "[i/n] <action> <kind name> <identity>: <outcome>").
void count_changed_kinds(const std::string& out, std::map<model::ResourceKind, int>& seen) {
  std::istringstream lines(out);
  std::string line;
  while (std::getline(lines, line)) {
    const auto counter = line.find("] ");
    if (!line.starts_with("[") || counter == std::string::npos) {
      continue;
    }
    const auto space = line.find(' ', counter + 2);
    if (space == std::string::npos) {
      continue;
    }
    const std::string_view address = std::string_view(line).substr(space + 1);
    for (const auto& spec : model::all_kinds()) {
      if (address.starts_with(spec.name) && address.size() > spec.name.size() &&
          (address[spec.name.size()] == ' ' || address[spec.name.size()] == ':')) {
        ++seen[spec.kind];
      }
    }
  }
}

TEST(ApplyConvergenceE2E, RandomLiveToRandomDesiredPlansCleanAfterOneApply) {
  std::map<model::ResourceKind, int> changed; // the seeds must change every kind of the table
  for (int seed = 1; seed <= k_seeds; ++seed) {
    SCOPED_TRACE("seed " + std::to_string(seed));
    std::mt19937_64 random(static_cast<std::uint64_t>(seed));
    EmulatorProcess emulator;
    TempDir dir;
    const auto live_file = dir.write("live.yaml", random_yaml(random));
    const auto seeded = run_aigw(emulator, {"apply", "-f", live_file, "--auto-approve"});
    ASSERT_EQ(seeded.exit_code, 0) << describe(seeded);
    count_changed_kinds(seeded.out, changed);

    const auto desired_file = dir.write("desired.yaml", random_yaml(random));
    const auto applied = run_aigw(
        emulator, {"apply", "-f", desired_file, "--auto-approve", "--prune", "--force"});
    ASSERT_EQ(applied.exit_code, 0) << describe(applied);
    count_changed_kinds(applied.out, changed);
    const auto plan =
        run_aigw(emulator, {"plan", "-f", desired_file, "--detailed-exitcode", "--prune"});
    EXPECT_EQ(plan.exit_code, 0) << describe(plan);
    expect_no_duplicates(live_identities(*emulator_client(emulator)));
  }
  for (const auto& spec : model::all_kinds()) {
    EXPECT_GT(changed[spec.kind], 0) << spec.name << " never changed: extend random_yaml";
  }
}

} // namespace
} // namespace aigw::test
