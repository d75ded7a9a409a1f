// MetricsServer on a real loopback socket: routes, statuses, content type, bad addresses,
// and a prompt stop.

#include "service/metrics_server.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

namespace aigw::service {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

http::response<http::string_body> request(const std::string& address, http::verb verb,
                                          const std::string& target) {
  asio::io_context io;
  const auto colon = address.rfind(':');
  asio::ip::tcp::socket socket(io);
  socket.connect({asio::ip::make_address(address.substr(0, colon)),
                  static_cast<unsigned short>(std::stoi(address.substr(colon + 1)))});
  http::request<http::string_body> req{verb, target, 11};
  req.set(http::field::host, address);
  http::write(socket, req);
  beast::flat_buffer buffer;
  http::response<http::string_body> res;
  http::read(socket, buffer, res);
  return res;
}

std::unique_ptr<MetricsServer> start(std::atomic<bool>& healthy) {
  auto server = MetricsServer::start(
      "127.0.0.1:0",
      {[] { return std::string("aigw_up 1\n"); },
       [&healthy] { return std::pair<bool, std::string>(healthy.load(), "reason"); }});
  EXPECT_TRUE(server.ok()) << (server.ok() ? "" : server.error().message);
  return server.ok() ? std::move(server.value()) : nullptr;
}

TEST(MetricsServer, ServesMetricsHealthAndNotFound) {
  std::atomic<bool> healthy{false};
  auto server = start(healthy);
  ASSERT_TRUE(server);
  EXPECT_EQ(server->address().rfind("127.0.0.1:", 0), 0u);
  EXPECT_NE(server->address(), "127.0.0.1:0");

  const auto metrics = request(server->address(), http::verb::get, "/metrics");
  EXPECT_EQ(metrics.result_int(), 200);
  EXPECT_EQ(metrics.body(), "aigw_up 1\n");
  EXPECT_EQ(metrics[http::field::content_type], "text/plain; version=0.0.4; charset=utf-8");

  EXPECT_EQ(request(server->address(), http::verb::get, "/healthz").result_int(), 503);
  healthy = true;
  const auto health = request(server->address(), http::verb::get, "/healthz?verbose=1");
  EXPECT_EQ(health.result_int(), 200);
  EXPECT_EQ(health.body(), "reason\n");

  EXPECT_EQ(request(server->address(), http::verb::get, "/other").result_int(), 404);
  EXPECT_EQ(request(server->address(), http::verb::post, "/metrics").result_int(), 405);
}

TEST(MetricsServer, StopsPromptlyAndTwice) {
  std::atomic<bool> healthy{true};
  auto server = start(healthy);
  ASSERT_TRUE(server);
  const auto started = std::chrono::steady_clock::now();
  server->stop();
  server->stop();
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(2));
}

TEST(MetricsServer, RefusesBadAddresses) {
  for (const auto& [address, message] : std::vector<std::pair<std::string, std::string>>{
           {"9090", "invalid --metrics-addr '9090': expected HOST:PORT"},
           {"127.0.0.1:", "invalid --metrics-addr '127.0.0.1:': expected HOST:PORT"},
           {"127.0.0.1:99999", "invalid --metrics-addr '127.0.0.1:99999': the port must be 0..65535"},
           {"example.com:9090",
            "invalid --metrics-addr 'example.com:9090': 'example.com' is not an IP address"}}) {
    const auto server = MetricsServer::start(address, {[] { return std::string(); },
                                                       [] { return std::pair(true, std::string()); }});
    ASSERT_FALSE(server.ok()) << address;
    EXPECT_EQ(server.error().message, message);
  }
}

TEST(MetricsServer, APortInUseIsAClearError) {
  std::atomic<bool> healthy{true};
  auto first = start(healthy);
  ASSERT_TRUE(first);
  const auto second = MetricsServer::start(first->address(), {[] { return std::string(); },
                                                              [] { return std::pair(true, std::string()); }});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().message.rfind("cannot listen on " + first->address() + ": ", 0), 0u)
      << second.error().message;
}

} // namespace
} // namespace aigw::service
