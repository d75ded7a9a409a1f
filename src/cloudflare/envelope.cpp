#include "cloudflare/envelope.h"

#include "cloudflare/json_codec.h"
#include "util/printable.h"
#include "util/secret.h"

namespace aigw::cloudflare {
namespace {

constexpr std::size_t k_excerpt_chars = 200;
/// At most this many of Cloudflare's errors[] are kept; the rest are counted.
constexpr std::size_t k_max_error_details = 10;

void collect_errors(const model::Value& body, engine::ApiError& error) {
  const model::Value* errors = body.find("errors");
  if (errors == nullptr || !errors->is_array()) {
    return;
  }
  for (const auto& item : errors->as_array()) {
    if (error.errors.size() == k_max_error_details) {
      error.message = "and " + std::to_string(errors->as_array().size() - k_max_error_details) +
                      " more errors";
      return;
    }
    engine::ApiError::Detail detail;
    if (const auto* code = item.find("code"); code != nullptr && code->is_number()) {
      detail.code = static_cast<long>(code->as_number());
    }
    if (const auto* message = item.find("message"); message != nullptr && message->is_string()) {
      // Error messages may echo what was sent, and come from a server we do not control:
      // redact, escape control characters and cap before they can reach any output.
      detail.message = printable(message->as_string());
    }
    error.errors.push_back(std::move(detail));
  }
}

engine::ApiError status_error(RequestRef request, int status, std::string_view body,
                              const model::Value* parsed) {
  const auto kind = status == 404 ? engine::ApiError::Kind::not_found : engine::ApiError::Kind::http;
  auto error = make_api_error(kind, request, "", status);
  if (parsed != nullptr) {
    collect_errors(*parsed, error);
  }
  if (error.errors.empty() && !body.empty()) {
    error.message = printable(body, k_excerpt_chars);
  }
  return error;
}

} // namespace

engine::ApiError make_api_error(engine::ApiError::Kind kind, RequestRef request,
                                std::string_view message, int status) {
  engine::ApiError error;
  error.kind = kind;
  error.status = status;
  error.method = std::string(request.method);
  error.path = Redactor::global().redact(request.path);
  // Messages may quote what the server sent (a key, a value): make them printable.
  error.message = printable(message, 2 * k_max_message_bytes);
  return error;
}

Result<model::Value, engine::ApiError> decode_envelope(RequestRef request, int status,
                                                       std::string_view body) {
  if (status >= 200 && status <= 299 && body.find_first_not_of(" \t\r\n") == std::string_view::npos) {
    // A 204 (or an empty 2xx) carries no envelope; callers that need `result` still fail.
    return model::Value(model::Object{});
  }
  auto parsed = parse_json(body);
  const bool is_object = parsed.ok() && parsed->is_object();
  if (status < 200 || status > 299) {
    return status_error(request, status, body, is_object ? &parsed.value() : nullptr);
  }
  if (!parsed) {
    // Often a web page (a wrong base URL, a captive proxy): show how the body begins,
    // redacted and cut (make_api_error makes the message printable).
    return make_api_error(engine::ApiError::Kind::decode, request,
                          parsed.error().message + "; the body begins: " +
                              printable(body, k_excerpt_chars),
                          status);
  }
  if (!is_object) {
    return make_api_error(engine::ApiError::Kind::decode, request,
                          "response body is not a JSON object", status);
  }
  if (const auto* success = parsed->find("success"); success != nullptr) {
    if (!success->is_bool()) {
      return make_api_error(engine::ApiError::Kind::decode, request,
                            "'success' is not a boolean", status);
    }
    if (!success->as_bool()) {
      return status_error(request, status, body, &parsed.value());
    }
  }
  return std::move(parsed).value();
}

Result<model::Value, engine::ApiError> envelope_member(RequestRef request,
                                                       const model::Value& body,
                                                       const std::string& key) {
  const auto* member = body.find(key);
  if (member == nullptr) {
    return make_api_error(engine::ApiError::Kind::decode, request,
                          "response has no '" + key + "'");
  }
  return *member;
}

} // namespace aigw::cloudflare
