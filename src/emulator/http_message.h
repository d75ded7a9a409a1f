#pragma once
// The emulator's own small HTTP request and response types, so the handler stays pure and
// testable without sockets (Beast lives only in server.cpp).

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace aigw::emulator {

/// One parsed HTTP request.
struct Request {
  std::string method;                                      ///< "GET", "POST", ...
  std::string path; ///< as sent, percent-encoded (so `%2F` stays inside a segment), no query
  std::vector<std::pair<std::string, std::string>> query;  ///< decoded, repeated keys kept
  std::map<std::string, std::string> headers;              ///< names lower-cased
  std::string body;

  /// The first value of a query key, or nullptr.
  [[nodiscard]] const std::string* query_value(const std::string& key) const;
  /// A header by lower-case name, or nullptr.
  [[nodiscard]] const std::string* header(const std::string& lower_name) const;
};

/// One HTTP response: always a JSON body.
struct Response {
  int status = 200;
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers; ///< beyond Content-Type
  bool state_changed = false; ///< the request committed a write (persist after it)
  bool head_only = false;     ///< an answer to HEAD: headers (with the body's length), no body
};

/// True for methods that may change state.
[[nodiscard]] bool is_write_method(const std::string& method);

} // namespace aigw::emulator
