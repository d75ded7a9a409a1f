// The rate-limit progress line: in place on a terminal (cleared when the wait ends), a line
// every 10 s otherwise, JSON with --log-format json.

#include "cli/rate_limit_progress.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace aigw::cli {
namespace {

using ::testing::HasSubstr;
using ::testing::StartsWith;
using namespace std::chrono_literals;

struct Captured {
  std::vector<std::string> writes;
  RateLimitProgress::Clock::time_point now{};
};

RateLimitProgress make(Captured& c, bool terminal, bool json = false) {
  RateLimitProgress::Options options;
  options.terminal = terminal;
  options.json = json;
  options.rate_limit = 600;
  options.now = [&c] { return c.now; };
  options.write = [&c](const std::string& text) { c.writes.push_back(text); };
  return RateLimitProgress(std::move(options));
}

TEST(RateLimitProgress, SaysDoneWaitingAndTimeLeft) {
  Captured c;
  auto progress = make(c, false);
  EXPECT_EQ(progress.message({240, 35, 9s}),
            "waiting on the rate limit (600 requests per 5 minutes, --rate-limit): 240 requests "
            "done, 35 waiting, about 9 s left");
  EXPECT_THAT(progress.message({1, 1, 200s}), HasSubstr("1 request done, 1 waiting, about 4 min left"));
}

TEST(RateLimitProgress, OnATerminalTheLineIsRewrittenInPlaceAndCleared) {
  Captured c;
  auto progress = make(c, true);
  progress.update({10, 5, 4s});
  progress.update({11, 4, 3s});
  progress.update({15, 0, 0s});
  progress.update({15, 0, 0s});
  ASSERT_EQ(c.writes.size(), 3U);
  EXPECT_THAT(c.writes[0], StartsWith("\rwaiting on the rate limit"));
  EXPECT_THAT(c.writes[0], HasSubstr("10 requests done, 5 waiting, about 4 s left\x1b[K"));
  EXPECT_THAT(c.writes[1], HasSubstr("11 requests done, 4 waiting"));
  EXPECT_EQ(c.writes[2], "\r\x1b[K");
}

TEST(RateLimitProgress, OtherwiseALineEveryTenSeconds) {
  Captured c;
  auto progress = make(c, false);
  for (int second = 0; second <= 25; ++second) {
    c.now = RateLimitProgress::Clock::time_point{} + std::chrono::seconds(second);
    progress.update({static_cast<std::uint64_t>(second), 30 - second, std::chrono::seconds(30 - second)});
  }
  ASSERT_EQ(c.writes.size(), 3U); // at 0, 10 and 20 s
  EXPECT_THAT(c.writes[0], StartsWith("aigw: waiting on the rate limit"));
  EXPECT_THAT(c.writes[1], HasSubstr("10 requests done, 20 waiting, about 20 s left\n"));
  EXPECT_THAT(c.writes[2], HasSubstr("20 requests done"));
}

TEST(RateLimitProgress, JsonLogsGetAJsonLine) {
  Captured c;
  auto progress = make(c, false, true);
  progress.update({3, 2, 1s});
  ASSERT_EQ(c.writes.size(), 1U);
  EXPECT_THAT(c.writes[0], StartsWith("{\"ts_ms\":"));
  EXPECT_THAT(c.writes[0], HasSubstr(",\"level\":\"info\",\"msg\":\"waiting on the rate limit"));
}

} // namespace
} // namespace aigw::cli
