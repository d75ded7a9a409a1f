// Unit tests of seeded fault injection and of the Service's fault modes.

#include "emulator/fault_injector.h"
#include "emulator/service.h"
#include "emulator/state_file.h"
#include "support/process.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <vector>

namespace aigw::emulator {
namespace {

std::vector<FaultKind> sequence(double rate, std::uint64_t seed, int count) {
  FaultInjector injector(rate, seed);
  std::vector<FaultKind> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(injector.next());
  }
  return out;
}

TEST(FaultInjectorTest, SameSeedSameSequence) {
  EXPECT_EQ(sequence(0.5, 7, 200), sequence(0.5, 7, 200));
  EXPECT_NE(sequence(0.5, 7, 200), sequence(0.5, 8, 200));
  const auto faults = sequence(0.5, 7, 200);
  const auto failed = std::count_if(faults.begin(), faults.end(),
                                    [](FaultKind k) { return k != FaultKind::none; });
  EXPECT_GT(failed, 60);
  EXPECT_LT(failed, 140);
  for (const auto kind : sequence(0.0, 7, 100)) {
    EXPECT_EQ(kind, FaultKind::none);
  }
}

TEST(FaultInjectorTest, RateLimitCarriesRetryAfter) {
  const Response response = fault_response(FaultKind::rate_limited);
  EXPECT_EQ(response.status, 429);
  ASSERT_EQ(response.headers.size(), 1U);
  EXPECT_EQ(response.headers[0].first, "Retry-After");
}

Request create_gateway_request(const std::string& id) {
  return Request{.method = "POST", .path = "/client/v4/accounts/a/ai-gateway/gateways",
                 .headers = {{"authorization", "Bearer t0k3n"}},
                 .body = R"({"id":")" + id + R"(","cache_invalidate_on_update":false,)"
                         R"("cache_ttl":0,"collect_logs":true,"rate_limiting_interval":0,)"
                         R"("rate_limiting_limit":0})"};
}

TEST(ServiceTest, RejectModeChangesNothingLostResponseModeCommits) {
  test::TempDir dir;
  EmulatorOptions options{.state_file = dir.path() + "/rejecting.json", .fault_rate = 1.0};
  Service rejecting(Store{}, options);
  ASSERT_TRUE(rejecting.start_persistence().ok());
  const Outcome rejected = rejecting.process(create_gateway_request("gw"));
  EXPECT_NE(rejected.fault, FaultKind::none);
  auto unchanged = load_state(options.state_file);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_EQ(unchanged->account("a").find_gateway("gw"), nullptr);

  options.state_file = dir.path() + "/losing.json";
  options.fault_mode = FaultMode::lost_response;
  Service losing(Store{}, options);
  ASSERT_TRUE(losing.start_persistence().ok());
  const Outcome lost = losing.process(create_gateway_request("gw"));
  EXPECT_TRUE(lost.drop_connection);
  auto saved = load_state(options.state_file);
  ASSERT_TRUE(saved.ok());
  EXPECT_NE(saved->account("a").find_gateway("gw"), nullptr);
}

TEST(ServiceTest, CompactsWhenTheJournalOutgrowsItsLimit) {
  test::TempDir dir;
  EmulatorOptions options{.state_file = dir.path() + "/state.json", .journal_limit_bytes = 2048};
  Service service(Store{}, options);
  ASSERT_TRUE(service.start_persistence().ok());
  for (int i = 0; i < 40; ++i) {
    ASSERT_EQ(service.process(create_gateway_request("gw" + std::to_string(i))).response.status, 200);
  }
  EXPECT_LE(std::filesystem::file_size(options.state_file + ".journal"), 2048U + 1024U);
  auto saved = load_state(options.state_file);
  ASSERT_TRUE(saved.ok()) << saved.error().message;
  EXPECT_EQ(saved->account("a").gateways.size(), 40U);
}

} // namespace
} // namespace aigw::emulator
