#pragma once
// The one way to build the real GatewayApi: options (from flags and the environment) in,
// a ready client out. Callers never see Beast, OpenSSL or JSON.

#include "engine/gateway_api.h"
#include "util/secret.h"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

namespace aigw::cloudflare {

/// A snapshot while requests wait on the client-side rate limiter.
struct RateLimitWait {
  std::uint64_t done = 0;              ///< requests sent so far
  int waiting = 0;                     ///< requests queued on the limiter (0: the wait is over)
  std::chrono::seconds remaining{0};   ///< until the last queued request may go
};

/// Everything the client needs; every default is documented in docs/api-client.md.
struct ClientOptions {
  std::string api_url = "https://api.cloudflare.com/client/v4";
  std::string account_id;
  std::optional<Secret> api_token; // CLOUDFLARE_API_TOKEN
  std::string email;               // CLOUDFLARE_EMAIL
  std::optional<Secret> api_key;   // CLOUDFLARE_API_KEY
  std::string ca_file;             // SSL_CERT_FILE or --ca-file
  std::string https_proxy;         // https_proxy / HTTPS_PROXY (see cloudflare/proxy.h)
  std::string no_proxy;            // no_proxy / NO_PROXY
  int concurrency = 8;
  std::chrono::milliseconds connect_timeout{10000}, read_timeout{60000};
  int max_attempts = 5;
  std::chrono::milliseconds max_retry_time{120000};
  // Cloudflare allows 1200 requests per 300 s per token; the bucket refills at
  // (requests - burst) / window so that even a full burst stays under the limit.
  double rate_limit_requests = 1200;
  std::chrono::seconds rate_limit_window{300};
  int rate_limit_burst = 50;
  /// Called about once a second from a thread that has waited on the rate limiter for at
  /// least rate_limit_report_after, and once more when its wait ends; may be empty.
  std::function<void(const RateLimitWait&)> on_rate_limit_wait;
  std::chrono::milliseconds rate_limit_report_after{3000};
  std::size_t max_response_bytes = 32u << 20;
  /// One list (all its pages) may hold at most this many items and response bytes: a
  /// server that never ends its pages cannot exhaust memory.
  std::size_t max_list_items = 100000;
  std::size_t max_list_bytes = 128u << 20;
  /// First backoff step; the n-th retry waits a random time in [0, base * 2^(n-1)].
  std::chrono::milliseconds retry_base_delay{250};
  /// Upper bound of one backoff step (Retry-After may ask for more, within max_retry_time).
  std::chrono::milliseconds retry_max_delay{10000};
};

/// Reads credentials, CA file, proxy and base URL from the environment; api_url_flag (when non-empty) wins over CLOUDFLARE_API_BASE_URL.
Result<ClientOptions, engine::ApiError> options_from_environment(const std::string& api_url_flag,
                                                                 const std::string& account_id);
/// Builds the client; fails (Kind::config) on no credentials, an http:// URL to a non-loopback host, an unparsable URL.
Result<std::unique_ptr<engine::GatewayApi>, engine::ApiError>
make_gateway_api(const ClientOptions& options);

} // namespace aigw::cloudflare
