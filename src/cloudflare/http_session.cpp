#include "cloudflare/http_session.h"

#include "cloudflare/http_connection.h"

#include <utility>

namespace aigw::cloudflare {

namespace ssl = boost::asio::ssl;
using wire::close;
using wire::is_stale;

struct HttpSession::TlsContext {
  ssl::context context{ssl::context::tls_client};
};

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
    close(*connection, false);
  }
  if (connection->connected) {
    return Unit{};
  }
  connection = std::make_unique<Connection>();
  ++m_opened;
  return wire::open(*connection, m_options, m_tls ? &m_tls->context : nullptr);
}

Result<HttpResponse, TransportError> HttpSession::send(const HttpRequest& request) {
  auto connection = acquire();
  if (auto opened = ready(connection); !opened) {
    release(std::move(connection));
    return std::move(opened).error();
  }
  auto result = wire::exchange(*connection, m_options, request);
  release(std::move(connection));
  return result;
}

} // namespace aigw::cloudflare
