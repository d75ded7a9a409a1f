#pragma once
// TokenBucket: the client-side rate limiter shared by every connection.

#include <chrono>
#include <mutex>

namespace aigw::cloudflare {

/// A reservation-based token bucket: thread-safe, callers are served in order.
class TokenBucket {
public:
  using Clock = std::chrono::steady_clock;

  /// Allows at most `requests` per `window` in any window, with up to `burst` at once.
  /// The refill rate is (requests - burst) / window, so a full burst followed by a
  /// steady stream still stays under the limit. burst is clamped to [1, requests].
  TokenBucket(double requests, std::chrono::milliseconds window, int burst);

  /// Reserves one token and returns how long the caller must wait before sending.
  [[nodiscard]] Clock::duration reserve();
  /// Reserves a token and sleeps until it is due; true when it had to wait.
  bool acquire();

  [[nodiscard]] double rate_per_second() const { return m_rate; }

  /// The reservations not yet due and how long until the last of them is.
  struct Backlog {
    int waiting = 0;
    Clock::duration until_clear{};
  };
  [[nodiscard]] Backlog backlog();

private:
  std::mutex m_mutex;
  double m_capacity;
  double m_rate; ///< tokens per second
  double m_tokens;
  Clock::time_point m_last;
};

} // namespace aigw::cloudflare
