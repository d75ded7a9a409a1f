#pragma once
// The progress line while requests wait on the client-side rate limiter (--rate-limit):
// requests done, requests waiting, and the expected time. On a terminal it is one line
// rewritten in place and cleared when the wait ends; otherwise a line every 10 seconds
// (a JSON log line with --log-format json). Always on stderr.

#include "cloudflare/client_factory.h"

#include <chrono>
#include <cstdio>
#include <functional>
#include <mutex>
#include <string>

namespace aigw::cli {

class RateLimitProgress {
public:
  using Clock = std::chrono::steady_clock;

  struct Options {
    bool terminal = false;   ///< rewrite one line in place
    bool json = false;       ///< --log-format json (when not a terminal)
    double rate_limit = 1200; ///< requests per 5 minutes, for the message
    std::chrono::seconds interval{10}; ///< between lines when not a terminal
    std::function<Clock::time_point()> now = [] { return Clock::now(); };
    std::function<void(const std::string&)> write = [](const std::string& text) {
      std::fputs(text.c_str(), stderr);
      std::fflush(stderr);
    };
  };

  explicit RateLimitProgress(Options options);

  /// Takes one report from the client (any thread).
  void update(const cloudflare::RateLimitWait& wait);

  /// "waiting on the rate limit (1200 requests per 5 minutes): 240 requests done,
  /// 35 waiting, about 9 s left"
  [[nodiscard]] std::string message(const cloudflare::RateLimitWait& wait) const;

private:
  Options m_options;
  std::mutex m_mutex;
  bool m_line_shown = false; ///< a terminal line is on screen
  bool m_printed_once = false;
  Clock::time_point m_last{};
};

} // namespace aigw::cli
