#pragma once
// ApiError: a typed failure of a call to the AI Gateway API.

#include <string>
#include <vector>

namespace aigw::engine {

struct ApiError {
  enum class Kind {
    network,         ///< connect/read/write failed before a response
    timeout,         ///< no response in time
    http,            ///< the API answered with a non-2xx status or success:false
    decode,          ///< the response was not what the reference describes
    outcome_unknown, ///< a POST was sent but its response was lost: re-read before retrying
    config,          ///< the client is not usable (no credentials, bad base URL, ...)
    not_found,       ///< HTTP 404 (also Kind::http semantics; split out for callers)
  };
  struct Detail {
    long code = 0;
    std::string message;
  };

  Kind kind = Kind::network;
  int status = 0;             ///< HTTP status, 0 when none
  std::string method;         ///< "GET", "POST", ...
  std::string path;           ///< request path without the base URL
  std::vector<Detail> errors; ///< Cloudflare's errors[] (code, message)
  std::string message;        ///< one-line summary, already redacted

  /// "POST /accounts/.../gateways: HTTP 400: [1001] invalid id" style text, ending with
  /// hint() in parentheses when there is one.
  [[nodiscard]] std::string to_string() const;
  /// What to check for an authentication or authorisation failure (401, 403, Cloudflare's
  /// 7003 "could not route" for a wrong account id); "" otherwise.
  [[nodiscard]] std::string hint() const;
};

} // namespace aigw::engine
