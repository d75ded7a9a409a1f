// Gateways: list (page, per_page, search), get, create, full-body update, delete; and the
// dispatch to everything that lives under one gateway.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <algorithm>
#include <array>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Body;

namespace {

// Fields the server sets; a body that carries them does not change them.
constexpr std::array<std::string_view, 4> k_server_fields = {"id", "created_at", "modified_at",
                                                             "is_default"};

Response list_gateways(Call& call) {
  if (auto error = check_query(call.request, reference::Query::gateways_list)) {
    return error_response(*error);
  }
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  const std::string* search = call.request.query_value("search");
  json::array all;
  for (const auto& gateway : call.account.gateways) {
    if (search == nullptr || gateway.id().find(*search) != std::string::npos) {
      all.push_back(gateway.fields);
    }
  }
  return ok_page(all, *page);
}

Response create_gateway(Call& call) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, Body::gateway_create)) {
    return error_response(*error);
  }
  const std::string id(body->at("id").as_string());
  if (call.account.find_gateway(id) != nullptr) {
    return error_response(conflict("a gateway with id '" + id + "' already exists"));
  }
  json::object fields = kept_fields(*body, Body::gateway_create, false, k_server_fields);
  const std::string now = now_rfc3339();
  fields["id"] = id;
  fields["created_at"] = now;
  fields["modified_at"] = now;
  fields["is_default"] = false;
  call.account.gateways.put(id, GatewayRecord{.fields = fields});
  note(call, Change::Kind::gateway, id, id);
  return committed(std::move(fields));
}

Response update_gateway(Call& call, GatewayRecord& gateway) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, Body::gateway_update)) {
    return error_response(*error);
  }
  // A full-body replace: fields the body leaves out are cleared, unknown ones are kept.
  json::object fields = kept_fields(*body, Body::gateway_update, true, k_server_fields);
  for (const char* server_field : {"id", "created_at", "is_default"}) {
    if (const auto* value = gateway.fields.if_contains(server_field)) {
      fields[server_field] = *value;
    }
  }
  fields["modified_at"] = now_rfc3339();
  gateway.fields = fields;
  note(call, Change::Kind::gateway, gateway.id(), gateway.id());
  return committed(std::move(fields));
}

Response delete_gateway(Call& call, const std::string& id) {
  json::object fields = std::move(call.account.gateways.find(id)->fields);
  call.account.gateways.erase(id);
  note(call, Change::Kind::gateway, id, id);
  return committed(std::move(fields));
}

Response gateway_children(Call& call, GatewayRecord& gateway) {
  const std::string& child = call.segments[2];
  if (child == "datasets") {
    return dataset_endpoints(call, gateway);
  }
  if (child == "routes") {
    return route_endpoints(call, gateway);
  }
  if (child == "provider_configs") {
    return provider_config_endpoints(call, gateway);
  }
  if (child == "evaluations") {
    return evaluation_endpoints(call, gateway);
  }
  if (child == "logs") {
    return log_endpoints(call, gateway);
  }
  if (child == "url") {
    return url_endpoint(call, gateway);
  }
  return no_route(call.request);
}

} // namespace

Response gateway_endpoints(Call& call) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 1) {
    if (method == "GET") {
      return list_gateways(call);
    }
    return method == "POST" ? create_gateway(call) : method_not_allowed(call.request, "GET, POST");
  }
  const std::string& id = call.segments[1];
  GatewayRecord* gateway = call.account.find_gateway(id);
  if (gateway == nullptr) {
    return error_response(not_found("gateway '" + id + "' not found"));
  }
  if (call.segments.size() > 2) {
    return gateway_children(call, *gateway);
  }
  if (method == "GET") {
    return ok_result(gateway->fields);
  }
  if (method == "PUT") {
    return update_gateway(call, *gateway);
  }
  return method == "DELETE" ? delete_gateway(call, id)
                            : method_not_allowed(call.request, "GET, PUT, DELETE");
}

} // namespace aigw::emulator
