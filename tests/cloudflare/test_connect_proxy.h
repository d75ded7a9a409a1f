#pragma once
// TestConnectProxy: a small HTTP CONNECT proxy on 127.0.0.1 for the client's proxy tests.
// It records each CONNECT request head, then either refuses (a chosen status) or opens a
// TCP connection to the requested 127.0.0.1 port and relays bytes both ways, counting what
// it relayed so a test can check that only ciphertext passed. Bounded by its destructor.

#include <memory>
#include <string>
#include <vector>

namespace aigw::test {

class TestConnectProxy {
public:
  /// refuse_status 0: tunnel; otherwise answer every CONNECT with that status.
  explicit TestConnectProxy(int refuse_status = 0);
  ~TestConnectProxy();
  TestConnectProxy(const TestConnectProxy&) = delete;
  TestConnectProxy& operator=(const TestConnectProxy&) = delete;

  [[nodiscard]] unsigned short port() const;
  /// Every request head received ("CONNECT host:port HTTP/1.1\r\nHost: ...").
  [[nodiscard]] std::vector<std::string> requests() const;
  /// Every byte relayed from the client to the server through a tunnel.
  [[nodiscard]] std::string relayed() const;

  struct Impl;

private:
  std::unique_ptr<Impl> m_impl;
};

} // namespace aigw::test
