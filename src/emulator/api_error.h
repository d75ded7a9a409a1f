#pragma once
// ApiError: a failed request as the API reports it (HTTP status plus one Cloudflare error).
// The codes are the emulator's own (the reference documents none); docs/emulator.md lists them.

#include "util/result.h"

#include <string>

namespace aigw::emulator {

struct ApiError {
  int status = 400;
  int code = 0;
  std::string message;
};

template <class T> using ApiResult = Result<T, ApiError>;

/// 400: a body or query that fails validation.
ApiError invalid_request(std::string message);
/// 404: an object that does not exist.
ApiError not_found(std::string message);
/// 409: an object that would duplicate an existing one.
ApiError conflict(std::string message);

/// Error codes used in `errors[].code`.
namespace codes {
inline constexpr int k_invalid_request = 7001;
inline constexpr int k_not_found = 7002;
inline constexpr int k_conflict = 7003;
inline constexpr int k_no_route = 7000;
inline constexpr int k_method_not_allowed = 10405;
inline constexpr int k_unauthenticated = 10000;
inline constexpr int k_no_account_access = 9109;
inline constexpr int k_malformed_json = 10026;
inline constexpr int k_body_too_large = 10413;
inline constexpr int k_rate_limited = 971;
inline constexpr int k_server_fault = 10500;
} // namespace codes

} // namespace aigw::emulator
