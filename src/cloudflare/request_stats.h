#pragma once
// RequestStats: thread-safe request and retry counters behind GatewayApi::stats().

#include "engine/gateway_api.h"

#include <map>
#include <mutex>
#include <string>
#include <tuple>

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
  /// (method, endpoint, status): the attempts are counted under this key, and named
  /// "METHOD endpoint status" only in a snapshot (no string is built per request).
  using Key = std::tuple<std::string, std::string, int>;
  struct KeyLess {
    using is_transparent = void;
    template <class A, class B> bool operator()(const A& a, const B& b) const {
      return std::tie(std::get<0>(a), std::get<1>(a), std::get<2>(a)) <
             std::tie(std::get<0>(b), std::get<1>(b), std::get<2>(b));
    }
  };

  mutable std::mutex m_mutex;
  engine::ApiStats m_stats;
  std::map<Key, std::uint64_t, KeyLess> m_by_endpoint;
};

} // namespace aigw::cloudflare
