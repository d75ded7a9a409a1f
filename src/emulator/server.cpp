// The Beast accept/read/write loop: an asio acceptor and signal set on the main thread, one
// thread per connection doing synchronous keep-alive HTTP/1.1 (bounded in number), and
// nothing else: every decision is made by Service.

#include "emulator/emulator_options.h"
#include "emulator/envelope.h"
#include "emulator/service.h"
#include "emulator/state_file.h"
#include "emulator/traffic_generator.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <condition_variable>
#include <csignal>
#include <iostream>
#include <memory>
#include <optional>
#include <set>
#include <sys/socket.h>
#include <sys/time.h>
#include <thread>

namespace aigw::emulator {
namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

namespace {

constexpr std::size_t k_max_connections = 512;
// A connection may wait this long for the first byte of its next request (keep-alive idle).
constexpr std::chrono::seconds k_idle_timeout{15};
// From a request's first byte: its headers must be in within this, and its body within the
// next deadline. They bound the whole request, not the gap between bytes, so a client that
// trickles a byte at a time cannot hold a connection (and a thread) for long.
constexpr std::chrono::seconds k_header_deadline{10};
constexpr std::chrono::seconds k_request_deadline{30};
constexpr std::size_t k_max_drain_bytes = 16 * 1024 * 1024;

/// Live connections, so a shutdown can unblock their reads and wait for them.
class ConnectionSet {
public:
  bool add(int fd) {
    const std::lock_guard lock(m_mutex);
    if (m_stopping || m_fds.size() >= k_max_connections) {
      return false;
    }
    m_fds.insert(fd);
    return true;
  }
  void remove(int fd) {
    const std::lock_guard lock(m_mutex);
    m_fds.erase(fd);
    m_changed.notify_all();
  }
  /// Shuts every connection down and waits (bounded) for their threads to finish.
  void stop_all(std::chrono::seconds limit) {
    std::unique_lock lock(m_mutex);
    m_stopping = true;
    for (const int fd : m_fds) {
      ::shutdown(fd, SHUT_RDWR);
    }
    m_changed.wait_for(lock, limit, [this] { return m_fds.empty(); });
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::set<int> m_fds;
  bool m_stopping = false;
};

struct ServerState {
  ServerState(Store store, const EmulatorOptions& options)
      : service(std::move(store), options), latency_ms(options.latency_ms),
        max_body_bytes(options.max_body_bytes) {}
  Service service;
  ConnectionSet connections;
  int latency_ms;
  std::size_t max_body_bytes;
};

// Square brackets are not allowed unencoded in a request target, but clients send them in
// query keys (`filters[0][key]=...`) and the API accepts them, so they are encoded first.
std::string with_brackets_encoded(std::string_view target) {
  std::string out;
  out.reserve(target.size());
  for (const char c : target) {
    out += c == '[' ? "%5B" : c == ']' ? "%5D" : std::string(1, c);
  }
  return out;
}

std::optional<Request> to_request(const http::request<http::string_body>& message) {
  const std::string target_text = with_brackets_encoded(message.target());
  auto target = boost::urls::parse_origin_form(target_text);
  if (!target) {
    return std::nullopt;
  }
  Request request{.method = std::string(message.method_string()),
                  .path = std::string(target->encoded_path())};
  for (const auto& param : target->params()) {
    request.query.emplace_back(param.key, param.value);
  }
  for (const auto& field : message) {
    std::string name(field.name_string());
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    request.headers[name] = std::string(field.value());
  }
  request.body = message.body();
  return request;
}

void write_head_response(tcp::socket& socket, const Response& response, unsigned version,
                         bool keep_alive, beast::error_code& ec) {
  http::response<http::empty_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "aigw-emulator");
  message.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : response.headers) {
    message.set(name, value);
  }
  message.keep_alive(keep_alive);
  message.content_length(response.body.size()); // the length a GET would have
  http::write(socket, message, ec);
}

void write_response(tcp::socket& socket, const Response& response, unsigned version,
                    bool keep_alive, beast::error_code& ec) {
  if (response.head_only) {
    write_head_response(socket, response, version, keep_alive, ec);
    return;
  }
  http::response<http::string_body> message{static_cast<http::status>(response.status), version};
  message.set(http::field::server, "aigw-emulator");
  message.set(http::field::content_type, "application/json");
  for (const auto& [name, value] : response.headers) {
    message.set(name, value);
  }
  message.body() = response.body;
  message.keep_alive(keep_alive);
  message.prepare_payload();
  http::write(socket, message, ec);
}

// Answers a request that could not be read (oversized or malformed), then closes politely:
// stop sending, and drain what the client still sends so the close is not a reset that
// would destroy the answer before the client reads it.
void reject_and_close(tcp::socket& socket, const ApiError& error, std::string_view what) {
  spdlog::info("{} {} 0ms", what, error.status);
  beast::error_code ec;
  write_response(socket, error_response(error), 11, false, ec);
  socket.shutdown(tcp::socket::shutdown_send, ec);
  std::array<char, 65536> sink{};
  std::size_t drained = 0;
  while (!ec && drained < k_max_drain_bytes) {
    drained += socket.read_some(asio::buffer(sink), ec);
  }
}

void log_request(const Request& request, std::string_view status,
                 std::chrono::steady_clock::time_point start) {
  const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                      std::chrono::steady_clock::now() - start)
                      .count();
  spdlog::info("{} {} {} {}ms", request.method, request.path, status, ms);
}

