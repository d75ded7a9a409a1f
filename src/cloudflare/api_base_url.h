#pragma once
// ApiBaseUrl: the parsed API base URL (scheme, host, port, path prefix) and the rule that
// plain http is only for loopback hosts.

#include "util/result.h"

#include <cstdint>
#include <string>

namespace aigw::cloudflare {

/// Where the API lives: TLS or not, host, port, and the path every request starts with.
struct ApiBaseUrl {
  bool tls = true;
  std::string host;
  std::uint16_t port = 443;
  std::string path_prefix; ///< "/client/v4", never with a trailing slash
};

/// Parses "https://host[:port]/prefix"; refuses other schemes, user info, queries,
/// fragments, and http:// to a host that is not loopback.
Result<ApiBaseUrl> parse_api_base_url(const std::string& url);

/// The URL with any user info replaced by "***", for messages.
[[nodiscard]] std::string displayable_url(const std::string& url);

/// True for "localhost", 127.0.0.0/8 and ::1.
[[nodiscard]] bool is_loopback_host(const std::string& host);

} // namespace aigw::cloudflare
