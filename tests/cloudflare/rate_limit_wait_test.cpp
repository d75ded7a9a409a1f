// A long wait on the client-side rate limiter is reported while it lasts (requests done,
// queued, time left) and once more when it ends; a short one is not.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"
#include "cloudflare/test_options.h"

#include <gtest/gtest.h>

#include <mutex>
#include <thread>

namespace aigw::cloudflare {
namespace {

using test::TestHttpServer;
using test::TestReply;
using test::TestRequest;

const char* k_body = R"({"result":"https://gateway.ai.cloudflare.com/v1/acc/gw/openai","success":true})";

TEST(RateLimitWait, ALongWaitIsReportedAndItsEndToo) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_body}; });
  auto options = test::test_client_options("http://127.0.0.1:" + std::to_string(server.port()) +
                                           "/client/v4");
  // 4 requests per second with a burst of 1: 3 a second refill; the 4th call waits ~1 s.
  options.rate_limit_requests = 4;
  options.rate_limit_window = std::chrono::seconds(1);
  options.rate_limit_burst = 1;
  options.rate_limit_report_after = std::chrono::milliseconds(200);
  std::mutex mutex;
  std::vector<RateLimitWait> reports;
  options.on_rate_limit_wait = [&](const RateLimitWait& wait) {
    std::lock_guard lock(mutex);
    reports.push_back(wait);
  };
  auto transport = ApiTransport::create(options);
  ASSERT_TRUE(transport.ok());
  CloudflareGatewayApi api(std::move(transport).value(), options.account_id);
  std::vector<std::thread> callers;
  for (int i = 0; i < 4; ++i) {
    callers.emplace_back([&api] { (void)api.get_gateway_url("gw", "openai"); });
  }
  for (auto& t : callers) {
    t.join();
  }
  EXPECT_EQ(server.requests(), 4);
  std::lock_guard lock(mutex);
  ASSERT_FALSE(reports.empty());
  EXPECT_GE(reports.front().waiting, 1);
  EXPECT_LE(reports.front().remaining.count(), 2);
  EXPECT_EQ(reports.back().waiting, 0);
  EXPECT_GE(reports.back().done, 3U);
}

TEST(RateLimitWait, ShortWaitsAreNotReported) {
  TestHttpServer server([](const TestRequest&) { return TestReply{.body = k_body}; });
  auto options = test::test_client_options("http://127.0.0.1:" + std::to_string(server.port()) +
                                           "/client/v4");
  int reports = 0;
  options.on_rate_limit_wait = [&reports](const RateLimitWait&) { ++reports; };
  auto transport = ApiTransport::create(options);
  ASSERT_TRUE(transport.ok());
  CloudflareGatewayApi api(std::move(transport).value(), options.account_id);
  for (int i = 0; i < 5; ++i) {
    ASSERT_TRUE(api.get_gateway_url("gw", "openai").ok());
  }
  EXPECT_EQ(reports, 0);
}

} // namespace
} // namespace aigw::cloudflare
