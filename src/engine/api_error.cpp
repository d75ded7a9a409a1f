#include "engine/api_error.h"

#include <algorithm>

namespace aigw::engine {
namespace {

/// Cloudflare's "Could not route to /accounts/ID/..., perhaps your object identifier is
/// invalid?" (7003): for aigw, a wrong account id. "No route for that URI" (7000): a path
/// the API does not have, so a base URL with a wrong path, or a wrong account id.
bool has_routing_error(const std::vector<ApiError::Detail>& errors, int code) {
  return std::any_of(errors.begin(), errors.end(), [code](const ApiError::Detail& d) {
    return d.code == code && d.message.find("route") != std::string::npos;
  });
}

} // namespace

std::string ApiError::hint() const {
  if (has_routing_error(errors, 7003)) {
    return "check the account id: account_id in the YAML or CLOUDFLARE_ACCOUNT_ID";
  }
  if (has_routing_error(errors, 7000)) {
    return "check the API base URL: --api-url or CLOUDFLARE_API_BASE_URL (it ends in "
           "/client/v4); and the account id: account_id in the YAML or CLOUDFLARE_ACCOUNT_ID";
  }
  if (status == 401) {
    return "check the credentials: CLOUDFLARE_API_TOKEN (or CLOUDFLARE_EMAIL + "
           "CLOUDFLARE_API_KEY) is missing, mistyped, expired or revoked";
  }
  if (status == 403) {
    return "check the token's permissions: it needs Account > AI Gateway > Read to plan and "
           "Edit to apply, and Account > Billing for billing, on this account; and check the "
           "account id: account_id in the YAML or CLOUDFLARE_ACCOUNT_ID";
  }
  return "";
}

std::string ApiError::to_string() const {
  std::string out;
  if (!method.empty()) {
    out += method + " " + path + ": ";
  }
  switch (kind) {
  case Kind::network: out += "network error"; break;
  case Kind::timeout: out += "timed out"; break;
  case Kind::decode: out += "unexpected response"; break;
  case Kind::outcome_unknown: out += "outcome unknown (request sent, response lost)"; break;
  case Kind::config: out += "client configuration error"; break;
  case Kind::http:
  case Kind::not_found: out += "HTTP " + std::to_string(status); break;
  }
  for (const auto& e : errors) {
    out += ": [" + std::to_string(e.code) + "] " + e.message;
  }
  if (!message.empty()) {
    out += ": " + message;
  }
  if (const auto advice = hint(); !advice.empty()) {
    out += " (" + advice + ")";
  }
  return out;
}

} // namespace aigw::engine
