#include "raw_client.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string_view>

namespace aigw::bench {
namespace {

struct Conn {
  int fd = -1;
  std::string in;
  bool busy = false;
};

int connect_to(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) {
    return -1;
  }
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const int one = 1;
  ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

/// The length of a complete response at the start of `in`, or 0 when more must arrive
/// (-1: no Content-Length, which this client does not handle).
long complete_length(std::string_view in) {
  const auto end = in.find("\r\n\r\n");
  if (end == std::string_view::npos) {
    return 0;
  }
  for (std::size_t at = in.find("\r\n"); at < end; at = in.find("\r\n", at + 2)) {
    const auto line = in.substr(at + 2, in.find("\r\n", at + 2) - at - 2);
    constexpr std::string_view name = "content-length:";
    if (line.size() > name.size() &&
        std::equal(name.begin(), name.end(), line.begin(),
                   [](char a, char b) { return a == (b | 0x20); })) {
      const long body = std::strtol(std::string(line.substr(name.size())).c_str(), nullptr, 10);
      const auto total = static_cast<long>(end + 4) + body;
      return static_cast<long>(in.size()) >= total ? total : 0;
    }
  }
  return -1;
}

bool send_all(int fd, const std::string& text) {
  for (std::size_t sent = 0; sent < text.size();) {
    const auto n = ::send(fd, text.data() + sent, text.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

} // namespace

RawRun raw_exchange(std::uint16_t port, const std::vector<std::string>& requests,
                    int connections) {
  RawRun run;
  const int epoll = ::epoll_create1(EPOLL_CLOEXEC);
  std::vector<Conn> conns(static_cast<std::size_t>(connections));
  std::size_t next = 0;
  std::size_t answered = 0;
  const auto fail = [&](std::string message) {
    run.error = std::move(message);
    for (auto& c : conns) {
      if (c.fd >= 0) {
        ::close(c.fd);
      }
    }
    ::close(epoll);
    return run;
  };
  for (std::size_t i = 0; i < conns.size() && next < requests.size(); ++i) {
    conns[i].fd = connect_to(port);
    if (conns[i].fd < 0) {
      return fail(std::string("connect: ") + std::strerror(errno));
    }
    epoll_event event{};
    event.events = EPOLLIN;
    event.data.u64 = i;
    ::epoll_ctl(epoll, EPOLL_CTL_ADD, conns[i].fd, &event);
    if (!send_all(conns[i].fd, requests[next++])) {
      return fail("send failed");
    }
    conns[i].busy = true;
  }
  std::vector<epoll_event> events(conns.size());
  char buffer[64 * 1024];
  // Bounded: every wait has a timeout, and a silent server ends the run with an error.
  while (answered < requests.size()) {
    const int ready = ::epoll_wait(epoll, events.data(), static_cast<int>(events.size()), 10000);
    if (ready <= 0) {
      return fail(ready == 0 ? "no answer within 10 s" : std::string("epoll_wait: ") + std::strerror(errno));
    }
    for (int e = 0; e < ready; ++e) {
      Conn& c = conns[events[static_cast<std::size_t>(e)].data.u64];
      const auto n = ::recv(c.fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        return fail("the server closed a connection");
      }
      c.in.append(buffer, static_cast<std::size_t>(n));
      const long length = complete_length(c.in);
      if (length < 0) {
        return fail("an answer without Content-Length");
      }
      if (length == 0) {
        continue;
      }
      c.in.erase(0, static_cast<std::size_t>(length));
      ++answered;
      c.busy = false;
      if (next < requests.size()) {
        if (!send_all(c.fd, requests[next++])) {
          return fail("send failed");
        }
        c.busy = true;
      }
    }
  }
  run.requests = answered;
  for (auto& c : conns) {
    if (c.fd >= 0) {
      ::close(c.fd);
    }
  }
  ::close(epoll);
  return run;
}

} // namespace aigw::bench
