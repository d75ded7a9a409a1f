// emulator_bench: times writes to `aigw emulator --state` and prints the figures. Built with
// the tests, never run by ctest: `build/bench/emulator_bench [writes] [connections]`
// (defaults 10000 and 4). It starts the emulator (the aigw binary built beside it) on a free
// loopback port with a state file in a temporary directory, creates `writes` objects over
// keep-alive connections (gateways, then datasets in one gateway, so both a long gateway
// list and a large gateway are exercised), restarts the emulator to check that everything
// was persisted, and prints writes per second.

#include "support/emulator_process.h"
#include "support/process.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Clock = std::chrono::steady_clock;

const std::string k_base = "/client/v4/accounts/bench/ai-gateway";
const std::string k_gateway_fields = R"("cache_invalidate_on_update":false,"cache_ttl":0,)"
                                     R"("collect_logs":true,"rate_limiting_interval":0,)"
                                     R"("rate_limiting_limit":0)";

class Connection {
public:
  Connection(const std::string& host, unsigned short port) : m_socket(m_io) {
    m_socket.connect({asio::ip::make_address(host), port});
  }
  int send(const std::string& method, const std::string& target, const std::string& body) {
    http::request<http::string_body> request{http::string_to_verb(method), target, 11};
    request.set(http::field::host, "bench");
    request.set(http::field::authorization, "Bearer bench-token");
    request.set(http::field::content_type, "application/json");
    request.body() = body;
    request.prepare_payload();
    http::write(m_socket, request);
    http::response<http::string_body> response;
    http::read(m_socket, m_buffer, response);
    return static_cast<int>(response.result_int());
  }

private:
  asio::io_context m_io;
  asio::ip::tcp::socket m_socket;
  beast::flat_buffer m_buffer;
};

std::string body_of(int i, int gateways) {
  if (i < gateways) {
    return R"({"id":"gw-)" + std::to_string(i) + R"(",)" + k_gateway_fields + "}";
  }
  return R"({"name":"dataset-)" + std::to_string(i) +
         R"(","enable":true,"filters":[{"key":"model","operator":"eq","value":["m"]}]})";
}

} // namespace

int main(int argc, char** argv) {
  const int writes = argc > 1 ? std::atoi(argv[1]) : 10000;
  const int connections = argc > 2 ? std::max(1, std::atoi(argv[2])) : 4;
  const int gateways = writes / 2;
  aigw::test::TempDir dir;
  const std::string state = dir.path() + "/state.json";
  std::atomic<int> failures{0};
  double seconds = 0;
  {
    aigw::test::EmulatorProcess emulator({"--state", state});
    // The gateway the datasets go into, first.
    Connection(emulator.host(), emulator.port())
        .send("POST", k_base + "/gateways", R"({"id":"big",)" + k_gateway_fields + "}");
    const auto start = Clock::now();
    std::atomic<int> next{0};
    std::vector<std::thread> threads;
    for (int c = 0; c < connections; ++c) {
      threads.emplace_back([&] {
        Connection connection(emulator.host(), emulator.port());
        for (int i = next++; i < writes; i = next++) {
          const std::string target =
              i < gateways ? k_base + "/gateways" : k_base + "/gateways/big/datasets";
          if (connection.send("POST", target, body_of(i, gateways)) != 200) {
            ++failures;
          }
        }
      });
    }
    for (auto& thread : threads) {
      thread.join();
    }
    seconds = std::chrono::duration<double>(Clock::now() - start).count();
    emulator.stop();
  }
  aigw::test::EmulatorProcess restarted({"--state", state});
  Connection check(restarted.host(), restarted.port());
  const bool kept = check.send("GET", k_base + "/gateways/gw-" + std::to_string(gateways - 1), "") == 200;
  std::printf("emulator --state: %d writes (%d gateways, %d datasets in one gateway) over %d "
              "connections in %.2f s: %.0f writes/s, %.3f ms each; failures %d; state kept "
              "after restart: %s\n",
              writes, gateways, writes - gateways, connections, seconds, writes / seconds,
              1000.0 * seconds / writes, failures.load(), kept ? "yes" : "no");
  return failures == 0 && kept ? 0 : 1;
}
