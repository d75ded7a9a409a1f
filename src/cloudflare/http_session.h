#pragma once
// HttpSession: a bounded pool of keep-alive HTTP/1.1 connections (TLS or plain) to one
// host. send() blocks the calling thread; up to max_connections calls run in parallel.

#include "cloudflare/http_message.h"
#include "cloudflare/proxy.h"
#include "util/result.h"

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace aigw::cloudflare {

/// Connection settings of one HttpSession (see docs/api-client.md for the defaults).
struct HttpSessionOptions {
  std::string host;
  std::uint16_t port = 443;
  bool tls = true;
  std::string ca_file; ///< empty: the system's default CA store
  /// Tunnel every TLS connection through this proxy with CONNECT (see cloudflare/proxy.h).
  std::optional<Proxy> proxy;
  int max_connections = 8;
  std::chrono::milliseconds connect_timeout{10000}; ///< resolve + connect + TLS handshake
  std::chrono::milliseconds read_timeout{60000};    ///< write the request + read the response
  std::size_t max_response_bytes = 32u << 20;
  std::string user_agent;
};

/// The requests HttpSession::exchange_many sends, and where their answers go. Called only
/// from the thread running exchange_many.
class ExchangeSource {
public:
  using Clock = std::chrono::steady_clock;
  virtual ~ExchangeSource() = default;
  /// True when a request can be sent now; otherwise lowers `wake_at` to when a waiting one
  /// (rate limiter, retry backoff) will be.
  virtual bool has_ready(Clock::time_point& wake_at) = 0;
  /// Takes the next ready request (only after has_ready() said there is one). The request
  /// must stay valid until it is answered.
  virtual const HttpRequest& next(std::uint64_t& tag) = 0;
  /// The outcome of request `tag`; may make more requests ready.
  virtual void answered(std::uint64_t tag, Result<HttpResponse, TransportError> outcome) = 0;
  /// True when no request is ready or waiting, and none can come from another thread.
  [[nodiscard]] virtual bool drained() const = 0;
  /// A descriptor that becomes readable when another thread may have made requests ready
  /// (the loop then reads it and asks has_ready again); -1: none.
  [[nodiscard]] virtual int wake_fd() const { return -1; }
};

/// The pool itself; thread-safe.
class HttpSession {
public:
  /// Prepares the TLS context; fails when the CA file cannot be loaded.
  static Result<std::unique_ptr<HttpSession>> create(const HttpSessionOptions& options);
  ~HttpSession();
  HttpSession(const HttpSession&) = delete;
  HttpSession& operator=(const HttpSession&) = delete;

  /// Sends one request on an idle connection (or a new one) and reads the response.
  Result<HttpResponse, TransportError> send(const HttpRequest& request);
  /// Sends every request of the source from the calling thread alone, up to max_connections
  /// at once over connections taken from the pool, and hands each answer over as it
  /// arrives (one poll() waits for all of them). Returns when the source is drained.
  void exchange_many(ExchangeSource& source);
  /// How many connections were opened so far (keep-alive reuse keeps this low).
  [[nodiscard]] std::uint64_t connections_opened() const { return m_opened.load(); }

  /// One pooled connection's Beast state (defined in the .cpp, public for its helpers).
  struct Connection;
  /// The OpenSSL client context shared by every connection.
  struct TlsContext;

private:
  explicit HttpSession(HttpSessionOptions options);
  std::unique_ptr<Connection> acquire();
  /// An idle or new connection if one is free now, else nullptr.
  std::unique_ptr<Connection> try_acquire();
  void release(std::unique_ptr<Connection> connection);
  /// Replaces a stale connection and opens a new one.
  Result<Unit, TransportError> ready(std::unique_ptr<Connection>& connection);

  HttpSessionOptions m_options;
  std::unique_ptr<TlsContext> m_tls;
  std::mutex m_mutex;
  std::condition_variable m_available;
  std::vector<std::unique_ptr<Connection>> m_idle;
  int m_live = 0; ///< connections handed out or idle
  std::atomic<std::uint64_t> m_opened{0};
};

} // namespace aigw::cloudflare