void set_receive_timeout(tcp::socket& socket, std::chrono::steady_clock::duration left) {
  const auto micros = std::max<std::int64_t>(
      1000, std::chrono::duration_cast<std::chrono::microseconds>(left).count());
  const timeval timeout{static_cast<time_t>(micros / 1'000'000),
                        static_cast<suseconds_t>(micros % 1'000'000)};
  ::setsockopt(socket.native_handle(), SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
}

// Reads one request within the idle timeout and the request deadlines (a timeout is
// reported as timed_out). The socket is read here, not by http::read, because Beast's read
// keeps reading until the header is complete, so a deadline checked between its calls would
// never fire for a client that trickles its headers a byte at a time.
void read_request(tcp::socket& socket, beast::flat_buffer& buffer,
                  http::request_parser<http::string_body>& parser, beast::error_code& ec) {
  using clock = std::chrono::steady_clock;
  constexpr std::size_t k_read_size = 16 * 1024;
  if (buffer.size() == 0) {
    set_receive_timeout(socket, k_idle_timeout);
    const std::size_t n = socket.read_some(buffer.prepare(k_read_size), ec);
    if (ec) {
      return;
    }
    buffer.commit(n);
  }
  const auto first_byte = clock::now();
  for (;;) {
    const std::size_t used = parser.put(buffer.data(), ec);
    buffer.consume(used);
    if (ec == http::error::need_more) {
      ec = {};
    } else if (ec || parser.is_done()) {
      return;
    } else if (used > 0 && buffer.size() > 0) {
      continue; // the header is in; parse the body bytes already buffered
    }
    const auto limit = first_byte + (parser.is_header_done() ? k_request_deadline : k_header_deadline);
    const auto left = limit - clock::now();
    if (left <= clock::duration::zero()) {
      ec = asio::error::timed_out;
      return;
    }
    set_receive_timeout(socket, left);
    const std::size_t n = socket.read_some(buffer.prepare(k_read_size), ec);
    if (ec == asio::error::eof) {
      parser.put_eof(ec);
      return;
    }
    if (ec) {
      return;
    }
    buffer.commit(n);
  }
}

void serve_connection(tcp::socket socket, ServerState& state) {
  beast::flat_buffer buffer;
  for (;;) {
    http::request_parser<http::string_body> parser;
    parser.body_limit(state.max_body_bytes);
    beast::error_code ec;
    read_request(socket, buffer, parser, ec);
    if (ec == http::error::body_limit) {
      const auto& header = parser.get();
      reject_and_close(socket, {413, codes::k_body_too_large, "request body too large"},
                       std::string(header.method_string()) + " " + std::string(header.target()));
      return;
    }
    if (ec == http::error::end_of_stream || ec == asio::error::connection_reset ||
        ec == asio::error::eof || ec == asio::error::would_block || ec == asio::error::timed_out ||
        ec == asio::error::operation_aborted || ec == asio::error::bad_descriptor) {
      return;
    }
    if (ec) {
      reject_and_close(socket, {400, codes::k_invalid_request, "malformed HTTP request"},
                       "(unparsable request)");
      return;
    }
    const auto start = std::chrono::steady_clock::now();
    const auto& message = parser.get();
    const auto request = to_request(message);
    if (!request) {
      reject_and_close(socket, {400, codes::k_invalid_request, "malformed request target"},
                       std::string(message.method_string()) + " " + std::string(message.target()));
      return;
    }
    Outcome outcome = state.service.process(*request);
    if (state.latency_ms > 0) {
      std::this_thread::sleep_for(std::chrono::milliseconds(state.latency_ms));
    }
    if (outcome.drop_connection) {
      log_request(*request, fault_name(outcome.fault), start);
      socket.shutdown(tcp::socket::shutdown_both, ec);
      return;
    }
    // Logged before the answer is written: a client that has its answer finds the request in
    // the log, and requests it sends after an answer are logged after it (the log is in the
    // order requests were served, across connections).
    log_request(*request, std::to_string(outcome.response.status), start);
    const bool keep_alive = message.keep_alive();
    write_response(socket, outcome.response, message.version(), keep_alive, ec);
    if (ec || !keep_alive) {
      socket.shutdown(tcp::socket::shutdown_send, ec);
      return;
    }
  }
}

void accept_next(tcp::acceptor& acceptor, const std::shared_ptr<ServerState>& state) {
  acceptor.async_accept([&acceptor, state](beast::error_code ec, tcp::socket socket) {
    if (ec) {
      if (ec != asio::error::operation_aborted && acceptor.is_open()) {
        accept_next(acceptor, state);
      }
      return;
    }
    const int fd = socket.native_handle();
    if (state->connections.add(fd)) {
      std::thread([state, fd, s = std::move(socket)]() mutable {
        serve_connection(std::move(s), *state);
        state->connections.remove(fd);
      }).detach();
    }
    accept_next(acceptor, state);
  });
}

std::optional<tcp::endpoint> parse_listen(const std::string& listen) {
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return std::nullopt;
  }
  std::string host = listen.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    host = host.substr(1, host.size() - 2);
  }
  beast::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  const std::string port = listen.substr(colon + 1);
  if (ec || port.empty() || port.size() > 5 ||
      !std::all_of(port.begin(), port.end(), [](unsigned char c) { return std::isdigit(c); }) ||
      std::stoi(port) > 65535) {
    return std::nullopt;
  }
  return tcp::endpoint(address, static_cast<unsigned short>(std::stoi(port)));
}

} // namespace

