#pragma once
// One pooled connection of HttpSession and what can be done on it: open (TCP, proxy
// tunnel, TLS), write a request, read a response whole or piece by piece, close. Internal
// to http_session.cpp and exchange_many.cpp (it carries Beast and OpenSSL types).

#include "cloudflare/http_message.h"
#include "cloudflare/http_session.h"
#include "cloudflare/response_reader.h"
#include "util/result.h"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>

#include <poll.h>

#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <utility>

namespace aigw::cloudflare {

/// A connected socket whose synchronous reads and writes give up at a deadline: the socket
/// is non-blocking and each call that would block waits in poll() for what is left of the
/// time. Beast's and OpenSSL's synchronous operations run on top of it, so one request costs
/// a send, a poll and a receive or two, instead of an event loop, a timer and its
/// cancellation per operation. With waiting off, a read that would block returns
/// would_block at once instead (an event loop then waits for the socket).
class DeadlineStream {
public:
  using Clock = std::chrono::steady_clock;
  using lowest_layer_type = boost::asio::ip::tcp::socket;
  using executor_type = lowest_layer_type::executor_type;
  using error_code = boost::beast::error_code;

  DeadlineStream(lowest_layer_type& socket, const Clock::time_point& deadline)
      : m_socket(&socket), m_deadline(&deadline) {}

  lowest_layer_type& lowest_layer() { return *m_socket; }
  const lowest_layer_type& lowest_layer() const { return *m_socket; }
  executor_type get_executor() { return m_socket->get_executor(); }

  /// Whether a read that would block waits for data (the default) or fails with would_block.
  void set_read_waits(bool waits) { m_read_waits = waits; }

  template <class Buffers> std::size_t read_some(const Buffers& buffers, error_code& ec) {
    if (std::exchange(m_sent, false) && m_read_waits && !wait(POLLIN, ec)) {
      return 0; // just sent: the answer cannot be there yet, so wait before the first read
    }
    if (!m_read_waits) {
      return m_socket->read_some(buffers, ec);
    }
    return transfer(POLLIN, ec, [&] { return m_socket->read_some(buffers, ec); });
  }
  template <class Buffers> std::size_t write_some(const Buffers& buffers, error_code& ec) {
    const std::size_t n = transfer(POLLOUT, ec, [&] { return m_socket->write_some(buffers, ec); });
    m_sent = !ec;
    return n;
  }
  // The throwing forms the stream concepts also ask for (the code uses the ones above).
  template <class Buffers> std::size_t read_some(const Buffers& buffers) {
    error_code ec;
    return checked(read_some(buffers, ec), ec);
  }
  template <class Buffers> std::size_t write_some(const Buffers& buffers) {
    error_code ec;
    return checked(write_some(buffers, ec), ec);
  }

private:
  static std::size_t checked(std::size_t n, const error_code& ec);

  /// Runs a non-blocking read or write until it does not block, waiting in between.
  template <class Op> std::size_t transfer(short events, error_code& ec, const Op& op) {
    for (;;) {
      const std::size_t n = op();
      if (ec != boost::asio::error::would_block || !wait(events, ec)) {
        return n;
      }
    }
  }
  /// Waits until the socket is ready for `events`; false (ec set) at the deadline or on a
  /// poll failure.
  bool wait(short events, error_code& ec);

  lowest_layer_type* m_socket;
  const Clock::time_point* m_deadline;
  bool m_sent = false;       ///< the last call wrote
  bool m_read_waits = true;
};

/// One connection. Resolving and connecting run on its own io_context (so that the connect
/// timeout applies); everything after that is synchronous on a DeadlineStream.
struct HttpSession::Connection {
  using Clock = std::chrono::steady_clock;
  boost::asio::io_context io;
  std::optional<boost::asio::ip::tcp::socket> socket;
  Clock::time_point deadline;
  std::optional<boost::asio::ssl::stream<DeadlineStream>> secure;
  boost::beast::flat_buffer buffer;
  bool connected = false;

  DeadlineStream plain() { return DeadlineStream(*socket, deadline); }
  void expires_after(std::chrono::milliseconds timeout) { deadline = Clock::now() + timeout; }
};

namespace wire {

using Connection = HttpSession::Connection;

TransportError failure(TransportError::Kind kind, bool sent, std::string message);

/// Connects (through the proxy when there is one) and shakes hands (when tls is given).
Result<Unit, TransportError> open(Connection& c, const HttpSessionOptions& o,
                                  boost::asio::ssl::context* tls);
/// A pooled connection the server has closed (or sent stray bytes on) is readable while
/// idle; reusing it would turn a harmless stale socket into a lost request.
bool is_stale(Connection& c);
/// Closes the connection (a TLS close_notify first when graceful).
void close(Connection& c, bool graceful);

/// The request's bytes: request line, headers and body (HTTP/1.1, keep-alive by default).
std::string request_text(const HttpSessionOptions& o, const HttpRequest& request);
/// Writes the request and starts its read deadline; on failure the connection is closed.
Result<Unit, TransportError> write_request(Connection& c, const HttpSessionOptions& o,
                                           const HttpRequest& request);
/// Writes the request and reads the whole response, waiting up to the deadline for what
/// has not arrived; closes the connection on failure or when it cannot be reused.
Result<HttpResponse, TransportError> exchange(Connection& c, const HttpSessionOptions& o,
                                              const HttpRequest& request);

/// What read_available found.
enum class Progress { incomplete, done, failed };
/// Reads what has arrived into `reader` without waiting: done when the response is
/// complete (then take it with take_response), incomplete when more must arrive first,
/// failed (error set, connection closed) on an error.
Progress read_available(Connection& c, ResponseReader& reader, TransportError& error);
/// The complete response of `reader`; closes the connection when it cannot be reused
/// (graceful: a TLS close_notify first, waiting up to 500 ms for the server's).
HttpResponse take_response(Connection& c, ResponseReader& reader, bool graceful);

} // namespace wire
} // namespace aigw::cloudflare
