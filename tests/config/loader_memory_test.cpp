// Loading a large configuration hands the pages of the freed YAML node tree back to the
// system, so that reading live state afterwards does not add to them (issue 14: the peak of
// a 1,000-gateway plan). Its own executable: the figure is this process's resident size.

#include "config/loader.h"

#include <gtest/gtest.h>

#include <unistd.h>

#include <fstream>
#include <string>

namespace aigw::config {
namespace {

/// Resident set size of this process, in bytes.
std::size_t resident_bytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0;
  std::size_t resident = 0;
  statm >> pages >> resident;
  return resident * static_cast<std::size_t>(sysconf(_SC_PAGESIZE));
}

std::string gateways_yaml(int count) {
  std::string text = "account_id: acct\ngateways:\n";
  for (int i = 0; i < count; ++i) {
    text += "  - id: gw-" + std::to_string(i) + R"(
    cache_ttl: 60
    collect_logs: true
    datasets:
      - name: failures
        enable: true
        filters: [ { key: success, operator: eq, value: [false] } ]
    routes:
      - name: chat
        elements:
          - { id: start, type: start, outputs: { next: { elementId: primary } } }
          - id: primary
            type: model
            properties: { provider: openai, model: gpt-4o-mini, retries: 2, timeout: 30000 }
            outputs: { success: { elementId: end }, fallback: { elementId: end } }
          - { id: end, type: end, outputs: {} }
)";
  }
  return text;
}

TEST(LoaderMemory, TheNodeTreesPagesAreReturnedOnceLoaded) {
  const std::string text = gateways_yaml(1000); // about 600 KB: a node tree of some 6 MB
  const std::size_t before = resident_bytes();
  const auto loaded = load_desired_sources({{"big.yaml", text}});
  ASSERT_TRUE(loaded.ok());
  ASSERT_EQ(loaded.desired.resources.gateways.size(), 1000u);
  const std::size_t growth = resident_bytes() - before;
  // What stays is the desired state (a few MB), not the tree it was read from.
  EXPECT_LT(growth, 12u << 20) << "resident size grew by " << (growth >> 20) << " MB";
}

} // namespace
} // namespace aigw::config
