// Dynamic routes with their versions and deployments. The envelopes follow the reference's
// quirks: lists answer under `data.routes` / `data.versions` / `data.deployments`, PATCH
// answers under `route`, and creating a version answers the route (without the new id).

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

constexpr std::size_t k_max_route_name_length = 256;

json::array deployed_elements(const RouteRecord& route) {
  const auto* version = route.deployed_version();
  return version != nullptr ? version->elements : json::array{};
}

// The route as create-version, deploy and delete answer it: no deployment/version objects.
json::object route_base(const GatewayRecord& gateway, const RouteRecord& route) {
  return json::object{{"id", route.id},
                      {"name", route.name},
                      {"gateway_id", gateway.id()},
                      {"created_at", route.created_at},
                      {"modified_at", route.modified_at},
                      {"elements", deployed_elements(route)}};
}

json::object deployment_json(const DeploymentRecord& deployment) {
  return json::object{{"deployment_id", deployment.deployment_id},
                      {"version_id", deployment.version_id},
                      {"created_at", deployment.created_at}};
}

json::object version_summary(const RouteRecord& route, const RouteVersionRecord& version) {
  const auto* deployed = route.deployed_version();
  const bool active = deployed != nullptr && deployed->version_id == version.version_id;
  // `active` is a string in the reference ("true"/"false"), and `data` the elements as JSON text.
  return json::object{{"version_id", version.version_id},
                      {"active", active ? "true" : "false"},
                      {"created_at", version.created_at},
                      {"data", json::serialize(version.elements)}};
}

json::object route_full(const Call& call, const GatewayRecord& gateway, const RouteRecord& route) {
  json::object object = route_base(gateway, route);
  object["account_tag"] = call.account_id;
  if (!route.deployments.empty()) {
    object["deployment"] = deployment_json(route.deployments.back());
  }
  if (const auto* version = route.deployed_version()) {
    object["version"] = version_summary(route, *version);
  }
  return object;
}

// A `data` list: paged when the query asks for it, otherwise the whole list (the reference
// documents no paging parameters for these calls, yet echoes page and per_page).
Response data_list(const Call& call, std::string_view key, const json::array& all) {
  const bool paged = call.request.query_value("page") != nullptr ||
                     call.request.query_value("per_page") != nullptr;
  PageRequest page{1, std::max<std::size_t>(all.size(), 1)};
  if (paged) {
    auto parsed = parse_page(call.request);
    if (!parsed) {
      return error_response(parsed.error());
    }
    page = *parsed;
  }
  json::object data{{key, slice_page(all, page)},
                    {"page", page.page},
                    {"per_page", page.per_page},
                    {"order_by", "created_at"},
                    {"order_by_direction", "asc"}};
  return ok_keyed("data", std::move(data));
}

bool name_taken(const GatewayRecord& gateway, const std::string& name, const RouteRecord* self) {
  return std::any_of(gateway.routes.begin(), gateway.routes.end(), [&](const RouteRecord& r) {
    return &r != self && r.name == name;
  });
}

ApiError duplicate_name(const GatewayRecord& gateway, const std::string& name) {
  return conflict("a route named '" + name + "' already exists in gateway '" + gateway.id() + "'");
}

// Adds a version with the body's elements; deploys it when asked (route creation does).
ApiResult<RouteVersionRecord*> add_version(Call& call, RouteRecord& route, const json::object& body) {
  const auto* elements = body.if_contains("elements");
  if (elements == nullptr) {
    return invalid_request("missing required field 'elements'");
  }
  if (auto error = check_route_elements(*elements)) {
    return *error;
  }
  const std::string now = now_rfc3339();
  route.versions.push_back({call.store.new_id(), now, elements->as_array()});
  route.modified_at = now;
  return &route.versions.back();
}

void deploy(Call& call, RouteRecord& route, const std::string& version_id) {
  const std::string now = now_rfc3339();
  route.deployments.push_back({call.store.new_id(), version_id, now});
  route.modified_at = now;
}

Response create_route(Call& call, GatewayRecord& gateway) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, reference::Body::route_create)) {
    return error_response(*error);
  }
  auto name = require_string(*body, "name", 1, k_max_route_name_length);
  if (!name) {
    return error_response(name.error());
  }
  if (name_taken(gateway, *name, nullptr)) {
    return error_response(duplicate_name(gateway, *name));
  }
  const std::string now = now_rfc3339();
  RouteRecord route{.id = call.store.new_id(), .name = *name, .created_at = now, .modified_at = now};
  auto version = add_version(call, route, *body);
  if (!version) {
    return error_response(version.error());
  }
  deploy(call, route, (*version)->version_id);
  const std::string id = route.id;
  const RouteRecord& stored = gateway.routes.put(id, std::move(route));
  note(call, Change::Kind::route, gateway.id(), id);
  return committed(route_full(call, gateway, stored));
}

