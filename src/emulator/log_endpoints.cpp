// Logs: what the gateway endpoint (gateway_proxy.cpp) recorded. List with the documented
// filters, date range, order and paging; get one; PATCH its feedback, score and metadata;
// delete the matching ones; and the request and response payloads, answered raw as in the
// reference (no envelope).

#include "emulator/endpoints.h"
#include "emulator/log_query.h"
#include "emulator/validation.h"

#include <boost/json/serialize.hpp>

#include <algorithm>
#include <array>
#include <limits>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

// The fields of the list shape (the detail adds the request and response heads and sizes).
constexpr std::array<std::string_view, 19> k_list_fields = {
    "id",          "cached",         "created_at", "duration",   "model",
    "path",        "provider",       "success",    "tokens_in",  "tokens_out",
    "cost",        "custom_cost",    "metadata",   "model_type", "request_content_type",
    "request_type", "response_content_type", "status_code", "step"};

json::object list_shape(const json::object& fields) {
  json::object out;
  for (const auto key : k_list_fields) {
    if (const auto* value = fields.if_contains(key)) {
      out[key] = *value;
    }
  }
  return out;
}

// `meta_info=true` adds the minimum and maximum of the measures over the matching logs.
void add_meta_info(json::object& info, const std::vector<const LogRecord*>& logs) {
  const std::pair<const char*, std::vector<const char*>> measures[] = {
      {"cost", {"cost"}}, {"duration", {"duration"}}, {"tokens_in", {"tokens_in"}},
      {"tokens_out", {"tokens_out"}}, {"total_tokens", {"tokens_in", "tokens_out"}}};
  for (const auto& [name, parts] : measures) {
    double low = std::numeric_limits<double>::max();
    double high = 0;
    for (const auto* log : logs) {
      double value = 0;
      for (const char* part : parts) {
        const auto* field = log->fields.if_contains(part);
        value += field != nullptr && field->is_number() ? field->to_number<double>() : 0.0;
      }
      low = std::min(low, value);
      high = std::max(high, value);
    }
    info["min_" + std::string(name)] = logs.empty() ? 0.0 : low;
    info["max_" + std::string(name)] = high;
  }
}

Response list_logs(Call& call, GatewayRecord& gateway) {
  if (auto error = check_query(call.request, reference::Query::logs_list)) {
    return error_response(*error);
  }
  auto page = parse_page(call.request);
  if (!page) {
    return error_response(page.error());
  }
  auto logs = matching_logs(gateway, call.request);
  if (!logs) {
    return error_response(logs.error());
  }
  json::array items;
  const std::size_t begin = (page->page - 1) * page->per_page;
  for (std::size_t i = begin; i < logs->size() && i < begin + page->per_page; ++i) {
    items.push_back(list_shape((*logs)[i]->fields));
  }
  json::object info{{"count", items.size()},
                    {"page", page->page},
                    {"per_page", page->per_page},
                    {"total_count", logs->size()}};
  if (const auto* meta = call.request.query_value("meta_info"); meta != nullptr && *meta == "true") {
    add_meta_info(info, *logs);
  }
  return ok_result_with_info(std::move(items), std::move(info));
}

Response delete_logs(Call& call, GatewayRecord& gateway) {
  if (auto error = check_query(call.request, reference::Query::logs_delete)) {
    return error_response(*error);
  }
  auto logs = matching_logs(gateway, call.request);
  if (!logs) {
    return error_response(logs.error());
  }
  std::size_t limit = logs->size();
  if (const auto* text = call.request.query_value("limit")) {
    limit = std::min<std::size_t>(limit, static_cast<std::size_t>(std::stod(*text)));
  }
  std::vector<std::string> ids;
  for (std::size_t i = 0; i < limit; ++i) {
    ids.emplace_back((*logs)[i]->fields.at("id").as_string());
  }
  for (const auto& id : ids) {
    gateway.logs.erase(id);
    note(call, Change::Kind::log, gateway.id(), id);
  }
  // The reference answers `{"success": true}` without a `result`.
  return ids.empty() ? ok_without_result() : committed(ok_without_result());
}

Response patch_log(Call& call, GatewayRecord& gateway, LogRecord& log) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, reference::Body::log_patch)) {
    return error_response(*error);
  }
  if (const auto* feedback = body->if_contains("feedback")) {
    log.fields["feedback"] = *feedback;
  }
  if (const auto* score = body->if_contains("score")) {
    log.fields["score"] = *score;
  }
  if (const auto* metadata = body->if_contains("metadata")) {
    // `metadata` is a JSON text in log objects.
    log.fields["metadata"] = json::serialize(*metadata);
  }
  note(call, Change::Kind::log, gateway.id(), std::string(log.fields.at("id").as_string()));
  return committed(json::object{});
}

// The stored payload as the body, without an envelope.
Response raw_payload(const json::value& payload) {
  return Response{.status = 200, .body = json::serialize(payload)};
}

} // namespace

Response log_endpoints(Call& call, GatewayRecord& gateway) {
  const std::string& method = call.request.method;
  if (call.segments.size() == 3) {
    if (method == "GET") {
      return list_logs(call, gateway);
    }
    return method == "DELETE" ? delete_logs(call, gateway)
                              : method_not_allowed(call.request, "GET, DELETE");
  }
  const bool payload = call.segments.size() == 5 &&
                       (call.segments[4] == "request" || call.segments[4] == "response");
  if (call.segments.size() != 4 && !payload) {
    return no_route(call.request);
  }
  if (method != "GET" && !(method == "PATCH" && !payload)) {
    return method_not_allowed(call.request, payload ? "GET" : "GET, PATCH");
  }
  LogRecord* log = gateway.logs.find(call.segments[3]);
  if (log == nullptr) {
    return error_response(not_found("log '" + call.segments[3] + "' not found"));
  }
  if (method == "PATCH") {
    return patch_log(call, gateway, *log);
  }
  if (payload) {
    return raw_payload(call.segments[4] == "request" ? log->request : log->response);
  }
  return ok_result(log->fields);
}

Response url_endpoint(Call& call, GatewayRecord& gateway) {
  if (call.segments.size() != 4) {
    return no_route(call.request);
  }
  if (call.request.method != "GET") {
    return method_not_allowed(call.request, "GET");
  }
  return ok_result(json::string("https://gateway.ai.cloudflare.com/v1/" + call.account_id + "/" +
                                gateway.id() + "/" + call.segments[3]));
}

} // namespace aigw::emulator
