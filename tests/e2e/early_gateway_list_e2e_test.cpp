// The gateway list read while the configuration loads (CLOUDFLARE_ACCOUNT_ID known before
// the files are read): when the files name another account, nothing of the read reaches the
// plan and no page after its first is requested; when they are invalid, the error says that
// nothing was changed, that the gateway list was read only when its first page had arrived,
// and does not wait for that read to end.

#include "e2e/apply_e2e_support.h"

#include <boost/json/parse.hpp>
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <chrono>

namespace aigw::test {
namespace {

using testing::HasSubstr;
using testing::Not;

constexpr const char* k_env_account = "acct-from-env";
constexpr const char* k_file_account = "acct-from-file";

/// Creates gateways with these ids in account, through a client without a rate limit.
void seed(const EmulatorProcess& emulator, const std::string& account,
          const std::vector<std::string>& ids) {
  auto api = seeding_client(emulator, account);
  ASSERT_NE(api, nullptr);
  for (const auto& id : ids) {
    ASSERT_TRUE(api->create_gateway(seed_gateway(id)).ok()) << id;
  }
}

ProcessResult plan(const EmulatorProcess& emulator, const std::string& config) {
  std::vector<std::string> args = {aigw_binary(), "--rate-limit", "1000000", "--log-level",
                                   "debug",       "plan",         "-f",      config,
                                   "--output",    "json"};
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_ACCOUNT_ID", k_env_account},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()},
                 {"NO_COLOR", "1"}};
  options.timeout = std::chrono::seconds(60);
  return run_process(args, options);
}

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) {
    ++n;
  }
  return n;
}

TEST(EarlyGatewayList, AnotherAccountInTheFilesGetsNothingOfTheEarlyRead) {
  EmulatorProcess emulator;
  // Two pages in the environment's account: the early read must stop at its first.
  std::vector<std::string> wrong;
  for (int i = 0; i < 150; ++i) {
    wrong.push_back("env-gw-" + std::to_string(i));
  }
  seed(emulator, k_env_account, wrong);
  seed(emulator, k_file_account, {"file-gw", "file-extra"});
  TempDir dir;
  const auto config = dir.write("aigw.yaml", std::string("account_id: ") + k_file_account +
                                                 "\ngateways:\n  - id: file-gw\n");
  const auto result = plan(emulator, config);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.out, Not(HasSubstr("env-gw-")));
  EXPECT_THAT(result.out, HasSubstr("file-extra")); // the file's account was read instead
  const auto doc = boost::json::parse(result.out).as_object();
  EXPECT_EQ(doc.at("account_id").as_string(), k_file_account);
  EXPECT_EQ(doc.at("api_requests").as_int64(), 1 + 3); // its list, file-gw's three lists
  // The environment's account: at most the first page of its gateway list, never a child.
  const std::string env_path = std::string("/accounts/") + k_env_account + "/";
  EXPECT_LE(count(result.err, "GET " + env_path + "ai-gateway/gateways -> "), 1U) << result.err;
  EXPECT_EQ(count(result.err, "GET " + env_path + "ai-gateway/gateways/"), 0U) << result.err;
}

TEST(EarlyGatewayList, TheSameAccountReadsTheListOnce) {
  EmulatorProcess emulator;
  seed(emulator, k_env_account, {"gw-1", "gw-2"});
  TempDir dir;
  const auto config =
      dir.write("aigw.yaml", "gateways:\n  - id: gw-1\n    cache_ttl: 0\n");
  const auto result = plan(emulator, config);
  ASSERT_EQ(result.exit_code, 0) << describe(result);
  EXPECT_THAT(result.err, HasSubstr("while the configuration loads"));
  const auto doc = boost::json::parse(result.out).as_object();
  EXPECT_EQ(doc.at("api_requests").as_int64(), 1 + 3);
  EXPECT_THAT(result.out, HasSubstr("gw-2")); // listed (not managed), from the early read
  EXPECT_EQ(count(result.err, "ai-gateway/gateways -> "), 1U) << result.err;
}

TEST(EarlyGatewayList, AnInvalidConfigurationSaysTheListWasReadOnlyWhenItWas) {
  EmulatorProcess emulator;
  seed(emulator, k_env_account, {"gw-1"});
  TempDir dir;
  const auto config = dir.write("aigw.yaml", "gateways:\n  - id: gw-1\n    cache_tll: 5\n");
  const auto result = plan(emulator, config);
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  // Whether the first page beat the file's load is a race; the message must match the log.
  const bool said_read = result.out.find("the configuration is invalid; nothing was changed "
                                         "(only the gateway list was read while it loaded)") !=
                         std::string::npos;
  const bool said_unread = result.out.find("the configuration is invalid; nothing was changed "
                                           "(the gateway list requested while it loaded was "
                                           "not read)") != std::string::npos;
  EXPECT_TRUE(said_read != said_unread) << result.out;
  if (said_read) {
    EXPECT_EQ(count(result.err, "ai-gateway/gateways -> "), 1U) << result.err;
  }
  EXPECT_EQ(count(result.err, "ai-gateway/gateways/"), 0U) << result.err;
}

TEST(EarlyGatewayList, AnInvalidConfigurationWithTheApiDownDoesNotSayTheListWasRead) {
  TempDir dir;
  const auto config = dir.write("aigw.yaml", "gateways:\n  - id: gw-1\n    cache_tll: 5\n");
  std::vector<std::string> args = {aigw_binary(), "plan", "-f", config, "--output", "json"};
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_ACCOUNT_ID", k_env_account},
                 {"CLOUDFLARE_API_BASE_URL", "http://127.0.0.1:1"}, // nothing listens
                 {"NO_COLOR", "1"}};
  options.timeout = std::chrono::seconds(60);
  const auto result = run_process(args, options);
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("the configuration is invalid; nothing was changed (the "
                                    "gateway list requested while it loaded was not read)"));
  EXPECT_THAT(result.out, Not(HasSubstr("was read while it loaded")));
}

TEST(EarlyGatewayList, AnInvalidConfigurationIsReportedWithoutWaitingForTheRead) {
  // Every response comes 20 s late: the early read's first page is still on its way when
  // the file turns out invalid, and the process must not wait for it.
  EmulatorProcess emulator({"--latency", "20000"});
  TempDir dir;
  const auto config = dir.write("aigw.yaml", "gateways:\n  - id: gw-1\n    cache_tll: 5\n");
  const auto started = std::chrono::steady_clock::now();
  const auto result = plan(emulator, config);
  const auto took = std::chrono::steady_clock::now() - started;
  EXPECT_EQ(result.exit_code, 1) << describe(result);
  EXPECT_THAT(result.out, HasSubstr("the configuration is invalid; nothing was changed (the "
                                    "gateway list requested while it loaded was not read)"));
  EXPECT_THAT(result.err, HasSubstr("aigw.yaml:3:5: error: unknown key 'cache_tll'"));
  EXPECT_LT(took, std::chrono::seconds(10)) << "waited for the early read's response";
}

} // namespace
} // namespace aigw::test
