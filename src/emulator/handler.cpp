#include "emulator/handler.h"

#include "emulator/endpoints.h"

#include <boost/json/serialize.hpp>

#include <exception>

namespace aigw::emulator {

namespace {

std::vector<std::string> split_path(const std::string& path) {
  std::vector<std::string> segments;
  std::size_t start = 0;
  while (start <= path.size()) {
    const std::size_t slash = path.find('/', start);
    const std::size_t end = slash == std::string::npos ? path.size() : slash;
    if (end > start) {
      segments.push_back(path.substr(start, end - start));
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
  return no_route(request);
}

} // namespace

Response no_route(const Request& request) {
  return error_response({404, codes::k_no_route, "No route for " + request.method + " " + request.path});
}

Response method_not_allowed(const Request& request) {
  return error_response(
      {405, codes::k_method_not_allowed, "Method " + request.method + " not allowed for " + request.path});
}

Response committed(boost::json::value result) { return committed(ok_result(std::move(result))); }

Response committed(Response response) {
  response.state_changed = true;
  return response;
}

Response handle(Store& store, const Request& request) {
  if (!is_authenticated(request)) {
    return error_response({401, codes::k_unauthenticated,
                           "Authentication error: send 'Authorization: Bearer <token>' or "
                           "'X-Auth-Email' and 'X-Auth-Key'"});
  }
  try {
    return route_call(store, request);
  } catch (const std::exception& e) {
    // A bug, not an input problem: answer like the real API's 500 and keep serving.
    return error_response({500, codes::k_server_fault, std::string("internal error: ") + e.what()});
  }
}

} // namespace aigw::emulator
