#pragma once
// RetryPolicy: which failures are retried, and how long to wait before the next attempt
// (exponential backoff with full jitter, or the server's Retry-After).

#include <chrono>
#include <optional>
#include <random>
#include <string_view>

namespace aigw::cloudflare {

/// Attempt and time bounds plus the backoff curve.
struct RetryPolicy {
  int max_attempts = 5;
  std::chrono::milliseconds max_total{120000};
  std::chrono::milliseconds base_delay{250};
  std::chrono::milliseconds max_delay{10000};

  /// Random wait in [0, min(max_delay, base_delay * 2^(retry - 1))]; retry counts from 1.
  [[nodiscard]] std::chrono::milliseconds backoff(int retry, std::mt19937_64& rng) const;
};

/// 429, 500, 502, 503 and 504.
[[nodiscard]] bool is_retryable_status(int status);

/// A POST is only repeated on statuses that say the server did not act on it (429, 503),
/// or that it failed without change (500); 502 and 504 come from a proxy that may have
/// forwarded it, so the outcome is unknown.
[[nodiscard]] bool is_post_retryable_status(int status);

/// Parses Retry-After as delay-seconds or an HTTP-date; nullopt when absent or invalid.
[[nodiscard]] std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value);

} // namespace aigw::cloudflare
