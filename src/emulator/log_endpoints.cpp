// Logs: the emulator proxies no AI traffic, so its log store is empty. Lists are empty
// pages, a log id is always unknown (404), and deleting logs succeeds with nothing deleted.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

namespace aigw::emulator {
namespace json = boost::json;

Response log_endpoints(Call& call, GatewayRecord& /*gateway*/) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 3) {
    if (method == "GET") {
      auto page = parse_page(call.request);
      return page ? ok_page(json::array{}, *page) : error_response(page.error());
    }
    return method == "DELETE" ? ok_result(json::object{}) : method_not_allowed(call.request);
  }
  const bool payload = call.segments.size() == 5 &&
                       (call.segments[4] == "request" || call.segments[4] == "response");
  if (call.segments.size() != 4 && !payload) {
    return no_route(call.request);
  }
  if (method != "GET" && !(method == "PATCH" && !payload)) {
    return method_not_allowed(call.request);
  }
  if (method == "PATCH") {
    // Validate the body like the real API would before looking the log up.
    auto body = parse_object_body(call.request.body);
    if (!body) {
      return error_response(body.error());
    }
  }
  return error_response(not_found("log '" + call.segments[3] + "' not found"));
}

Response url_endpoint(Call& call, GatewayRecord& gateway) {
  if (call.segments.size() != 4) {
    return no_route(call.request);
  }
  if (call.request.method != "GET") {
    return method_not_allowed(call.request);
  }
  return ok_result(json::string("https://gateway.ai.cloudflare.com/v1/" + call.account_id + "/" +
                                gateway.id() + "/" + call.segments[3]));
}

} // namespace aigw::emulator
