#include "cloudflare/token_bucket.h"

#include <algorithm>
#include <cmath>
#include <thread>

namespace aigw::cloudflare {

TokenBucket::TokenBucket(double requests, std::chrono::milliseconds window, int burst) {
  const double limit = std::max(1.0, requests);
  m_capacity = std::clamp(static_cast<double>(burst), 1.0, limit);
  const double seconds = std::max(0.001, std::chrono::duration<double>(window).count());
  // When the burst is the whole limit, refilling at (limit - burst) would never refill:
  // fall back to the plain average rate.
  const double refill = limit > m_capacity ? limit - m_capacity : limit;
  m_rate = refill / seconds;
  m_tokens = m_capacity;
  m_last = Clock::now();
}

TokenBucket::Clock::duration TokenBucket::reserve() {
  std::lock_guard lock(m_mutex);
  const auto now = Clock::now();
  const double elapsed = std::chrono::duration<double>(now - m_last).count();
  m_last = now;
  m_tokens = std::min(m_capacity, m_tokens + elapsed * m_rate);
  // Tokens may go negative: each waiter holds a reservation, so callers are served in
  // order and the average rate never exceeds m_rate.
  m_tokens -= 1.0;
  if (m_tokens >= 0.0) {
    return Clock::duration::zero();
  }
  return std::chrono::duration_cast<Clock::duration>(
      std::chrono::duration<double>(-m_tokens / m_rate));
}

TokenBucket::Backlog TokenBucket::backlog() {
  std::lock_guard lock(m_mutex);
  const double elapsed = std::chrono::duration<double>(Clock::now() - m_last).count();
  const double tokens = std::min(m_capacity, m_tokens + elapsed * m_rate);
  // The epsilon keeps a reservation that is due right now (rounding) from counting.
  const int waiting = static_cast<int>(std::ceil(-tokens - 1e-6));
  if (waiting <= 0) {
    return {};
  }
  return {waiting,
          std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(-tokens / m_rate))};
}

bool TokenBucket::acquire() {
  const auto wait = reserve();
  if (wait > Clock::duration::zero()) {
    std::this_thread::sleep_for(wait);
    return true;
  }
  return false;
}

} // namespace aigw::cloudflare
