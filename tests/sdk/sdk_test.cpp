// Runs the official Cloudflare TypeScript SDK (tests/sdk/sdk_test.mjs) against a freshly
// started `aigw emulator`. Missing node or node_modules is a failure, never a skip.

#include "support/emulator_process.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace aigw::test {
namespace {

TEST(SdkTest, OfficialTypeScriptSdkDrivesTheEmulator) {
  const std::string sdk_dir = source_dir() + "/tests/sdk";
  const std::string node = AIGW_NODE;
  ASSERT_TRUE(std::filesystem::exists(node))
      << "node (Node.js 18+) is required for the SDK test; found: " << node;
  ASSERT_TRUE(std::filesystem::exists(sdk_dir + "/node_modules/cloudflare/package.json"))
      << "the Cloudflare SDK is not installed: run `npm ci --prefix tests/sdk` first";

  EmulatorProcess emulator;
  const ProcessResult result =
      run_process({node, sdk_dir + "/sdk_test.mjs"},
                  {.env = {{"AIGW_EMULATOR_URL", emulator.api_url()}},
                   .timeout = std::chrono::seconds(120),
                   .cwd = sdk_dir});
  EXPECT_EQ(result.exit_code, 0) << "stdout:\n" << result.out << "\nstderr:\n" << result.err
                                 << "\nemulator log:\n" << emulator.stderr_text();
  EXPECT_NE(result.out.find("sdk test passed"), std::string::npos);
}

} // namespace
} // namespace aigw::test
