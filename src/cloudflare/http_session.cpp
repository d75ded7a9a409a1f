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
#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>
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
  /// The caller saw the socket readable: the next read need not wait first.
  void readable() { m_sent = false; }
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

/// The request's bytes: request line, headers and body (HTTP/1.1, keep-alive by default).
std::string request_text(const HttpSessionOptions& o, const HttpRequest& request) {
  std::string text;
  text.reserve(192 + request.target.size() + request.body.size());
  text.append(request.method).append(" ").append(request.target).append(" HTTP/1.1\r\n");
  text.append("Host: ").append(host_header(o)).append("\r\n");
  text.append("User-Agent: ").append(o.user_agent).append("\r\n");
  text.append("Accept: application/json\r\n");
  for (const auto& [name, value] : request.headers) {
    text.append(name).append(": ").append(value).append("\r\n");
  }
  const bool may_have_body = request.method != "GET" && request.method != "HEAD" &&
                             request.method != "DELETE" && request.method != "OPTIONS";
  if (!request.body.empty()) {
    text.append("Content-Type: application/json\r\n");
  }
  if (!request.body.empty() || may_have_body) {
    text.append("Content-Length: ").append(std::to_string(request.body.size())).append("\r\n");
  }
  text.append("\r\n").append(request.body);
  return text;
}

/// Writes the request and starts its read deadline; on failure the connection is closed.
template <class Stream>
Result<Unit, TransportError> write_request(Connection& c, Stream& stream,
                                           const HttpSessionOptions& o, const HttpRequest& request) {
  const std::string text = request_text(o, request);
  c.expires_after(o.read_timeout);
  beast::error_code ec;
  asio::write(stream, asio::buffer(text), ec);
  if (ec) {
    close_connection(c, false);
    return classify(ec, true, "send request");
  }
  return Unit{};
}

/// Reads the whole response (waiting for what has not arrived yet, up to the deadline);
/// closes the connection on failure or when it cannot be reused.
template <class Stream>
Result<HttpResponse, TransportError> read_response(Connection& c, Stream& stream,
                                                   const HttpSessionOptions& o) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(static_cast<std::uint64_t>(o.max_response_bytes));
  parser.header_limit(64 * 1024);
  beast::error_code ec;
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

template <class Stream>
Result<HttpResponse, TransportError> exchange(Connection& c, Stream& stream,
                                              const HttpSessionOptions& o,
                                              const HttpRequest& request) {
  if (auto written = write_request(c, stream, o, request); !written) {
    return std::move(written).error();
  }
  return read_response(c, stream, o);
}

