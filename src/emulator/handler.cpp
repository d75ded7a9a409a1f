#include "emulator/handler.h"

#include "emulator/endpoints.h"
#include "emulator/gateway_proxy.h"

#include <boost/json/serialize.hpp>

#include <exception>

namespace aigw::emulator {

namespace {

int hex_value(char c) {
  if (c >= '0' && c <= '9') {
    return c - '0';
  }
  if (c >= 'a' && c <= 'f') {
    return c - 'a' + 10;
  }
  if (c >= 'A' && c <= 'F') {
    return c - 'A' + 10;
  }
  return -1;
}

// One segment's percent-escapes decoded; a malformed escape is kept as it is.
std::string decode_segment(std::string_view segment) {
  std::string out;
  out.reserve(segment.size());
  for (std::size_t i = 0; i < segment.size(); ++i) {
    if (segment[i] == '%' && i + 2 < segment.size()) {
      const int high = hex_value(segment[i + 1]);
      const int low = hex_value(segment[i + 2]);
      if (high >= 0 && low >= 0) {
        out += static_cast<char>(high * 16 + low);
        i += 2;
        continue;
      }
    }
    out += segment[i];
  }
  return out;
}

// Splits the path as sent and decodes each segment afterwards, so an id holding `/` (sent
// as %2F) stays one segment.
std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > start) {
      segments.push_back(decode_segment(std::string_view(path).substr(start, end - start)));
    }
    start = end + 1;
  }
  return segments;
}

bool is_authenticated(const Request& request) {
  if (const auto* authorization = request.header("authorization")) {
    constexpr std::string_view k_bearer = "Bearer ";
    if (authorization->size() > k_bearer.size() && authorization->starts_with(k_bearer)) {
      return true;
    }
  }
  const auto* email = request.header("x-auth-email");
  const auto* key = request.header("x-auth-key");
  return email != nullptr && key != nullptr && !email->empty() && !key->empty();
}

Response route_call(Store& store, const Request& request) {
  std::vector<std::string> segments = split_path(request.path);
  // client / v4 / accounts / {account_id} / ai-gateway / ...
  if (segments.size() < 6 || segments[0] != "client" || segments[1] != "v4" ||
      segments[2] != "accounts" || segments[4] != "ai-gateway") {
    return no_route(request);
  }
  const std::string account_id = segments[3];
  if (!store.has_access(account_id)) {
    // What the API answers a token that has no access to the account.
    return error_response({403, codes::k_no_account_access,
                           "Unauthorized to access requested resource"});
  }
  Call call{store, store.account(account_id), account_id, request,
            std::vector<std::string>(segments.begin() + 5, segments.end())};
  const std::string& group = call.segments[0];
  if (group == "gateways") {
    return gateway_endpoints(call);
  }
  if (group == "evaluation-types") {
    return evaluation_type_endpoints(call);
  }
  if (group == "billing") {
    return billing_endpoints(call);
  }
  if (group == "custom-providers") {
    return custom_provider_endpoints(call);
  }
  return no_route(request);
}

} // namespace

Response no_route(const Request& request) {
  return error_response({404, codes::k_no_route, "No route for " + request.method + " " + request.path});
}

Response method_not_allowed(const Request& request, std::string_view allow) {
  Response response = error_response(
      {405, codes::k_method_not_allowed, "Method " + request.method + " not allowed for " + request.path});
  response.headers.emplace_back("Allow", std::string(allow));
  return response;
}

void note(Call& call, Change::Kind kind, const std::string& gateway_id, const std::string& id) {
  call.store.note_change(Change{kind, call.account_id, gateway_id, id});
}

Response committed(boost::json::value result) { return committed(ok_result(std::move(result))); }

Response committed(Response response) {
  response.state_changed = true;
  return response;
}

namespace {

Response answer(Store& store, const Request& request) {
  // The gateway endpoint takes the provider's credentials, not a Cloudflare API token.
  if (const auto segments = split_path(request.path); is_gateway_path(segments)) {
    return gateway_proxy(store, request, segments);
  }
  if (!is_authenticated(request)) {
    return error_response({401, codes::k_unauthenticated,
                           "Authentication error: send 'Authorization: Bearer <token>' or "
                           "'X-Auth-Email' and 'X-Auth-Key'"});
  }
  return route_call(store, request);
}

} // namespace

Response handle(Store& store, const Request& request) {
  try {
    if (request.method == "HEAD") {
      // HEAD is GET without the body; 405s then name GET's path, which is what HEAD asked.
      Request as_get = request;
      as_get.method = "GET";
      Response response = answer(store, as_get);
      response.head_only = true;
      return response;
    }
    return answer(store, request);
  } catch (const std::exception& e) {
    // A bug, not an input problem: answer like the real API's 500 and keep serving.
    return error_response({500, codes::k_server_fault, std::string("internal error: ") + e.what()});
  }
}

} // namespace aigw::emulator
