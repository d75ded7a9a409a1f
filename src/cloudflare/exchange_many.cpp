// HttpSession::exchange_many: every request of a source sent from one thread, over up to
// max_connections pooled connections, with one epoll set for all their answers.
//
// Each connection in use has a slot, registered in the epoll set under the slot's index
// for as long as the loop holds the connection. An answer is read as its bytes arrive:
// the slot keeps its parser between events, so a response split across segments (or
// preceded by a TLS session ticket) never holds up the answers of the other connections.
// A connection whose answer was complete takes the next ready request at once, still
// registered; connections no request needs go back to the pool.

#include "cloudflare/http_connection.h"
#include "cloudflare/http_session.h"

#include <sys/epoll.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <optional>
#include <thread>
#include <utility>
#include <vector>

namespace aigw::cloudflare {
namespace {

using Clock = std::chrono::steady_clock;

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

/// Runs a function when the scope ends, however it ends.
template <class F> struct ScopeExit {
  F f;
  explicit ScopeExit(F fn) : f(std::move(fn)) {}
  ScopeExit(const ScopeExit&) = delete;
  ScopeExit& operator=(const ScopeExit&) = delete;
  ~ScopeExit() { f(); }
};

/// One connection the loop holds, and the request on it.
struct Slot {
  enum class State { free, starting, in_flight, answered };
  State state = State::free;
  std::unique_ptr<HttpSession::Connection> connection;
  bool registered = false; ///< in the epoll set
  std::uint64_t tag = 0;
  const HttpRequest* request = nullptr;
  std::optional<ResponseReader> reader;
};

} // namespace

void HttpSession::exchange_many(ExchangeSource& source) {
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
  using State = Slot::State;
  const auto limit = static_cast<std::size_t>(m_options.max_connections);
  std::vector<Slot> slots(limit);
  std::vector<epoll_event> events(limit + 1);
  const auto count = [&](State state) {
    return static_cast<std::size_t>(std::count_if(
        slots.begin(), slots.end(), [state](const Slot& s) { return s.state == state; }));
  };
  // The slot's connection leaves the loop: out of the epoll set, back to the pool (closed
  // unless it can be reused).
  const auto give_back = [&](Slot& slot) {
    if (slot.registered) {
      epoll.remove(slot.connection->socket->native_handle());
      slot.registered = false;
    }
    slot.reader.reset();
    slot.state = State::free;
    release(std::move(slot.connection));
  };
  // Should a completion throw, the connections still held go back to the pool, closed.
  const ScopeExit on_exit([&] {
    for (auto& slot : slots) {
      if (slot.connection) {
        wire::close(*slot.connection, false);
        slot.registered = false; // closing the socket took it out of the epoll set
        give_back(slot);
      }
    }
  });
  const auto fail = [&](Slot& slot, TransportError error) {
    const auto tag = slot.tag;
    give_back(slot);
    source.answered(tag, std::move(error));
  };
  constexpr std::uint64_t k_wake_tag = ~std::uint64_t{0};
  if (source.wake_fd() >= 0) {
    epoll.add(source.wake_fd(), k_wake_tag);
  }
  for (;;) {
    auto wake_at = Clock::time_point::max();
    // Give every ready request a connection: first those that just answered (still
    // registered), then pooled or new ones. The first waits for the pool when the loop
    // holds none (other threads may hold them all); the rest take only what is free now.
    std::size_t held = limit - count(State::free);
    for (auto& slot : slots) {
      if (slot.state == State::answered && source.has_ready(wake_at)) {
        // A server may close right after an answer that promised keep-alive (an idle
        // timeout, a cap on requests per connection): such a connection is opened anew
        // below instead of taking the request into a closed socket.
        if (wire::is_stale(*slot.connection)) {
          wire::close(*slot.connection, false);
          slot.registered = false; // closing the socket took it out of the epoll set
        }
        slot.request = &source.next(slot.tag);
        slot.state = State::starting;
      }
    }
    for (auto& slot : slots) {
      if (slot.state != State::free || !source.has_ready(wake_at)) {
        continue;
      }
      slot.connection = held == 0 ? acquire() : try_acquire();
      if (!slot.connection) {
        break;
      }
      ++held;
      slot.request = &source.next(slot.tag);
      slot.state = State::starting;
    }
    for (auto& slot : slots) {
      if (slot.state == State::answered) {
        give_back(slot); // no request needs it now: the pool may
      }
    }
    // Opening a connection takes round trips (TCP, proxy, TLS): open the new ones together.
    {
      std::vector<std::pair<Slot*, std::optional<Result<Unit, TransportError>>>> opening;
      for (auto& slot : slots) {
        if (slot.state == State::starting && !slot.registered &&
            (!slot.connection->connected || wire::is_stale(*slot.connection))) {
          opening.emplace_back(&slot, std::nullopt);
        }
      }
      if (!opening.empty()) {
        {
          std::vector<std::jthread> openers;
          for (auto& [slot, result] : opening) {
            openers.emplace_back([&, s = slot, r = &result] { *r = ready(s->connection); });
          }
        }
        for (auto& [slot, result] : opening) {
          if (!result->ok()) {
            fail(*slot, std::move(*result).error());
          }
        }
      }
    }
    for (std::size_t i = 0; i < slots.size(); ++i) {
      auto& slot = slots[i];
      if (slot.state != State::starting) {
        continue;
      }
      Connection& c = *slot.connection;
      if (auto written = wire::write_request(c, m_options, *slot.request); !written) {
        slot.registered = false; // the failed write closed the socket
        fail(slot, std::move(written).error());
        continue;
      }
      if (!slot.registered && !epoll.add(c.socket->native_handle(), i)) {
        const std::string message = std::string("epoll: ") + std::strerror(errno);
        wire::close(c, false);
        fail(slot, wire::failure(TransportError::Kind::io, true, message));
        continue;
      }
      slot.registered = true;
      slot.reader.emplace(m_options.max_response_bytes);
      slot.state = State::in_flight;
    }
    if (count(State::in_flight) == 0 && source.drained()) {
      return;
    }
    // Wait for answers, a deadline, a waiting request to become ready or another thread's
    // wake-up (the source is asked again at least every second).
    auto until = wake_at;
    for (const auto& slot : slots) {
      if (slot.state == State::in_flight) {
        until = std::min(until, slot.connection->deadline);
      }
    }
    const auto left = std::chrono::ceil<std::chrono::milliseconds>(until - Clock::now()).count();
    const int timeout = static_cast<int>(std::clamp<long long>(left, 0, 1000));
    const int ready_count = ::epoll_wait(epoll.fd, events.data(), static_cast<int>(events.size()), timeout);
    for (int e = 0; e < ready_count; ++e) {
      const auto tag = events[static_cast<std::size_t>(e)].data.u64;
      if (tag == k_wake_tag) {
        std::uint64_t signals = 0;
        (void)!::read(source.wake_fd(), &signals, sizeof signals);
        continue;
      }
      if (tag >= slots.size() || slots[tag].state != State::in_flight) {
        continue;
      }
      Slot& slot = slots[tag];
      Connection& c = *slot.connection;
      TransportError error;
      switch (wire::read_available(c, *slot.reader, error)) {
      case wire::Progress::incomplete: break; // the rest wakes the loop when it arrives
      case wire::Progress::failed:
        slot.registered = false; // the failed read closed the socket
        fail(slot, std::move(error));
        break;
      case wire::Progress::done: {
        // Not reusable: closed at once, without waiting for the server's TLS close_notify
        // while other answers queue.
        auto response = wire::take_response(c, *slot.reader, false);
        slot.reader.reset();
        if (c.connected) {
          slot.state = State::answered;
        } else {
          slot.registered = false; // not reusable: closed
          give_back(slot);
        }
        source.answered(slot.tag, std::move(response));
        break;
      }
      }
    }
    if (ready_count < 0 && errno != EINTR) {
      const std::string message = std::string("epoll_wait: ") + std::strerror(errno);
      for (auto& slot : slots) {
        if (slot.state == State::in_flight) {
          wire::close(*slot.connection, false);
          slot.registered = false;
          fail(slot, wire::failure(TransportError::Kind::io, true, message));
        }
      }
      continue;
    }
    const auto now = Clock::now();
    for (auto& slot : slots) {
      if (slot.state == State::in_flight && now >= slot.connection->deadline) {
        wire::close(*slot.connection, false);
        slot.registered = false;
        fail(slot, wire::failure(TransportError::Kind::timeout, true, "read response timed out"));
      }
    }
  }
}

} // namespace aigw::cloudflare
