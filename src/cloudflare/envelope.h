#pragma once
// Cloudflare's response envelopes: {"result", "success", "errors", "messages"} for most
// endpoints, {"data": {...}} for dynamic routing lists and {"route": ...} for PATCH route.
// Also builds the typed ApiError for every failure, already redacted.

#include "engine/api_error.h"
#include "model/value.h"
#include "util/result.h"

#include <string>
#include <string_view>

namespace aigw::cloudflare {

/// Which request a response belongs to, for error messages.
struct RequestInfo {
  std::string method;
  std::string path;
};

/// A view of a request's method and path for the functions below, which copy them only
/// into an error: a successful response costs no copy of its path.
struct RequestRef {
  std::string_view method;
  std::string_view path;
  RequestRef(std::string_view m, std::string_view p) : method(m), path(p) {}
  RequestRef(const RequestInfo& info) : method(info.method), path(info.path) {} // NOLINT
};

/// An ApiError of the given kind whose message passes through the global redactor.
engine::ApiError make_api_error(engine::ApiError::Kind kind, RequestRef request,
                                std::string_view message, int status = 0);

/// Decodes a response body: for a 2xx with `success` not false, the whole body as an
/// object; otherwise an ApiError carrying the status and Cloudflare's errors[].
Result<model::Value, engine::ApiError> decode_envelope(RequestRef request, int status,
                                                       std::string_view body);

/// The member `key` ("result", "data", "route") of a decoded body, or a decode error.
Result<model::Value, engine::ApiError> envelope_member(RequestRef request,
                                                       const model::Value& body,
                                                       const std::string& key);

} // namespace aigw::cloudflare
