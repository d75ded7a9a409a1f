#include "http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/write.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <array>
#include <cctype>
#include <sys/socket.h>
#include <sys/time.h>

namespace aigw::test {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

std::map<std::string, std::string> bearer_auth() {
  return {{"Authorization", "Bearer test-token-123"}};
}

struct HttpConnection::Impl {
  asio::io_context io;
  tcp::socket socket{io};
  beast::flat_buffer buffer;
};

HttpConnection::HttpConnection(const std::string& host, unsigned short port) : m_impl(new Impl) {
  m_impl->socket.connect(tcp::endpoint(asio::ip::make_address(host), port));
  // Bounded: a test never waits more than 30 s for an answer.
  const timeval limit{30, 0};
  ::setsockopt(m_impl->socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
}

HttpConnection::~HttpConnection() {
  beast::error_code ec;
  m_impl->socket.shutdown(tcp::socket::shutdown_both, ec);
  delete m_impl;
}

HttpResult HttpConnection::send(const std::string& method, const std::string& target,
                                const std::string& body,
                                const std::map<std::string, std::string>& headers) {
  http::request<http::string_body> request{http::string_to_verb(method), target, 11};
  request.set(http::field::host, "127.0.0.1");
  for (const auto& [name, value] : headers) {
    request.set(name, value);
  }
  if (!body.empty()) {
    request.set(http::field::content_type, "application/json");
    request.body() = body;
  }
  request.keep_alive(true);
  request.prepare_payload();
  beast::error_code ec;
  http::write(m_impl->socket, request, ec);
  HttpResult result;
  if (ec) {
    return result;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(m_impl->socket, m_impl->buffer, parser, ec);
  if (ec) {
    return result;
  }
  const auto& response = parser.get();
  result.status = static_cast<int>(response.result_int());
  result.body = response.body();
  for (const auto& field : response) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    result.headers[name] = std::string(field.value());
  }
  return result;
}

HttpResult http_request(const std::string& host, unsigned short port, const std::string& method,
                        const std::string& target, const std::string& body,
                        const std::map<std::string, std::string>& headers) {
  HttpConnection connection(host, port);
  return connection.send(method, target, body, headers);
}

std::string raw_exchange(const std::string& host, unsigned short port, const std::string& bytes) {
  asio::io_context io;
  tcp::socket socket(io);
  socket.connect(tcp::endpoint(asio::ip::make_address(host), port));
  const timeval limit{30, 0};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  beast::error_code ec;
  asio::write(socket, asio::buffer(bytes), ec);
  std::string received;
  std::array<char, 4096> chunk{};
  while (!ec) {
    const std::size_t n = socket.read_some(asio::buffer(chunk), ec);
    received.append(chunk.data(), n);
  }
  return received;
}

} // namespace aigw::test