/// Runs f on the connection's stream: TLS, or the plain socket.
template <class F> auto with_stream(Connection& c, F&& f) {
  if (c.secure) {
    return f(*c.secure);
  }
  auto plain = c.plain();
  return f(plain);
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

std::unique_ptr<HttpSession::Connection> HttpSession::try_acquire() {
  std::lock_guard lock(m_mutex);
  if (!m_idle.empty()) {
    auto connection = std::move(m_idle.back());
    m_idle.pop_back();
    return connection;
  }
  if (m_live < m_options.max_connections) {
    ++m_live;
    return std::make_unique<Connection>();
  }
  return nullptr;
}

Result<Unit, TransportError> HttpSession::ready(std::unique_ptr<Connection>& connection) {
  if (connection->connected && is_stale(*connection)) {
    close_connection(*connection, false);
  }
  if (connection->connected) {
    return Unit{};
  }
  connection = std::make_unique<Connection>();
  ++m_opened;
  return open_connection(*connection, m_options, m_tls ? &m_tls->context : nullptr);
}

Result<HttpResponse, TransportError> HttpSession::send(const HttpRequest& request) {
  auto connection = acquire();
  if (auto opened = ready(connection); !opened) {
    release(std::move(connection));
    return std::move(opened).error();
  }
  auto result = with_stream(*connection, [&](auto& stream) {
    return exchange(*connection, stream, m_options, request);
  });
  release(std::move(connection));
  return result;
}

namespace {

/// An epoll instance, closed when it goes out of scope.
struct EpollSet {
  int fd = ::epoll_create1(EPOLL_CLOEXEC);
  EpollSet() = default;
  EpollSet(const EpollSet&) = delete;
  EpollSet& operator=(const EpollSet&) = delete;
  ~EpollSet() {
    if (fd >= 0) {
      ::close(fd);
    }
  }
  bool add(int socket, std::uint64_t tag) const {
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = tag;
    return ::epoll_ctl(fd, EPOLL_CTL_ADD, socket, &event) == 0;
  }
  void remove(int socket) const { ::epoll_ctl(fd, EPOLL_CTL_DEL, socket, nullptr); }
};

} // namespace

namespace {

/// Runs a function when the scope ends, however it ends.
template <class F> struct ScopeExit {
  F f;
  explicit ScopeExit(F fn) : f(std::move(fn)) {}
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;
  ~ScopeExit() { f(); }
};

} // namespace

void HttpSession::exchange_many(ExchangeSource& source) {
  struct Flight {
    std::unique_ptr<Connection> connection;
    std::uint64_t tag = 0;
    const HttpRequest* request = nullptr;
  };
  const EpollSet epoll;
  if (epoll.fd < 0) {
    // No epoll (file descriptors exhausted): one request at a time on this thread.
    for (auto wake_at = Clock::time_point::max(); !source.drained();
         wake_at = Clock::time_point::max()) {
      if (!source.has_ready(wake_at)) {
        std::this_thread::sleep_until(std::min(wake_at, Clock::now() + std::chrono::milliseconds(10)));
        continue;
      }
      std::uint64_t tag = 0;
      const HttpRequest& request = source.next(tag);
      source.answered(tag, send(request));
    }
    return;
  }
  const auto limit = static_cast<std::size_t>(m_options.max_connections);
  std::vector<Flight> flights;  // sent, waiting for the answer (registered in epoll)
  std::vector<Flight> starting; // taken from the source, not sent yet
  std::vector<epoll_event> events(limit + 1);
  // Should a completion throw, the connections still held go back to the pool, closed.
  const ScopeExit give_back([&] {
    for (auto* held : {&flights, &starting}) {
      for (auto& flight : *held) {
        if (flight.connection) {
          close_connection(*flight.connection, false);
          release(std::move(flight.connection));
        }
      }
    }
  });
  constexpr std::uint64_t k_wake_tag = ~std::uint64_t{0};
  if (source.wake_fd() >= 0) {
    epoll.add(source.wake_fd(), k_wake_tag);
  }
  const auto fail = [&](Flight& flight, TransportError error) {
    release(std::move(flight.connection));
    source.answered(flight.tag, std::move(error));
  };
  for (;;) {
    auto wake_at = Clock::time_point::max();
    // Take every ready request a connection is free for. The first waits for a connection
    // (other threads may hold them all); the rest take only what is free now.
    while (flights.size() + starting.size() < limit && source.has_ready(wake_at)) {
      auto connection = flights.empty() && starting.empty() ? acquire() : try_acquire();
      if (!connection) {
        break;
      }
      Flight flight{std::move(connection)};
      flight.request = &source.next(flight.tag);
      starting.push_back(std::move(flight));
    }
    // Opening a connection takes round trips (TCP, proxy, TLS): open the new ones together.
    std::vector<std::optional<Result<Unit, TransportError>>> opened(starting.size());
    {
      std::vector<std::jthread> openers;
      for (std::size_t i = 0; i < starting.size(); ++i) {
        if (starting[i].connection->connected && !is_stale(*starting[i].connection)) {
          opened[i] = Unit{};
        } else {
          openers.emplace_back([&, i] { opened[i] = ready(starting[i].connection); });
        }
      }
    }
    for (std::size_t i = 0; i < starting.size(); ++i) {
      auto& flight = starting[i];
      if (!opened[i]->ok()) {
        fail(flight, std::move(*opened[i]).error());
        continue;
      }
      Connection& c = *flight.connection;
      auto written = with_stream(c, [&](auto& stream) {
        return write_request(c, stream, m_options, *flight.request);
      });
      if (!written) {
        fail(flight, std::move(written).error());
        continue;
      }
      if (!epoll.add(c.socket->native_handle(), flight.tag)) {
        const std::string message = std::string("epoll: ") + std::strerror(errno);
        close_connection(c, false);
        fail(flight, failure(TransportError::Kind::io, true, message));
        continue;
      }
      flights.push_back(std::move(flight));
    }
    starting.clear();
    if (flights.empty() && source.drained()) {
      return;
    }
    // Wait for the first answers, a deadline, a waiting request to become ready or another
    // thread's wake-up (the source is asked again at least every second).
    auto until = wake_at;
    for (const auto& flight : flights) {
      until = std::min(until, flight.connection->deadline);
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
    const int timeout = static_cast<int>(std::clamp<long long>(left, 0, 1000));
    const int ready_count = ::epoll_wait(epoll.fd, events.data(), static_cast<int>(events.size()), timeout);
    for (int e = 0; e < ready_count; ++e) {
      if (events[static_cast<std::size_t>(e)].data.u64 == k_wake_tag) {
        std::uint64_t count = 0;
        (void)!::read(source.wake_fd(), &count, sizeof count);
        continue;
      }
      const auto found = std::find_if(flights.begin(), flights.end(), [&](const Flight& f) {
        return f.tag == events[static_cast<std::size_t>(e)].data.u64;
      });
      if (found == flights.end()) {
        continue;
      }
      Flight flight = std::move(*found);
      *found = std::move(flights.back());
      flights.pop_back();
      Connection& c = *flight.connection;
      epoll.remove(c.socket->native_handle());
      if (c.secure) {
        c.secure->next_layer().readable();
      }
      auto response = with_stream(c, [&](auto& stream) { return read_response(c, stream, m_options); });
      release(std::move(flight.connection));
      source.answered(flight.tag, std::move(response));
    }
    if (ready_count < 0 && errno != EINTR) {
      const std::string message = std::string("epoll_wait: ") + std::strerror(errno);
      for (auto& flight : flights) {
        close_connection(*flight.connection, false);
        fail(flight, failure(TransportError::Kind::io, true, message));
      }
      flights.clear();
      continue;
    }
    const auto now = Clock::now();
    for (std::size_t i = 0; i < flights.size();) {
      Connection& c = *flights[i].connection;
      if (now < c.deadline) {
        ++i;
        continue;
      }
      epoll.remove(c.socket->native_handle());
      close_connection(c, false);
      Flight flight = std::move(flights[i]);
      flights[i] = std::move(flights.back());
      flights.pop_back();
      fail(flight, failure(TransportError::Kind::timeout, true, "read response timed out"));
    }
  }
}

} // namespace aigw::cloudflare
