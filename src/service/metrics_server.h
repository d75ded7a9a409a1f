#pragma once
// MetricsServer: a small HTTP listener for the reconcile service: GET /metrics (Prometheus
// text format) and GET /healthz (200 or 503). One thread, one request per connection,
// socket timeouts, so a slow scraper can hold it up for a few seconds at most.

#include "util/result.h"

#include <functional>
#include <memory>
#include <string>

namespace aigw::service {

struct MetricsHandlers {
  std::function<std::string()> metrics; ///< the /metrics body
  /// /healthz: healthy, and a one-line reason either way.
  std::function<std::pair<bool, std::string>()> health;
};

class MetricsServer {
public:
  /// Binds HOST:PORT (an IP address; port 0 picks a free one) and starts serving.
  static Result<std::unique_ptr<MetricsServer>> start(const std::string& host_port,
                                                      MetricsHandlers handlers);
  ~MetricsServer();
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;

  /// The bound address as "HOST:PORT" (the real port when 0 was asked).
  [[nodiscard]] const std::string& address() const;
  /// Stops accepting and joins the thread. Idempotent.
  void stop();

  struct Impl;

private:
  explicit MetricsServer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

} // namespace aigw::service
