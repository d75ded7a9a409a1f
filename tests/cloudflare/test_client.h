#pragma once
// A CloudflareGatewayApi for a scripted TestHttpServer, and a stopwatch, for client tests.

#include "cloudflare/cloudflare_gateway_api.h"
#include "cloudflare/test_http_server.h"

#include <gtest/gtest.h>

#include <chrono>
#include <memory>
#include <string>

namespace aigw::test {

inline std::string url_of(const TestHttpServer& server) {
  return "http://127.0.0.1:" + std::to_string(server.port()) + "/client/v4";
}

inline std::unique_ptr<cloudflare::CloudflareGatewayApi>
client_for(const cloudflare::ClientOptions& options) {
  auto transport = cloudflare::ApiTransport::create(options);
  EXPECT_TRUE(transport.ok()) << (transport.ok() ? "" : transport.error().to_string());
  return std::make_unique<cloudflare::CloudflareGatewayApi>(std::move(transport).value(),
                                                            options.account_id);
}

inline double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

} // namespace aigw::test
