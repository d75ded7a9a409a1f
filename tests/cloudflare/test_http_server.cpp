#include "cloudflare/test_http_server.h"

#include "support/process.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>

#include <poll.h>
#include <sys/socket.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <mutex>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <string_view>
#include <thread>

namespace aigw::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;
using tcp = asio::ip::tcp;

struct TestHttpServer::Impl {
  explicit Impl(Handler h) : handler(std::move(h)) {}

  asio::io_context io;
  tcp::acceptor acceptor{io};
  std::optional<ssl::context> tls;
  Handler handler;
  std::atomic<bool> stopping{false};
  std::atomic<int> connections{0};
  std::atomic<int> requests{0};
  std::thread accept_thread;
  mutable std::mutex mutex;
  std::vector<std::thread> workers;
  /// Accepted sockets still open; the destructor shuts these down to unblock readers.
  struct Open {
    int fd = -1;
    bool open = true;
  };
  std::vector<std::shared_ptr<Open>> open_sockets;
  std::vector<TestRequest> received;

  template <class Stream> void serve(Stream& stream) {
    beast::flat_buffer buffer;
    for (int served = 0; served < 10000 && !stopping; ++served) {
      http::request<http::string_body> req;
      beast::error_code ec;
      http::read(stream, buffer, req, ec);
      if (ec) {
        return;
      }
      TestRequest seen{std::string(req.method_string()), std::string(req.target()), {}, req.body()};
      for (const auto& field : req) {
        std::string name(field.name_string());
        for (auto& c : name) {
          c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        }
        seen.headers[name] = std::string(field.value());
      }
      {
        std::lock_guard lock(mutex);
        received.push_back(seen);
      }
      ++requests;
      const TestReply reply = handler(seen);
      if (reply.delay_ms > 0) {
        std::this_thread::sleep_for(std::chrono::milliseconds(reply.delay_ms));
      }
      if (reply.drop) {
        return;
      }
      http::response<http::string_body> res{static_cast<http::status>(reply.status), 11};
      res.set(http::field::content_type, "application/json");
      for (const auto& [name, value] : reply.headers) {
        res.set(name, value);
      }
      res.body() = reply.body;
      res.keep_alive(req.keep_alive());
      res.prepare_payload();
      if (reply.chunked) {
        write_chunked(stream, reply, req.keep_alive(), ec);
      } else if (reply.split_delay_ms > 0) {
        std::ostringstream text;
        text << res;
        const std::string bytes = text.str();
        const std::size_t cut = bytes.size() - reply.body.size() / 2;
        asio::write(stream, asio::buffer(bytes.data(), cut), ec);
        std::this_thread::sleep_for(std::chrono::milliseconds(reply.split_delay_ms));
        if (!ec) {
          asio::write(stream, asio::buffer(bytes.data() + cut, bytes.size() - cut), ec);
        }
      } else {
        http::write(stream, res, ec);
      }
      if (ec || !req.keep_alive() || reply.close_after) {
        return;
      }
    }
  }

  /// The reply with its body in two chunks, the second split_delay_ms after the first.
  template <class Stream>
  static void write_chunked(Stream& stream, const TestReply& reply, bool keep_alive,
                            beast::error_code& ec) {
    // Appends, not "literal" + std::string: GCC 12 warns on that at -O3 (-Wrestrict).
    std::string head = "HTTP/1.1 ";
    head.append(std::to_string(reply.status));
    head.append(" Reply\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n");
    for (const auto& [name, value] : reply.headers) {
      head.append(name).append(": ").append(value).append("\r\n");
    }
    head += keep_alive ? "\r\n" : "Connection: close\r\n\r\n";
    const auto chunk = [](std::string_view part) {
      std::ostringstream size;
      size << std::hex << part.size();
      return size.str() + "\r\n" + std::string(part) + "\r\n";
    };
    const std::string_view body = reply.body;
    const std::string first = head + chunk(body.substr(0, body.size() / 2));
    const std::string rest = chunk(body.substr(body.size() / 2)) + "0\r\n\r\n";
    asio::write(stream, asio::buffer(first), ec);
    std::this_thread::sleep_for(std::chrono::milliseconds(reply.split_delay_ms));
    if (!ec) {
      asio::write(stream, asio::buffer(rest), ec);
    }
  }

