#include "cloudflare/http_connection.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>

#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include <algorithm>
#include <cerrno>

namespace aigw::cloudflare {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

std::size_t DeadlineStream::checked(std::size_t n, const error_code& ec) {
  if (ec) {
    throw boost::system::system_error(ec);
  }
  return n;
}

bool DeadlineStream::wait(short events, error_code& ec) {
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
      ec = error_code(errno, boost::system::system_category());
      return false;
    }
  }
}

namespace wire {
namespace {

constexpr std::size_t k_initial_read_buffer = 16 * 1024;

/// Starts an asynchronous operation and runs the context until it and its timer are done.
template <class Initiate> beast::error_code run_op(asio::io_context& io, Initiate&& initiate) {
  beast::error_code result;
  initiate([&result](beast::error_code ec, auto&&...) { result = ec; });
  io.restart();
  io.run();
  return result;
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

/// Runs f on the connection's stream: TLS, or the plain socket.
template <class F> auto with_stream(Connection& c, F&& f) {
  if (c.secure) {
    return f(*c.secure);
  }
  auto plain = c.plain();
  return f(plain);
}

} // namespace

TransportError failure(TransportError::Kind kind, bool sent, std::string message) {
  return TransportError{kind, sent, std::move(message)};
}

Result<Unit, TransportError> open(Connection& c, const HttpSessionOptions& o, ssl::context* tls) {
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
      close(c, false);
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

bool is_stale(Connection& c) {
  pollfd fd{c.socket->native_handle(), POLLIN, 0};
  return ::poll(&fd, 1, 0) != 0;
}

void close(Connection& c, bool graceful) {
  if (!c.socket) {
    return;
  }
  if (c.secure && graceful) {
    c.expires_after(std::chrono::milliseconds(500));
    c.secure->next_layer().set_read_waits(true);
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

Result<Unit, TransportError> write_request(Connection& c, const HttpSessionOptions& o,
                                           const HttpRequest& request) {
  const std::string text = request_text(o, request);
  c.expires_after(o.read_timeout);
  beast::error_code ec;
  with_stream(c, [&](auto& stream) { asio::write(stream, asio::buffer(text), ec); });
  if (ec) {
    close(c, false);
    return classify(ec, true, "send request");
  }
  return Unit{};
}

HttpResponse take_response(Connection& c, ResponseReader& reader, bool graceful) {
  const bool reusable = reader.keep_alive() && c.buffer.size() == 0;
  HttpResponse out = reader.release();
  if (!reusable) {
    close(c, graceful);
  }
  return out;
}

Result<HttpResponse, TransportError> exchange(Connection& c, const HttpSessionOptions& o,
                                              const HttpRequest& request) {
  const std::string text = request_text(o, request);
  c.expires_after(o.read_timeout);
  ResponseReader reader(o.max_response_bytes);
  beast::error_code ec;
  bool sent = false;
  // One stream for both: a plain stream that has just written waits before its first read.
  with_stream(c, [&](auto& stream) {
    asio::write(stream, asio::buffer(text), ec);
    if (!ec) {
      sent = true;
      http::read(stream, c.buffer, reader, ec);
    }
  });
  if (ec) {
    close(c, false);
    return classify(ec, true, sent ? "read response" : "send request");
  }
  return take_response(c, reader, true);
}

Progress read_available(Connection& c, ResponseReader& reader, TransportError& error) {
  if (c.secure) {
    c.secure->next_layer().set_read_waits(false);
  }
  beast::error_code ec;
  with_stream(c, [&](auto& stream) {
    if constexpr (std::is_same_v<std::decay_t<decltype(stream)>, DeadlineStream>) {
      stream.set_read_waits(false);
    }
    // Each read_some parses what the buffer holds and reads once more when that was not
    // enough, so each call makes progress or fails: the loop ends at a complete response,
    // a read that would block, or an error (the size limits bound it). It must not stop
    // earlier: TLS may hold decrypted bytes that no epoll event would announce.
    while (!reader.is_done() && !ec) {
      http::read_some(stream, c.buffer, reader, ec);
    }
  });
  if (c.secure) {
    c.secure->next_layer().set_read_waits(true);
  }
  if (ec == asio::error::would_block || (!ec && !reader.is_done())) {
    return Progress::incomplete;
  }
  if (ec) {
    close(c, false);
    error = classify(ec, true, "read response");
    return Progress::failed;
  }
  return Progress::done;
}

} // namespace wire
} // namespace aigw::cloudflare
