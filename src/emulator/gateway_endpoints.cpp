// Gateways: list (page, per_page, search), get, create, full-body update, delete; and the
// dispatch to everything that lives under one gateway.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <algorithm>

namespace aigw::emulator {
namespace json = boost::json;
using model::ResourceKind;

namespace {

constexpr std::size_t k_max_gateway_id_length = 64;

Response list_gateways(Call& call) {
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
  auto id = require_string(*body, "id", 1, k_max_gateway_id_length);
  if (!id) {
    return error_response(id.error());
  }
  if (auto error = check_body(*body, ResourceKind::gateway, BodyMode::create)) {
    return error_response(*error);
  }
  if (call.account.find_gateway(*id) != nullptr) {
    return error_response(conflict("a gateway with id '" + *id + "' already exists"));
  }
  json::object fields = kept_fields(*body, ResourceKind::gateway, BodyMode::create);
  const std::string now = now_rfc3339();
  fields["id"] = *id;
  fields["created_at"] = now;
  fields["modified_at"] = now;
  fields["is_default"] = false;
  call.account.gateways.push_back(GatewayRecord{.fields = fields});
  return committed(std::move(fields));
}

Response update_gateway(Call& call, GatewayRecord& gateway) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, ResourceKind::gateway, BodyMode::update)) {
    return error_response(*error);
  }
  // A full-body replace: fields the body leaves out are cleared, unknown ones are kept.
  json::object fields = kept_fields(*body, ResourceKind::gateway, BodyMode::update);
  fields.erase("id");
  for (const char* server_field : {"id", "created_at", "is_default"}) {
    if (const auto* value = gateway.fields.if_contains(server_field)) {
      fields[server_field] = *value;
    }
  }
  fields["modified_at"] = now_rfc3339();
  gateway.fields = fields;
  return committed(std::move(fields));
}

Response delete_gateway(Call& call, const std::string& id) {
  auto& gateways = call.account.gateways;
  const auto it = std::find_if(gateways.begin(), gateways.end(),
                               [&](const GatewayRecord& g) { return g.id() == id; });
  json::object fields = std::move(it->fields);
  gateways.erase(it);
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
    return method == "POST" ? create_gateway(call) : method_not_allowed(call.request);
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
  return method == "DELETE" ? delete_gateway(call, id) : method_not_allowed(call.request);
}

} // namespace aigw::emulator
