// Datasets: list (page, per_page, name, enable, search), get, create, update, delete. The
// name is unique within a gateway (inferred: it is the natural key; a duplicate is 409).

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <boost/json/serialize.hpp>

#include <algorithm>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Body;

namespace {

constexpr std::size_t k_max_name_length = 256;

std::string name_of(const json::object& dataset) {
  const auto* name = dataset.if_contains("name");
  return name != nullptr && name->is_string() ? std::string(name->as_string()) : std::string();
}

bool matches_search(const json::object& dataset, const std::string& search) {
  const std::string id = std::string(dataset.at("id").as_string());
  return id.find(search) != std::string::npos || name_of(dataset).find(search) != std::string::npos ||
         json::serialize(dataset.at("filters")).find(search) != std::string::npos;
}

Response list_datasets(Call& call, GatewayRecord& gateway) {
  if (auto error = check_query(call.request, reference::Query::datasets_list)) {
    return error_response(*error);
  }
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  auto enable = parse_bool_query(call.request, "enable");
  if (!enable) {
    return error_response(enable.error());
  }
  const std::string* name = call.request.query_value("name");
  const std::string* search = call.request.query_value("search");
  json::array all;
  for (const auto& dataset : gateway.datasets) {
    if ((name != nullptr && name_of(dataset) != *name) ||
        (enable->has_value() && dataset.at("enable").as_bool() != **enable) ||
        (search != nullptr && !matches_search(dataset, *search))) {
      continue;
    }
    all.push_back(dataset);
  }
  return ok_page(all, *page);
}

// Validates a create or update body; returns the dataset's name.
ApiResult<std::string> checked_body(const json::object& body) {
  auto name = require_string(body, "name", 1, k_max_name_length);
  if (!name) {
    return name;
  }
  if (auto error = check_body(body, Body::dataset_write)) {
    return *error;
  }
  return name;
}

bool name_taken(const GatewayRecord& gateway, const std::string& name, const json::object* self) {
  return std::any_of(gateway.datasets.begin(), gateway.datasets.end(), [&](const auto& d) {
    return &d != self && name_of(d) == name;
  });
}

Response write_dataset(Call& call, GatewayRecord& gateway, json::object* existing) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  auto name = checked_body(*body);
  if (!name) {
    return error_response(name.error());
  }
  if (name_taken(gateway, *name, existing)) {
    return error_response(conflict("a dataset named '" + *name + "' already exists in gateway '" +
                                   gateway.id() + "'"));
  }
  const std::string now = now_rfc3339();
  json::object fields{{"id", existing != nullptr ? existing->at("id") : json::value(call.store.new_id())},
                      {"name", *name},
                      {"enable", body->at("enable")},
                      {"filters", body->at("filters")},
                      {"gateway_id", gateway.id()},
                      {"created_at", existing != nullptr ? existing->at("created_at") : json::value(now)},
                      {"modified_at", now}};
  const std::string id(fields.at("id").as_string());
  gateway.datasets.put(id, fields);
  note(call, Change::Kind::dataset, gateway.id(), id);
  return committed(std::move(fields));
}

} // namespace

Response dataset_endpoints(Call& call, GatewayRecord& gateway) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 3) {
    if (method == "GET") {
      return list_datasets(call, gateway);
    }
    return method == "POST" ? write_dataset(call, gateway, nullptr)
                            : method_not_allowed(call.request, "GET, POST");
  }
  if (call.segments.size() != 4) {
    return no_route(call.request);
  }
  const std::string& id = call.segments[3];
  json::object* dataset = gateway.datasets.find(id);
  if (dataset == nullptr) {
    return error_response(not_found("dataset '" + id + "' not found"));
  }
  if (method == "GET") {
    return ok_result(*dataset);
  }
  if (method == "PUT") {
    return write_dataset(call, gateway, dataset);
  }
  if (method != "DELETE") {
    return method_not_allowed(call.request, "GET, PUT, DELETE");
  }
  json::object removed = *dataset;
  gateway.datasets.erase(id);
  note(call, Change::Kind::dataset, gateway.id(), id);
  return committed(std::move(removed));
}

} // namespace aigw::emulator
