#include "cloudflare/request_stats.h"

namespace aigw::cloudflare {

void RequestStats::record(const std::string& method, const std::string& endpoint, int status) {
  const std::string key =
      method + " " + endpoint + " " + (status > 0 ? std::to_string(status) : "error");
  std::lock_guard lock(m_mutex);
  ++m_stats.requests;
  ++m_stats.by_endpoint[key];
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
  return m_stats;
}

} // namespace aigw::cloudflare
