#include "cloudflare/test_connect_proxy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace aigw::test {
namespace {

int listen_loopback(unsigned short& port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t size = sizeof address;
  if (fd < 0 || ::bind(fd, reinterpret_cast<sockaddr*>(&address), size) != 0 ||
      ::listen(fd, 16) != 0 || ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &size) != 0) {
    throw std::runtime_error("test proxy: cannot listen on 127.0.0.1");
  }
  port = ntohs(address.sin_port);
  return fd;
}

int connect_loopback(unsigned short port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(port);
  if (fd >= 0 && ::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0) {
    return fd;
  }
  if (fd >= 0) {
    ::close(fd);
  }
  return -1;
}

bool send_all(int fd, const std::string& data) {
  std::size_t sent = 0;
  while (sent < data.size()) {
    const auto n = ::send(fd, data.data() + sent, data.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) {
      return false;
    }
    sent += static_cast<std::size_t>(n);
  }
  return true;
}

} // namespace

struct TestConnectProxy::Impl {
  int refuse_status = 0;
  int listen_fd = -1;
  unsigned short port = 0;
  std::atomic<bool> stopping{false};
  std::thread accept_thread;
  mutable std::mutex mutex;
  std::vector<std::thread> workers;
  std::vector<int> open_fds;
  std::vector<std::string> requests;
  std::string relayed;

  void track(int fd) {
    std::lock_guard lock(mutex);
    open_fds.push_back(fd);
  }

  /// Reads up to the end of the request head (at most 16 KiB, 5 s).
  std::string read_head(int fd) {
    std::string head;
    char buffer[1024];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 16384) {
      pollfd p{fd, POLLIN, 0};
      if (::poll(&p, 1, 5000) <= 0) {
        return "";
      }
      const auto n = ::recv(fd, buffer, sizeof buffer, 0);
      if (n <= 0) {
        return "";
      }
      head.append(buffer, static_cast<std::size_t>(n));
    }
    return head;
  }

  /// Copies bytes both ways until one side closes, stopping() or 60 s of silence.
  void relay(int client, int server) {
    char buffer[16384];
    while (!stopping) {
      pollfd p[2] = {{client, POLLIN, 0}, {server, POLLIN, 0}};
      const int ready = ::poll(p, 2, 200);
      if (ready < 0) {
        return;
      }
      for (int i = 0; i < 2; ++i) {
        if ((p[i].revents & (POLLIN | POLLHUP | POLLERR)) == 0) {
          continue;
        }
        const auto n = ::recv(p[i].fd, buffer, sizeof buffer, 0);
        if (n <= 0) {
          return;
        }
        const std::string chunk(buffer, static_cast<std::size_t>(n));
        if (i == 0) {
          std::lock_guard lock(mutex);
          relayed += chunk;
        }
        if (!send_all(i == 0 ? server : client, chunk)) {
          return;
        }
      }
    }
  }

  void handle(int client) {
    serve(client);
    // Shut down, not closed: the descriptor is closed once, by the destructor.
    ::shutdown(client, SHUT_RDWR);
  }

  void serve(int client) {
    const std::string head = read_head(client);
    if (head.empty()) {
      return;
    }
    {
      std::lock_guard lock(mutex);
      requests.push_back(head.substr(0, head.find("\r\n\r\n")));
    }
    if (refuse_status != 0) {
      send_all(client, "HTTP/1.1 " + std::to_string(refuse_status) +
                           " Refused By Test\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
      return;
    }
    // "CONNECT host:port HTTP/1.1": only loopback targets, whatever the host name says.
    const auto space = head.find(' ');
    const auto target = head.substr(space + 1, head.find(' ', space + 1) - space - 1);
    const auto port_text = target.substr(target.rfind(':') + 1);
    const int server = connect_loopback(static_cast<unsigned short>(std::stoi(port_text)));
    if (server < 0) {
      send_all(client, "HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
      return;
    }
    track(server);
    if (send_all(client, "HTTP/1.1 200 Connection established\r\n\r\n")) {
      relay(client, server);
    }
    ::shutdown(server, SHUT_RDWR);
  }

  void accept_loop() {
    while (!stopping) {
      pollfd p{listen_fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) {
        continue;
      }
      const int client = ::accept(listen_fd, nullptr, nullptr);
      if (client < 0) {
        continue;
      }
      track(client);
      std::lock_guard lock(mutex);
      workers.emplace_back([this, client] { handle(client); });
    }
  }
};

TestConnectProxy::TestConnectProxy(int refuse_status) : m_impl(std::make_unique<Impl>()) {
  m_impl->refuse_status = refuse_status;
  m_impl->listen_fd = listen_loopback(m_impl->port);
  m_impl->accept_thread = std::thread([this] { m_impl->accept_loop(); });
}

TestConnectProxy::~TestConnectProxy() {
  m_impl->stopping = true;
  m_impl->accept_thread.join();
  std::vector<std::thread> workers;
  {
    std::lock_guard lock(m_impl->mutex);
    for (int fd : m_impl->open_fds) {
      ::shutdown(fd, SHUT_RDWR);
    }
    workers.swap(m_impl->workers);
  }
  for (auto& worker : workers) {
    worker.join();
  }
  for (int fd : m_impl->open_fds) {
    ::close(fd);
  }
  ::close(m_impl->listen_fd);
}

unsigned short TestConnectProxy::port() const { return m_impl->port; }

std::vector<std::string> TestConnectProxy::requests() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->requests;
}

std::string TestConnectProxy::relayed() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->relayed;
}

} // namespace aigw::test
