// The request-count contract of `aigw plan`: for N declared gateways that exist live, the
// plan makes P + 3N requests (P: pages of the gateway list, 100 per page), plus 2 when
// billing is declared. Seeded through the API, counted from `--output json`.

#include "e2e/apply_e2e_support.h"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace aigw::test {
namespace {

/// Seeds n gateways (and two undeclared extras) through a client without a rate limit.
void seed(const EmulatorProcess& emulator, int n) {
  auto api = seeding_client(emulator);
  ASSERT_NE(api, nullptr);
  for (int i = 0; i < n + 2; ++i) {
    const std::string id = (i < n ? "gw-" : "extra-") + std::to_string(i);
    ASSERT_TRUE(api->create_gateway(seed_gateway(id)).ok()) << id;
  }
}

std::int64_t planned_requests(const EmulatorProcess& emulator, int n, bool billing) {
  TempDir dir;
  std::string yaml = "account_id: ${CLOUDFLARE_ACCOUNT_ID}\ngateways:\n";
  for (int i = 0; i < n; ++i) {
    yaml += "  - id: gw-" + std::to_string(i) + "\n";
  }
  if (billing) {
    yaml += "billing:\n  auto_topup: { amount: 5000, threshold: 500 }\n";
  }
  const auto config = dir.write("aigw.yaml", yaml);
  // --rate-limit lifts the client's default pacing (about 3.8 requests/s past a burst of 50),
  // which would otherwise make the 120-gateway case take well over a minute.
  std::vector<std::string> args = {aigw_binary(), "--rate-limit", "1000000", "plan", "-f", config,
                                   "--output", "json"};
  ProcessOptions options;
  options.env = {{"CLOUDFLARE_API_TOKEN", "e2e-token-value"},
                 {"CLOUDFLARE_ACCOUNT_ID", k_account},
                 {"CLOUDFLARE_API_BASE_URL", emulator.api_url()}};
  options.timeout = std::chrono::seconds(120);
  auto result = run_process(args, options);
  EXPECT_EQ(result.exit_code, 0) << describe(result);
  if (result.exit_code != 0) {
    return -1;
  }
  const auto doc = boost::json::parse(result.out).as_object();
  // The seeded gateways match the config; declared billing is absent live, so it is created.
  EXPECT_EQ(doc.at("has_changes").as_bool(), billing);
  return doc.at("api_requests").as_int64();
}

std::int64_t expected_requests(int n, bool billing) {
  const int listed = n + 2;
  const int pages = (listed + 99) / 100;
  return pages + 3 * n + (billing ? 2 : 0);
}

TEST(PlanRequestCount, OneGatewayWithAndWithoutBilling) {
  EmulatorProcess emulator;
  seed(emulator, 1);
  EXPECT_EQ(planned_requests(emulator, 1, false), 4);
  EXPECT_EQ(planned_requests(emulator, 1, true), expected_requests(1, true));
}

TEST(PlanRequestCount, TenGateways) {
  EmulatorProcess emulator;
  seed(emulator, 10);
  EXPECT_EQ(planned_requests(emulator, 10, false), expected_requests(10, false));
}

TEST(PlanRequestCount, HundredAndTwentyGatewaysSpanTwoPages) {
  EmulatorProcess emulator;
  seed(emulator, 120);
  EXPECT_EQ(expected_requests(120, false), 2 + 360);
  EXPECT_EQ(planned_requests(emulator, 120, false), expected_requests(120, false));
}

} // namespace
} // namespace aigw::test
