#include "cloudflare/http_session.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <utility>

namespace aigw::cloudflare {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct HttpSession::TlsContext {
  ssl::context context{ssl::context::tls_client};
};

using Clock = std::chrono::steady_clock;

/// A connected socket whose synchronous reads and writes give up at a deadline: the socket
/// is non-blocking and each call that would block waits in poll() for what is left of the
/// time. Beast's and OpenSSL's synchronous operations run on top of it, so one request costs
/// a send, a poll and a receive or two, instead of an event loop, a timer and its
/// cancellation per operation.
class DeadlineStream {
public:
  using lowest_layer_type = tcp::socket;
  using executor_type = tcp::socket::executor_type;

  DeadlineStream(tcp::socket& socket, const Clock::time_point& deadline)
      : m_socket(&socket), m_deadline(&deadline) {}

  lowest_layer_type& lowest_layer() { return *m_socket; }
  const lowest_layer_type& lowest_layer() const { return *m_socket; }
  executor_type get_executor() { return m_socket->get_executor(); }

  template <class Buffers> std::size_t read_some(const Buffers& buffers, beast::error_code& ec) {
    if (std::exchange(m_sent, false) && !wait(POLLIN, ec)) {
      return 0; // just sent: the answer cannot be there yet, so wait before the first read
    }
    return transfer(POLLIN, ec, [&] { return m_socket->read_some(buffers, ec); });
  }
  template <class Buffers> std::size_t write_some(const Buffers& buffers, beast::error_code& ec) {
    const std::size_t n = transfer(POLLOUT, ec, [&] { return m_socket->write_some(buffers, ec); });
    m_sent = !ec;
    return n;
  }
  // The throwing forms the stream concepts also ask for (this file uses the ones above).
  template <class Buffers> std::size_t read_some(const Buffers& buffers) {
    beast::error_code ec;
    return checked(read_some(buffers, ec), ec);
  }
  template <class Buffers> std::size_t write_some(const Buffers& buffers) {
    beast::error_code ec;
    return checked(write_some(buffers, ec), ec);
  }

private:
  static std::size_t checked(std::size_t n, const beast::error_code& ec) {
    if (ec) {
      throw boost::system::system_error(ec);
    }
    return n;
  }

  /// Runs a non-blocking read or write until it does not block, waiting in between.
  template <class Op> std::size_t transfer(short events, beast::error_code& ec, const Op& op) {
    for (;;) {
      const std::size_t n = op();
      if (ec != asio::error::would_block || !wait(events, ec)) {
        return n;
      }
    }
  }

  /// Waits until the socket is ready for `events`; false (ec set) at the deadline or on a
  /// poll failure.
  bool wait(short events, beast::error_code& ec) {
    for (;;) {
      const auto left = std::chrono::ceil<std::chrono::milliseconds>(*m_deadline - Clock::now());
      if (left.count() <= 0) {
        ec = beast::error::timeout;
        return false;
      }
      pollfd fd{m_socket->native_handle(), events, 0};
      const int ready = ::poll(&fd, 1, static_cast<int>(std::min<long long>(left.count(), 1 << 30)));
      if (ready > 0) {
        ec = {};
        return true;
      }
      if (ready < 0 && errno != EINTR) {
        ec = beast::error_code(errno, boost::system::system_category());
        return false;
      }
    }
  }

  tcp::socket* m_socket;
  const Clock::time_point* m_deadline;
  bool m_sent = false; ///< the last call wrote
};

/// One connection. Resolving and connecting run on its own io_context (so that the connect
/// timeout applies); everything after that is synchronous on a DeadlineStream.
struct HttpSession::Connection {
  asio::io_context io;
  std::optional<tcp::socket> socket;
  Clock::time_point deadline;
  std::optional<ssl::stream<DeadlineStream>> secure;
  beast::flat_buffer buffer;
  bool connected = false;

