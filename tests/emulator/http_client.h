#pragma once
// A tiny synchronous HTTP/1.1 client (Beast) for driving the emulator over loopback.

#include <map>
#include <string>
#include <vector>

namespace aigw::test {

struct HttpResult {
  int status = 0;       ///< 0 when the connection dropped without an answer
  std::string body;
  std::map<std::string, std::string> headers; ///< names lower-cased
};

/// The headers every authenticated request sends.
std::map<std::string, std::string> bearer_auth();

/// One keep-alive connection; every call sends one request and reads its answer.
class HttpConnection {
public:
  HttpConnection(const std::string& host, unsigned short port);
  ~HttpConnection();
  HttpConnection(const HttpConnection&) = delete;
  HttpConnection& operator=(const HttpConnection&) = delete;

  HttpResult send(const std::string& method, const std::string& target, const std::string& body = "",
                  const std::map<std::string, std::string>& headers = bearer_auth());

private:
  struct Impl;
  Impl* m_impl;
};

/// Sends one request on a fresh connection.
HttpResult http_request(const std::string& host, unsigned short port, const std::string& method,
                        const std::string& target, const std::string& body = "",
                        const std::map<std::string, std::string>& headers = bearer_auth());

/// Writes raw bytes on a fresh connection and returns everything read until the peer closes.
std::string raw_exchange(const std::string& host, unsigned short port, const std::string& bytes);

} // namespace aigw::test
