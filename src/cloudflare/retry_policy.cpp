#include "cloudflare/retry_policy.h"

#include <algorithm>
#include <charconv>
#include <ctime>
#include <string>

namespace aigw::cloudflare {

std::chrono::milliseconds RetryPolicy::backoff(int retry, std::mt19937_64& rng) const {
  const int shift = std::clamp(retry - 1, 0, 30);
  const long long ceiling =
      std::min<long long>(max_delay.count(), base_delay.count() * (1LL << shift));
  std::uniform_int_distribution<long long> pick(0, std::max(0LL, ceiling));
  return std::chrono::milliseconds(pick(rng));
}

bool is_retryable_status(int status) {
  return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
}

bool is_post_retryable_status(int status) {
  return status == 429 || status == 500 || status == 503;
}

std::optional<std::chrono::milliseconds> parse_retry_after(std::string_view value) {
  while (!value.empty() && value.front() == ' ') {
    value.remove_prefix(1);
  }
  while (!value.empty() && value.back() == ' ') {
    value.remove_suffix(1);
  }
  if (value.empty()) {
    return std::nullopt;
  }
  long long seconds = 0;
  const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), seconds);
  if (ec == std::errc{} && end == value.data() + value.size()) {
    if (seconds < 0) {
      return std::nullopt;
    }
    return std::chrono::milliseconds(std::min(seconds, 86400LL) * 1000);
  }
  // HTTP-date, e.g. "Wed, 21 Oct 2015 07:28:00 GMT".
  std::tm tm{};
  const std::string text(value);
  const char* parsed = strptime(text.c_str(), "%a, %d %b %Y %H:%M:%S GMT", &tm);
  if (parsed == nullptr || *parsed != '\0') {
    return std::nullopt;
  }
  const std::time_t when = timegm(&tm);
  const std::time_t now = std::time(nullptr);
  return std::chrono::milliseconds(std::max<long long>(0, static_cast<long long>(when - now)) *
                                   1000);
}

} // namespace aigw::cloudflare
