#pragma once
// The HTTPS proxy, chosen as curl and the official SDKs choose it: https_proxy (or
// HTTPS_PROXY) names an http:// proxy reached with HTTP CONNECT (TLS stays end to end inside
// the tunnel); no_proxy (or NO_PROXY) lists hosts that are reached directly. Credentials in
// the proxy URL become a Proxy-Authorization header and are never printed.

#include "util/result.h"
#include "util/secret.h"

#include <cstdint>
#include <optional>
#include <string>

namespace aigw::cloudflare {

/// An HTTP proxy that tunnels with CONNECT.
struct Proxy {
  std::string host;
  std::uint16_t port = 1080; ///< curl's default proxy port
  /// "Basic BASE64(user:password)" when the URL carried credentials.
  std::optional<Secret> authorization;
  /// "http://host:port", without credentials: what messages show.
  [[nodiscard]] std::string display() const;
};

/// The proxy variables as read from the environment (lower case wins, as in curl).
struct ProxyEnvironment {
  std::string https_proxy;
  std::string no_proxy;
};

/// Reads https_proxy/HTTPS_PROXY and no_proxy/NO_PROXY.
[[nodiscard]] ProxyEnvironment proxy_environment_from_env();

/// Parses a proxy URL ("http://[user:password@]host[:port]", or just "host:port"); refuses
/// other schemes. Errors never include the credentials.
Result<Proxy> parse_proxy_url(const std::string& url);

/// True when no_proxy says host is reached directly: "*", an exact host or IP address, or a
/// domain suffix ("example.com" and ".example.com" both match "api.example.com").
[[nodiscard]] bool bypasses_proxy(const std::string& no_proxy, const std::string& host);

/// The proxy to reach host over TLS through, if any; an unparsable proxy URL is an error.
Result<std::optional<Proxy>> proxy_for(const ProxyEnvironment& env, const std::string& host);

} // namespace aigw::cloudflare