  /// Closes under the lock, so the destructor never shuts down a reused descriptor.
  void finish(tcp::socket& socket, Open& entry) {
    std::lock_guard lock(mutex);
    entry.open = false;
    beast::error_code ec;
    socket.shutdown(tcp::socket::shutdown_both, ec);
    socket.close(ec);
  }

  void handle(tcp::socket socket, const std::shared_ptr<Open>& entry) {
    if (tls) {
      beast::ssl_stream<tcp::socket> stream(std::move(socket), *tls);
      beast::error_code ec;
      stream.handshake(ssl::stream_base::server, ec);
      if (!ec) {
        serve(stream);
      }
      finish(beast::get_lowest_layer(stream), *entry);
    } else {
      serve(socket);
      finish(socket, *entry);
    }
  }

  void accept_loop() {
    while (!stopping) {
      pollfd fd{acceptor.native_handle(), POLLIN, 0};
      if (::poll(&fd, 1, 50) <= 0) {
        continue;
      }
      beast::error_code ec;
      tcp::socket socket(io);
      acceptor.accept(socket, ec);
      if (ec) {
        continue;
      }
      socket.non_blocking(false, ec);
      ++connections;
      std::lock_guard lock(mutex);
      auto entry = std::make_shared<Open>(Open{socket.native_handle(), true});
      open_sockets.push_back(entry);
      workers.emplace_back(
          [this, entry, s = std::move(socket)]() mutable { handle(std::move(s), entry); });
    }
  }
};

TestHttpServer::TestHttpServer(Handler handler, const std::string& cert_file,
                               const std::string& key_file)
    : m_impl(std::make_unique<Impl>(std::move(handler))) {
  if (!cert_file.empty()) {
    m_impl->tls.emplace(ssl::context::tls_server);
    m_impl->tls->use_certificate_chain_file(cert_file);
    m_impl->tls->use_private_key_file(key_file, ssl::context::pem);
  }
  const tcp::endpoint endpoint(asio::ip::make_address("127.0.0.1"), 0);
  m_impl->acceptor.open(endpoint.protocol());
  m_impl->acceptor.set_option(tcp::acceptor::reuse_address(true));
  m_impl->acceptor.bind(endpoint);
  m_impl->acceptor.listen();
  m_impl->acceptor.non_blocking(true);
  m_port = m_impl->acceptor.local_endpoint().port();
  m_impl->accept_thread = std::thread([this] { m_impl->accept_loop(); });
}

TestHttpServer::~TestHttpServer() {
  m_impl->stopping = true;
  m_impl->accept_thread.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(m_impl->mutex);
    // Unblocks workers waiting in read(); the sockets are closed by their own threads.
    for (const auto& entry : m_impl->open_sockets) {
      if (entry->open) {
        ::shutdown(entry->fd, SHUT_RDWR);
      }
    }
    workers = std::move(m_impl->workers);
  }
  for (auto& worker : workers) {
    worker.join();
  }
}

int TestHttpServer::connections() const { return m_impl->connections.load(); }
int TestHttpServer::requests() const { return m_impl->requests.load(); }

std::vector<TestRequest> TestHttpServer::received() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->received;
}

TestCertificate make_test_certificate(const std::string& dir, const std::string& name,
                                      const std::string& subject_alt_name) {
  TestCertificate out{dir + "/" + name + ".crt", dir + "/" + name + ".key"};
  const auto result = run_process(
      {"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
       "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", out.key_file, "-out", out.cert_file,
       "-days", "2", "-subj", "/CN=" + name, "-addext", "subjectAltName=" + subject_alt_name},
      {.timeout = std::chrono::seconds(30)});
  if (result.exit_code != 0) {
    throw std::runtime_error("openssl failed: " + result.err);
  }
  return out;
}

} // namespace aigw::test
