#include "cloudflare/retry_policy.h"

#include <gtest/gtest.h>

namespace aigw::cloudflare {
namespace {

using namespace std::chrono_literals;

TEST(RetryPolicy, FullJitterStaysWithinTheExponentialCeiling) {
  RetryPolicy policy{5, 120000ms, 100ms, 1000ms};
  std::mt19937_64 rng(42);
  for (int retry = 1; retry <= 6; ++retry) {
    const auto ceiling = std::min(1000ms, 100ms * (1 << (retry - 1)));
    std::chrono::milliseconds highest{0};
    for (int i = 0; i < 500; ++i) {
      const auto delay = policy.backoff(retry, rng);
      EXPECT_GE(delay, 0ms);
      EXPECT_LE(delay, ceiling);
      highest = std::max(highest, delay);
    }
    EXPECT_GT(highest, ceiling / 2); // jitter spreads over the whole range
  }
}

TEST(RetryPolicy, RetryableStatuses) {
  for (int status : {429, 500, 502, 503, 504}) {
    EXPECT_TRUE(is_retryable_status(status)) << status;
  }
  for (int status : {200, 400, 401, 403, 404, 409, 501}) {
    EXPECT_FALSE(is_retryable_status(status)) << status;
  }
  EXPECT_TRUE(is_post_retryable_status(429));
  EXPECT_TRUE(is_post_retryable_status(503));
  EXPECT_FALSE(is_post_retryable_status(502));
  EXPECT_FALSE(is_post_retryable_status(504));
}

TEST(RetryPolicy, ParsesRetryAfter) {
  EXPECT_EQ(parse_retry_after("3"), 3000ms);
  EXPECT_EQ(parse_retry_after(" 0 "), 0ms);
  EXPECT_FALSE(parse_retry_after("").has_value());
  EXPECT_FALSE(parse_retry_after("soon").has_value());
  EXPECT_FALSE(parse_retry_after("-1").has_value());
  // A date in the past means "now".
  EXPECT_EQ(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), 0ms);
  const auto future = parse_retry_after("Fri, 01 Jan 2100 00:00:00 GMT");
  ASSERT_TRUE(future.has_value());
  EXPECT_GT(*future, 1000ms);
}

} // namespace
} // namespace aigw::cloudflare
