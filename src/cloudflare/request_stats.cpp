#include "cloudflare/request_stats.h"

namespace aigw::cloudflare {

void RequestStats::record(const std::string& method, const std::string& endpoint, int status) {
  const auto probe = std::tie(method, endpoint, status);
  std::lock_guard lock(m_mutex);
  ++m_stats.requests;
  if (auto it = m_by_endpoint.find(probe); it != m_by_endpoint.end()) {
    ++it->second;
  } else {
    m_by_endpoint.emplace(Key{method, endpoint, status}, 1);
  }
}

void RequestStats::record_rate_limit_wait() {
  const std::lock_guard lock(m_mutex);
  ++m_stats.rate_limit_waits;
}

void RequestStats::record_retry() {
  std::lock_guard lock(m_mutex);
  ++m_stats.retries;
}

engine::ApiStats RequestStats::snapshot() const {
  std::lock_guard lock(m_mutex);
  engine::ApiStats out = m_stats;
  for (const auto& [key, count] : m_by_endpoint) {
    const auto& [method, endpoint, status] = key;
    out.by_endpoint[method + " " + endpoint + " " +
                    (status > 0 ? std::to_string(status) : "error")] += count;
  }
  return out;
}

} // namespace aigw::cloudflare
