// Evaluation types (a fixed catalogue) and evaluations (list, get, create, delete). With no
// logs to evaluate, an evaluation is never processed and its results stay pending.

#include "emulator/endpoints.h"
#include "emulator/validation.h"
#include "util/concat.h"

#include <array>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

constexpr std::size_t k_max_name_length = 256;
constexpr std::string_view k_catalogue_time = "2024-01-01T00:00:00.000Z";

struct EvaluationType {
  std::string_view id;
  std::string_view name;
  std::string_view description;
};

constexpr std::array<EvaluationType, 3> k_evaluation_types = {{
    {"cost", "Cost", "Average cost of the requests in the dataset"},
    {"speed", "Speed", "Average duration of the requests in the dataset"},
    {"performance", "Performance", "Share of successful requests in the dataset"},
}};

bool is_evaluation_type(std::string_view id) {
  for (const auto& type : k_evaluation_types) {
    if (type.id == id) {
      return true;
    }
  }
  return false;
}

ApiResult<std::vector<std::string>> string_list(const json::object& body, std::string_view key) {
  const auto* value = body.if_contains(key);
  if (value == nullptr || !value->is_array() || value->as_array().empty()) {
    return invalid_request(concat("'", key, "' must be a non-empty array of strings"));
  }
  std::vector<std::string> out;
  for (const auto& item : value->as_array()) {
    if (!item.is_string()) {
      return invalid_request(concat("'", key, "' must be a non-empty array of strings"));
    }
    out.emplace_back(item.as_string());
  }
  return out;
}

Response list_evaluations(Call& call, GatewayRecord& gateway) {
  if (auto error = check_query(call.request, reference::Query::evaluations_list)) {
    return error_response(*error);
  }
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  auto processed = parse_bool_query(call.request, "processed");
  if (!processed) {
    return error_response(processed.error());
  }
  const std::string* name = call.request.query_value("name");
  const std::string* search = call.request.query_value("search");
  json::array all;
  for (const auto& evaluation : gateway.evaluations) {
    const std::string id = std::string(evaluation.at("id").as_string());
    const std::string own_name = std::string(evaluation.at("name").as_string());
    if ((name != nullptr && own_name != *name) ||
        (processed->has_value() && evaluation.at("processed").as_bool() != **processed) ||
        (search != nullptr && id.find(*search) == std::string::npos &&
         own_name.find(*search) == std::string::npos)) {
      continue;
    }
    all.push_back(evaluation);
  }
  return ok_page(all, *page);
}

Response create_evaluation(Call& call, GatewayRecord& gateway) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, reference::Body::evaluation_create)) {
    return error_response(*error);
  }
  auto name = require_string(*body, "name", 1, k_max_name_length);
  auto dataset_ids = string_list(*body, "dataset_ids");
  auto type_ids = string_list(*body, "evaluation_type_ids");
  if (!name || !dataset_ids || !type_ids) {
    return error_response(!name ? name.error() : !dataset_ids ? dataset_ids.error() : type_ids.error());
  }
  const std::string id = call.store.new_id();
  const std::string now = now_rfc3339();
  json::array datasets;
  for (const auto& dataset_id : *dataset_ids) {
    const json::object* dataset = gateway.datasets.find(dataset_id);
    if (dataset == nullptr) {
      return error_response(invalid_request("unknown dataset '" + dataset_id + "'"));
    }
    json::object copy = *dataset;
    copy["account_id"] = call.account_id;
    copy["account_tag"] = call.account_id;
    datasets.push_back(std::move(copy));
  }
  json::array results;
  for (const auto& type_id : *type_ids) {
    if (!is_evaluation_type(type_id)) {
      return error_response(invalid_request("unknown evaluation type '" + type_id + "'"));
    }
    results.push_back(json::object{{"id", call.store.new_id()}, {"evaluation_id", id},
                                   {"evaluation_type_id", type_id}, {"created_at", now},
                                   {"modified_at", now}, {"result", ""}, {"status", 0},
                                   {"status_description", "pending"}, {"total_logs", 0}});
  }
  json::object evaluation{{"id", id},         {"name", *name},
                          {"gateway_id", gateway.id()}, {"created_at", now},
                          {"modified_at", now}, {"processed", false},
                          {"total_logs", 0},  {"datasets", std::move(datasets)},
                          {"results", std::move(results)}};
  gateway.evaluations.put(id, evaluation);
  note(call, Change::Kind::evaluation, gateway.id(), id);
  return committed(std::move(evaluation));
}

} // namespace

Response evaluation_type_endpoints(Call& call) {
  if (call.segments.size() != 1) {
    return no_route(call.request);
  }
  if (call.request.method != "GET") {
    return method_not_allowed(call.request, "GET");
  }
  if (auto error = check_query(call.request, reference::Query::evaluation_types_list)) {
    return error_response(*error);
  }
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  json::array all;
  for (const auto& type : k_evaluation_types) {
    all.push_back(json::object{{"id", type.id}, {"name", type.name}, {"type", type.id},
                               {"description", type.description}, {"enable", true},
                               {"mandatory", false}, {"created_at", k_catalogue_time},
                               {"modified_at", k_catalogue_time}});
  }
  return ok_page(all, *page);
}

Response evaluation_endpoints(Call& call, GatewayRecord& gateway) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 3) {
    if (method == "GET") {
      return list_evaluations(call, gateway);
    }
    return method == "POST" ? create_evaluation(call, gateway)
                            : method_not_allowed(call.request, "GET, POST");
  }
  if (call.segments.size() != 4) {
    return no_route(call.request);
  }
  const std::string& id = call.segments[3];
  json::object* evaluation = gateway.evaluations.find(id);
  if (evaluation == nullptr) {
    return error_response(not_found("evaluation '" + id + "' not found"));
  }
  if (method == "GET") {
    return ok_result(*evaluation);
  }
  if (method != "DELETE") {
    return method_not_allowed(call.request, "GET, DELETE");
  }
  json::object removed = *evaluation;
  gateway.evaluations.erase(id);
  note(call, Change::Kind::evaluation, gateway.id(), id);
  return committed(std::move(removed));
}

} // namespace aigw::emulator