bool is_listen_address(const std::string& listen) {
  return parse_listen(listen).has_value();
}

int run_emulator(const EmulatorOptions& options) {
  const auto endpoint = parse_listen(options.listen);
  if (!endpoint) {
    std::cerr << "aigw: error: --listen must be HOST:PORT with a numeric IP address, got '"
              << options.listen << "'\n";
    return 1;
  }
  Store store;
  if (!options.state_file.empty()) {
    remove_stale_temp_files(options.state_file);
    auto loaded = load_state(options.state_file);
    if (!loaded) {
      std::cerr << "aigw: error: " << loaded.error().message << "\n";
      return 1;
    }
    store = std::move(*loaded);
  }
  // A client that vanishes mid-write must not kill the server.
  std::signal(SIGPIPE, SIG_IGN);
  asio::io_context io;
  tcp::acceptor acceptor(io);
  beast::error_code ec;
  acceptor.open(endpoint->protocol(), ec);
  if (!ec) {
    acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    acceptor.bind(*endpoint, ec);
  }
  if (!ec) {
    acceptor.listen(asio::socket_base::max_listen_connections, ec);
  }
  if (ec) {
    std::cerr << "aigw: error: cannot listen on " << options.listen << ": " << ec.message() << "\n";
    return 1;
  }
  store.set_accessible_accounts({options.accounts.begin(), options.accounts.end()});
  auto state = std::make_shared<ServerState>(std::move(store), options);
  if (auto started = state->service.start_persistence(); !started) {
    std::cerr << "aigw: error: " << started.error().message << "\n";
    return 1;
  }
  const auto bound = acceptor.local_endpoint();
  const std::string host = bound.address().is_v6() ? "[" + bound.address().to_string() + "]"
                                                   : bound.address().to_string();
  std::cout << "listening on http://" << host << ":" << bound.port() << std::endl;

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const beast::error_code&, int signal_number) {
    spdlog::info("signal {}: shutting down", signal_number);
    acceptor.close();
  });
  std::optional<TrafficGenerator> traffic;
  if (options.traffic_rate > 0) {
    traffic.emplace(state->service, options.traffic_rate, options.seed);
  }
  accept_next(acceptor, state);
  io.run();
  traffic.reset();
  state->connections.stop_all(std::chrono::seconds(5));
  if (auto compacted = state->service.compact(); !compacted) {
    spdlog::error("cannot compact the state file: {}", compacted.error().message);
  }
  return 0;
}

} // namespace aigw::emulator