  DeadlineStream plain() { return DeadlineStream(*socket, deadline); }
  void expires_after(std::chrono::milliseconds timeout) { deadline = Clock::now() + timeout; }
};

namespace {

using Connection = HttpSession::Connection;

constexpr std::size_t k_initial_read_buffer = 16 * 1024;

/// Starts an asynchronous operation and runs the context until it and its timer are done.
template <class Initiate> beast::error_code run_op(asio::io_context& io, Initiate&& initiate) {
  beast::error_code result;
  initiate([&result](beast::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
}

TransportError failure(TransportError::Kind kind, bool sent, std::string message) {
  return TransportError{kind, sent, std::move(message)};
}

TransportError classify(const beast::error_code& ec, bool sent, const std::string& phase) {
  if (ec == beast::error::timeout) {
    return failure(TransportError::Kind::timeout, sent, phase + " timed out");
  }
  if (ec == http::error::body_limit || ec == http::error::header_limit ||
      ec == http::error::buffer_overflow) {
    return failure(TransportError::Kind::too_large, sent,
                   "response exceeds the size limit (" + ec.message() + ")");
  }
  return failure(sent ? TransportError::Kind::io : TransportError::Kind::connect, sent,
                 phase + ": " + ec.message());
}

/// A pooled connection the server has closed (or sent stray bytes on) is readable while
/// idle; reusing it would turn a harmless stale socket into a lost request.
bool is_stale(Connection& c) {
  pollfd fd{c.socket->native_handle(), POLLIN, 0};
  return ::poll(&fd, 1, 0) != 0;
}

void close_connection(Connection& c, bool graceful) {
  if (!c.socket) {
    return;
  }
  if (c.secure && graceful) {
    c.expires_after(std::chrono::milliseconds(500));
    // Errors are ignored on purpose: many servers close TCP without a TLS close_notify,
    // which surfaces as stream_truncated. That is harmless here because every response
    // was already delimited by Content-Length or chunked framing, so no truncated data
    // can be mistaken for a complete message.
    beast::error_code ignored;
    c.secure->shutdown(ignored);
  }
  beast::error_code ignored;
  c.socket->shutdown(tcp::socket::shutdown_both, ignored);
  c.socket->close(ignored);
  c.connected = false;
}

std::string host_header(const HttpSessionOptions& o) {
  std::string host = o.host.find(':') != std::string::npos ? "[" + o.host + "]" : o.host;
  const bool default_port = (o.tls && o.port == 443) || (!o.tls && o.port == 80);
  return default_port ? host : host + ":" + std::to_string(o.port);
}

/// Configures SNI and the identity the certificate must prove (name or IP address).
void set_peer_identity(SSL* handle, const std::string& host) {
  boost::system::error_code not_ip;
  (void)asio::ip::make_address(host, not_ip);
  if (not_ip) {
    SSL_set_tlsext_host_name(handle, host.c_str());
    SSL_set1_host(handle, host.c_str());
  } else {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(handle), host.c_str());
  }
}

std::string authority(const std::string& host, std::uint16_t port) {
  return (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" +
         std::to_string(port);
}

/// Asks the proxy for a tunnel to the API host (HTTP CONNECT). On success the connection is
/// a byte pipe to the API host and TLS runs end to end inside it; the proxy sees only the
/// host name and port.
Result<Unit, TransportError> open_tunnel(Connection& c, const HttpSessionOptions& o) {
  const Proxy& proxy = *o.proxy;
  const std::string target = authority(o.host, o.port);
  http::request<http::empty_body> req{http::verb::connect, target, 11};
  req.set(http::field::host, target);
  req.set(http::field::user_agent, o.user_agent);
  if (proxy.authorization) {
    req.set(http::field::proxy_authorization, proxy.authorization->reveal());
  }
  c.expires_after(o.connect_timeout);
  auto stream = c.plain();
  beast::error_code ec;
  http::write(stream, req, ec);
  if (ec) {
    return classify(ec, false, "send CONNECT to proxy " + proxy.display());
  }
  // A response to CONNECT has no body: whatever follows the header belongs to the tunnel.
  http::response_parser<http::empty_body> parser;
  parser.skip(true);
  parser.header_limit(16 * 1024);
  c.expires_after(o.connect_timeout);
  http::read_header(stream, c.buffer, parser, ec);
  if (ec) {
    return classify(ec, false, "read the CONNECT answer of proxy " + proxy.display());
  }
  const auto& response = parser.get();
  if (response.result_int() / 100 != 2) {
    std::string message = "proxy " + proxy.display() + " refused the tunnel to " + target +
                          ": HTTP " + std::to_string(response.result_int()) + " " +
                          std::string(response.reason());
    if (response.result() == http::status::proxy_authentication_required) {
      message += proxy.authorization ? " (check the user and password in HTTPS_PROXY)"
                                     : " (the proxy wants credentials: "
                                       "HTTPS_PROXY=http://USER:PASSWORD@HOST:PORT)";
    }
    return failure(TransportError::Kind::connect, false, message);
  }
  if (c.buffer.size() != 0) {
    return failure(TransportError::Kind::connect, false,
                   "proxy " + proxy.display() + " sent data before the tunnel was ready");
  }
  return Unit{};
}

Result<Unit, TransportError> open_connection(Connection& c, const HttpSessionOptions& o,
                                             ssl::context* tls) {
  tcp::resolver resolver(c.io);
  beast::error_code ec;
  const bool via_proxy = o.proxy.has_value() && tls != nullptr;
  const std::string& connect_host = via_proxy ? o.proxy->host : o.host;
  const std::uint16_t connect_port = via_proxy ? o.proxy->port : o.port;
  const std::string what = via_proxy ? "proxy " + o.proxy->display() : o.host;
  // The system resolver applies its own timeout; asio cannot interrupt getaddrinfo.
  const auto endpoints = resolver.resolve(connect_host, std::to_string(connect_port), ec);
  if (ec) {
    return failure(TransportError::Kind::connect, false, "resolve " + what + ": " + ec.message());
  }
  beast::tcp_stream connecting(c.io);
  connecting.expires_after(o.connect_timeout);
  ec = run_op(c.io, [&](auto handler) { connecting.async_connect(endpoints, std::move(handler)); });
  if (ec) {
    return classify(ec, false, via_proxy ? "connect to " + what : std::string("connect"));
  }
  c.socket.emplace(connecting.release_socket());
  // Room for a typical response from the start, so that one read takes it whole (a new
  // buffer would read 512 bytes first).
  c.buffer.reserve(k_initial_read_buffer);
  c.socket->non_blocking(true, ec);
  if (ec) {
    return classify(ec, false, "connect");
  }
  if (tls != nullptr) {
    c.secure.emplace(c.plain(), *tls);
    set_peer_identity(c.secure->native_handle(), o.host);
  }
  if (via_proxy) {
    if (auto tunnel = open_tunnel(c, o); !tunnel) {
      close_connection(c, false);
      return tunnel;
    }
  }
  if (c.secure) {
    c.expires_after(o.connect_timeout);
    c.secure->handshake(ssl::stream_base::client, ec);
    if (ec) {
      const long verify = SSL_get_verify_result(c.secure->native_handle());
      if (verify != X509_V_OK) {
        return failure(TransportError::Kind::tls, false,
                       std::string("TLS certificate verification failed: ") +
                           X509_verify_cert_error_string(verify));
      }
      return classify(ec, false, "TLS handshake");
    }
  }
  c.connected = true;
  return Unit{};
}

template <class Stream>
Result<HttpResponse, TransportError> exchange(Connection& c, Stream& stream,
                                              const HttpSessionOptions& o,
                                              const HttpRequest& request) {
  http::request<http::string_body> req;
  req.version(11);
  req.method_string(request.method);
  req.target(request.target);
  req.set(http::field::host, host_header(o));
  req.set(http::field::user_agent, o.user_agent);
  req.set(http::field::accept, "application/json");
  for (const auto& [name, value] : request.headers) {
    req.set(name, value);
  }
  if (!request.body.empty()) {
    req.set(http::field::content_type, "application/json");
    req.body() = request.body;
  }
  req.keep_alive(true);
  req.prepare_payload();

  c.expires_after(o.read_timeout);
  beast::error_code ec;
  http::write(stream, req, ec);
  if (ec) {
    close_connection(c, false);
    return classify(ec, true, "send request");
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(static_cast<std::uint64_t>(o.max_response_bytes));
  parser.header_limit(64 * 1024);
  http::read(stream, c.buffer, parser, ec);
  if (ec) {
    close_connection(c, false);
    return classify(ec, true, "read response");
  }
  auto response = parser.release();
  HttpResponse out;
  out.status = static_cast<int>(response.result_int());
  out.body = std::move(response.body());
  if (auto it = response.find(http::field::retry_after); it != response.end()) {
    out.retry_after = std::string(it->value());
  }
  if (!response.keep_alive() || c.buffer.size() != 0) {
    close_connection(c, true);
  }
  return out;
}

} // namespace

Result<std::unique_ptr<HttpSession>> HttpSession::create(const HttpSessionOptions& options) {
  std::unique_ptr<HttpSession> session(new HttpSession(options));
  if (options.tls) {
    session->m_tls = std::make_unique<TlsContext>();
    auto& context = session->m_tls->context;
    SSL_CTX_set_min_proto_version(context.native_handle(), TLS1_2_VERSION);
    context.set_verify_mode(ssl::verify_peer);
    boost::system::error_code ec;
    if (!options.ca_file.empty()) {
      context.load_verify_file(options.ca_file, ec);
      if (ec) {
        return Error{"cannot load CA file '" + options.ca_file + "': " + ec.message()};
      }
    } else {
      context.set_default_verify_paths(ec);
      if (ec) {
        return Error{"cannot load the system CA certificates: " + ec.message()};
      }
    }
  }
  return session;
}

HttpSession::HttpSession(HttpSessionOptions options) : m_options(std::move(options)) {
  if (m_options.max_connections < 1) {
    m_options.max_connections = 1;
  }
}

HttpSession::~HttpSession() = default;

std::unique_ptr<HttpSession::Connection> HttpSession::acquire() {
  std::unique_lock lock(m_mutex);
  m_available.wait(lock, [this] { return !m_idle.empty() || m_live < m_options.max_connections; });
  if (!m_idle.empty()) {
    auto connection = std::move(m_idle.back());
    m_idle.pop_back();
    return connection;
  }
  ++m_live;
  return std::make_unique<Connection>();
}

void HttpSession::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(m_mutex);
    if (connection->connected) {
      m_idle.push_back(std::move(connection));
    } else {
      --m_live;
    }
  }
  m_available.notify_one();
}

Result<HttpResponse, TransportError> HttpSession::send(const HttpRequest& request) {
  auto connection = acquire();
  if (connection->connected && is_stale(*connection)) {
    close_connection(*connection, false);
  }
  if (!connection->connected) {
    connection = std::make_unique<Connection>();
    ++m_opened;
    auto opened = open_connection(*connection, m_options, m_tls ? &m_tls->context : nullptr);
    if (!opened) {
      release(std::move(connection));
      return std::move(opened).error();
    }
  }
  auto plain = connection->plain();
  auto result = connection->secure
                    ? exchange(*connection, *connection->secure, m_options, request)
                    : exchange(*connection, plain, m_options, request);
  release(std::move(connection));
  return result;
}

} // namespace aigw::cloudflare
