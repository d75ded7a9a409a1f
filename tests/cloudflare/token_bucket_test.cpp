#include "cloudflare/token_bucket.h"

#include <gtest/gtest.h>

#include <chrono>

namespace aigw::cloudflare {
namespace {

using namespace std::chrono_literals;

TEST(TokenBucket, DefaultStaysUnderCloudflaresLimitEvenAfterABurst) {
  TokenBucket bucket(1200, 300s, 50);
  // A burst of 50 plus 300 s of refill must not exceed 1200 requests.
  EXPECT_LE(50 + bucket.rate_per_second() * 300, 1200.0 + 1e-9);
  EXPECT_GT(bucket.rate_per_second(), 3.8);
}

TEST(TokenBucket, BurstIsFreeThenReservationsQueue) {
  TokenBucket bucket(10, 1000ms, 3);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(bucket.reserve(), TokenBucket::Clock::duration::zero());
  }
  const auto first_wait = bucket.reserve();
  const auto second_wait = bucket.reserve();
  EXPECT_GT(first_wait, 100ms); // refill rate is (10 - 3) / s: one token every ~143 ms
  EXPECT_LT(first_wait, 200ms);
  EXPECT_GT(second_wait, first_wait + 100ms);
}

TEST(TokenBucket, BacklogCountsQueuedReservationsAndTheTimeToClearThem) {
  TokenBucket bucket(10, 1000ms, 3);
  EXPECT_EQ(bucket.backlog().waiting, 0);
  for (int i = 0; i < 5; ++i) {
    (void)bucket.reserve();
  }
  const auto backlog = bucket.backlog();
  EXPECT_EQ(backlog.waiting, 2); // the burst of 3 went at once
  EXPECT_GT(backlog.until_clear, 250ms); // two tokens at one per ~143 ms
  EXPECT_LT(backlog.until_clear, 300ms);
}

TEST(TokenBucket, ClampsAbsurdSettings) {
  TokenBucket bucket(5, 1000ms, 100); // burst larger than the limit
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(bucket.reserve(), TokenBucket::Clock::duration::zero());
  }
  EXPECT_GT(bucket.reserve(), TokenBucket::Clock::duration::zero());
}

TEST(TokenBucket, HoldsTwentyRequestsPerSecond) {
  TokenBucket bucket(20, 1000ms, 1);
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 40; ++i) {
    bucket.acquire();
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  // 1 free + 39 at 19/s: about 2.05 s; never faster than the limit allows.
  EXPECT_GE(seconds, 39.0 / 20.0);
  EXPECT_LT(seconds, 3.0);
}

} // namespace
} // namespace aigw::cloudflare