Response rename_route(Call& call, GatewayRecord& gateway, RouteRecord& route) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, reference::Body::route_update)) {
    return error_response(*error);
  }
  auto name = require_string(*body, "name", 1, k_max_route_name_length);
  if (!name) {
    return error_response(name.error());
  }
  if (name_taken(gateway, *name, &route)) {
    return error_response(duplicate_name(gateway, *name));
  }
  route.name = *name;
  route.modified_at = now_rfc3339();
  note(call, Change::Kind::route, gateway.id(), route.id);
  return committed(ok_keyed("route", route_full(call, gateway, route)));
}

Response version_endpoints(Call& call, GatewayRecord& gateway, RouteRecord& route) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 6) {
    const std::string& version_id = call.segments[5];
    const auto* version = route.find_version(version_id);
    if (version == nullptr) {
      return error_response(not_found("version '" + version_id + "' not found"));
    }
    if (method != "GET") {
      return method_not_allowed(call.request, "GET");
    }
    json::object object = version_summary(route, *version);
    object["id"] = route.id;
    object["name"] = route.name;
    object["gateway_id"] = gateway.id();
    object["modified_at"] = route.modified_at;
    object["elements"] = version->elements;
    return ok_result(std::move(object));
  }
  if (method == "GET") {
    json::array all;
    for (const auto& version : route.versions) {
      all.push_back(version_summary(route, version));
    }
    return data_list(call, "versions", all);
  }
  if (method != "POST") {
    return method_not_allowed(call.request, "GET, POST");
  }
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  auto version = add_version(call, route, *body);
  if (!version) {
    return error_response(version.error());
  }
  note(call, Change::Kind::route, gateway.id(), route.id);
  return committed(route_base(gateway, route));
}

Response deployment_endpoints(Call& call, GatewayRecord& gateway, RouteRecord& route) {
  const std::string& method = call.request.method;
  if (call.segments.size() != 5) {
    return no_route(call.request);
  }
  if (method == "GET") {
    json::array all;
    for (const auto& deployment : route.deployments) {
      all.push_back(deployment_json(deployment));
    }
    return data_list(call, "deployments", all);
  }
  if (method != "POST") {
    return method_not_allowed(call.request, "GET, POST");
  }
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  auto version_id = require_string(*body, "version_id", 1, k_max_route_name_length);
  if (!version_id) {
    return error_response(version_id.error());
  }
  if (route.find_version(*version_id) == nullptr) {
    return error_response(not_found("version '" + *version_id + "' not found"));
  }
  deploy(call, route, *version_id);
  note(call, Change::Kind::route, gateway.id(), route.id);
  return committed(route_base(gateway, route));
}

Response one_route(Call& call, GatewayRecord& gateway, RouteRecord& route) {
  const std::string& method = call.request.method;
  if (method == "GET") {
    return ok_result(route_full(call, gateway, route));
  }
  if (method == "PATCH") {
    return rename_route(call, gateway, route);
  }
  if (method != "DELETE") {
    return method_not_allowed(call.request, "GET, PATCH, DELETE");
  }
  json::object removed = route_base(gateway, route);
  const std::string id = route.id;
  gateway.routes.erase(id);
  note(call, Change::Kind::route, gateway.id(), id);
  return committed(std::move(removed));
}

} // namespace

Response route_endpoints(Call& call, GatewayRecord& gateway) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 3) {
    if (method == "GET") {
      json::array all;
      for (const auto& route : gateway.routes) {
        all.push_back(route_full(call, gateway, route));
      }
      return data_list(call, "routes", all);
    }
    return method == "POST" ? create_route(call, gateway) : method_not_allowed(call.request, "GET, POST");
  }
  const std::string& id = call.segments[3];
  RouteRecord* route = gateway.routes.find(id);
  if (route == nullptr) {
    return error_response(not_found("route '" + id + "' not found"));
  }
  if (call.segments.size() == 4) {
    return one_route(call, gateway, *route);
  }
  if (call.segments[4] == "versions" && call.segments.size() <= 6) {
    return version_endpoints(call, gateway, *route);
  }
  if (call.segments[4] == "deployments") {
    return deployment_endpoints(call, gateway, *route);
  }
  return no_route(call.request);
}

} // namespace aigw::emulator
