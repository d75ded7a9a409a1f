#pragma once
// Client options for tests: a token, the test account, fast retries and no rate limit
// unless a test asks for one.

#include "cloudflare/api_transport.h"
#include "cloudflare/client_factory.h"
#include "cloudflare/cloudflare_gateway_api.h"

#include <string>

namespace aigw::test {

inline constexpr const char* k_test_account = "acc";

/// Options for a client of `api_url` with a Bearer token and quick retries.
inline cloudflare::ClientOptions test_client_options(const std::string& api_url) {
  cloudflare::ClientOptions options;
  options.api_url = api_url;
  options.account_id = k_test_account;
  options.api_token = Secret("test-token-0123456789");
  options.retry_base_delay = std::chrono::milliseconds(20);
  options.retry_max_delay = std::chrono::milliseconds(200);
  options.rate_limit_requests = 1e6;
  options.rate_limit_window = std::chrono::seconds(1);
  options.rate_limit_burst = 1000000;
  return options;
}

/// One GET (the gateway URL endpoint) with a fresh client built from options: the
/// smallest call for connection-level tests (TLS, proxies).
inline engine::ApiResult<std::string> fetch_gateway_url(const cloudflare::ClientOptions& options) {
  auto transport = cloudflare::ApiTransport::create(options);
  if (!transport) {
    return transport.error();
  }
  cloudflare::CloudflareGatewayApi api(std::move(transport).value(), options.account_id);
  return api.get_gateway_url("gw", "openai");
}

} // namespace aigw::test
