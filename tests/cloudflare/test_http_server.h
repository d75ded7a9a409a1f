#pragma once
// TestHttpServer: a small scripted HTTP/1.1 server on 127.0.0.1 (plain or TLS) for client
// tests that need exact control: chosen statuses, Retry-After, dropped responses,
// oversized bodies, slow answers. One thread per connection, all bounded by stop().

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace aigw::test {

struct TestRequest {
  std::string method;
  std::string target;
  std::map<std::string, std::string> headers; ///< lower-case names
  std::string body;
};

struct TestReply {
  int status = 200;
  std::string body = R"({"result":{},"success":true,"errors":[],"messages":[]})";
  std::vector<std::pair<std::string, std::string>> headers;
  /// Close the connection without answering (after reading the request).
  bool drop = false;
  /// Milliseconds to wait before answering.
  int delay_ms = 0;
  /// When positive: send the header and half the body, wait this many milliseconds, then
  /// send the rest (a response split across TCP segments).
  int split_delay_ms = 0;
  /// Close the connection right after this answer, without saying so (keep-alive headers).
  bool close_after = false;
  /// Send the body as two chunks (Transfer-Encoding: chunked), split_delay_ms apart.
  bool chunked = false;
};

class TestHttpServer {
public:
  using Handler = std::function<TestReply(const TestRequest&)>;

  /// Plain HTTP when cert_file is empty, else TLS with that certificate and key.
  explicit TestHttpServer(Handler handler, const std::string& cert_file = "",
                          const std::string& key_file = "");
  ~TestHttpServer();
  TestHttpServer(const TestHttpServer&) = delete;
  TestHttpServer& operator=(const TestHttpServer&) = delete;

  [[nodiscard]] unsigned short port() const { return m_port; }
  /// Connections accepted so far.
  [[nodiscard]] int connections() const;
  /// Requests read so far (including dropped ones).
  [[nodiscard]] int requests() const;
  /// Every request read so far.
  [[nodiscard]] std::vector<TestRequest> received() const;

  struct Impl;

private:
  std::unique_ptr<Impl> m_impl;
  unsigned short m_port = 0;
};

/// A self-signed certificate and key written by the openssl CLI.
struct TestCertificate {
  std::string cert_file;
  std::string key_file;
};

/// Generates a self-signed certificate valid for the given subjectAltName
/// (e.g. "DNS:localhost,IP:127.0.0.1") into dir. Throws on failure.
TestCertificate make_test_certificate(const std::string& dir, const std::string& name,
                                      const std::string& subject_alt_name);

} // namespace aigw::test
