#include "service/metrics_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>

namespace aigw::service {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr int k_socket_timeout_seconds = 5;
constexpr std::size_t k_max_request_bytes = 16 * 1024;

void set_timeouts(int fd) {
  timeval tv{};
  tv.tv_sec = k_socket_timeout_seconds;
  ::setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
  ::setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
}

http::response<http::string_body> respond(const http::request<http::string_body>& request,
                                          const MetricsHandlers& handlers) {
  http::response<http::string_body> response;
  response.version(request.version());
  response.keep_alive(false);
  response.set(http::field::server, "aigw");
  const auto target = std::string(request.target());
  const auto path = target.substr(0, target.find('?'));
  response.set(http::field::content_type, "text/plain; charset=utf-8");
  if (request.method() != http::verb::get && request.method() != http::verb::head) {
    response.result(http::status::method_not_allowed);
    response.set(http::field::allow, "GET, HEAD");
    response.body() = "only GET\n";
  } else if (path == "/metrics") {
    response.result(http::status::ok);
    response.set(http::field::content_type, "text/plain; version=0.0.4; charset=utf-8");
    response.body() = handlers.metrics();
  } else if (path == "/healthz") {
    const auto [healthy, reason] = handlers.health();
    response.result(healthy ? http::status::ok : http::status::service_unavailable);
    response.body() = reason + "\n";
  } else {
    response.result(http::status::not_found);
    response.body() = "not found: try /metrics or /healthz\n";
  }
  if (request.method() == http::verb::head) {
    response.content_length(response.body().size());
    response.body().clear();
  } else {
    response.prepare_payload();
  }
  return response;
}

} // namespace

struct MetricsServer::Impl {
  asio::io_context io;
  tcp::acceptor acceptor{io};
  MetricsHandlers handlers;
  std::string address;
  std::atomic<bool> stopping{false};
  std::thread thread;

  void serve_one(tcp::socket socket) {
    set_timeouts(socket.native_handle());
    beast::flat_buffer buffer(k_max_request_bytes);
    http::request_parser<http::string_body> parser;
    parser.body_limit(k_max_request_bytes);
    parser.header_limit(k_max_request_bytes);
    beast::error_code ec;
    http::read(socket, buffer, parser, ec);
    if (ec) {
      return; // a client that sends nothing useful gets nothing
    }
    auto response = respond(parser.get(), handlers);
    http::write(socket, response, ec);
    socket.shutdown(tcp::socket::shutdown_both, ec);
  }

  void run() {
    while (!stopping.load()) {
      beast::error_code ec;
      tcp::socket socket(io);
      acceptor.accept(socket, ec);
      if (ec) {
        if (stopping.load()) {
          return;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(50)); // e.g. EMFILE: back off
        continue;
      }
      serve_one(std::move(socket));
    }
  }
};

MetricsServer::MetricsServer(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

MetricsServer::~MetricsServer() { stop(); }

const std::string& MetricsServer::address() const { return m_impl->address; }

Result<std::unique_ptr<MetricsServer>> MetricsServer::start(const std::string& host_port,
                                                            MetricsHandlers handlers) {
  const auto colon = host_port.rfind(':');
  if (colon == std::string::npos || colon + 1 == host_port.size()) {
    return Error{"invalid --metrics-addr '" + host_port + "': expected HOST:PORT"};
  }
  std::string host = host_port.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  const std::string port_text = host_port.substr(colon + 1);
  unsigned long port = 0;
  try {
    std::size_t used = 0;
    port = std::stoul(port_text, &used);
    if (used != port_text.size() || port > 65535) {
      throw std::out_of_range(port_text);
    }
  } catch (const std::exception&) {
    return Error{"invalid --metrics-addr '" + host_port + "': the port must be 0..65535"};
  }
  beast::error_code ec;
  const auto ip = asio::ip::make_address(host.empty() ? "0.0.0.0" : host, ec);
  if (ec) {
    return Error{"invalid --metrics-addr '" + host_port + "': '" + host +
                 "' is not an IP address"};
  }
  auto impl = std::make_unique<Impl>();
  impl->handlers = std::move(handlers);
  const tcp::endpoint endpoint(ip, static_cast<unsigned short>(port));
  impl->acceptor.open(endpoint.protocol(), ec);
  if (!ec) {
    impl->acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    impl->acceptor.bind(endpoint, ec);
  }
  if (!ec) {
    impl->acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    return Error{"cannot listen on " + host_port + ": " + ec.message()};
  }
  const auto bound = impl->acceptor.local_endpoint(ec);
  const std::string shown = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                    : bound.address().to_string();
  impl->address = shown + ":" + std::to_string(bound.port());
  auto* raw = impl.get();
  impl->thread = std::thread([raw] { raw->run(); });
  return std::unique_ptr<MetricsServer>(new MetricsServer(std::move(impl)));
}

void MetricsServer::stop() {
  if (!m_impl || m_impl->stopping.exchange(true)) {
    return;
  }
  // Unblocks the accept in the server thread (Linux returns EINVAL from a shut-down
  // listening socket); closing it from this thread while accept runs would be a race.
  ::shutdown(m_impl->acceptor.native_handle(), SHUT_RDWR);
  if (m_impl->thread.joinable()) {
    m_impl->thread.join();
  }
  beast::error_code ec;
  m_impl->acceptor.close(ec);
}

} // namespace aigw::service
