#pragma once
// Plain HTTP request, response and transport failure, so that only http_session.cpp
// needs to know Beast.

#include <string>
#include <utility>
#include <vector>

namespace aigw::cloudflare {

/// One request: the target is the path plus query, already percent-encoded.
struct HttpRequest {
  std::string method;
  std::string target;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body; ///< sent as application/json when non-empty
};

/// A complete response (the body is within the size cap).
struct HttpResponse {
  int status = 0;
  std::string body;
  std::string retry_after; ///< the Retry-After header, empty when absent
};

/// Why no response arrived.
struct TransportError {
  enum class Kind {
    connect,   ///< resolve, connect or TLS handshake failed: nothing was sent
    tls,       ///< the peer's certificate did not verify: retrying cannot help
    timeout,   ///< an operation ran past its timeout
    io,        ///< reset, EOF or another socket error
    too_large, ///< the response exceeded the size cap
  };
  Kind kind = Kind::io;
  /// True once any byte of the request may have reached the server.
  bool request_sent = false;
  std::string message;
};

} // namespace aigw::cloudflare
