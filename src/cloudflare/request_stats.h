#pragma once
// RequestStats: thread-safe request and retry counters behind GatewayApi::stats().

#include "engine/gateway_api.h"

#include <mutex>
#include <string>

namespace aigw::cloudflare {

/// Counters behind a mutex; snapshot() copies them.
class RequestStats {
public:
  /// Counts one attempt as "METHOD endpoint status" (status "error" when none arrived).
  void record(const std::string& method, const std::string& endpoint, int status);
  /// Counts one retry (an attempt after the first).
  void record_retry();
  /// Counts one request held back by the rate limiter or a 429 answer.
  void record_rate_limit_wait();
  /// A consistent copy of every counter.
  [[nodiscard]] engine::ApiStats snapshot() const;

private:
  mutable std::mutex m_mutex;
  engine::ApiStats m_stats;
};

} // namespace aigw::cloudflare
