#include "emulator/gateway_proxy.h"

#include "emulator/envelope.h"
#include "emulator/strict_json.h"

#include <boost/json/serialize.hpp>

#include <chrono>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

// Inferred: AI Gateway's own error codes for these cases are undocumented in the reference.
constexpr int k_unknown_gateway = 2001;
constexpr int k_gateway_unauthorized = 2009;
constexpr std::string_view k_canned_reply = "This is a canned reply from the aigw emulator.";
constexpr std::int64_t k_reply_tokens = 10;
// Prices per token for the `cost` field (inferred, a plausible small model's list price).
constexpr double k_input_price = 0.00000015;
constexpr double k_output_price = 0.0000006;

bool is_true(const json::object& fields, std::string_view key) {
  const auto* value = fields.if_contains(key);
  return value != nullptr && value->is_bool() && value->as_bool();
}

std::string joined_path(const std::vector<std::string>& segments, std::size_t from) {
  std::string out;
  for (std::size_t i = from; i < segments.size(); ++i) {
    out += (out.empty() ? "" : "/") + segments[i];
  }
  return out;
}

// The request as the log keeps it: the parsed JSON, or the text when it is not JSON.
json::value request_payload(const std::string& body) {
  auto parsed = parse_strict_json(body);
  if (auto* value = std::get_if<json::value>(&parsed)) {
    return std::move(*value);
  }
  return body.empty() ? json::value(nullptr) : json::value(json::string(body));
}

std::string header_text(const Request& request, bool redact_auth) {
  std::string out;
  for (const auto& [name, value] : request.headers) {
    const bool secret = name == "authorization" || name == "cf-aig-authorization" ||
                        name == "x-api-key" || name == "api-key" || name == "x-auth-key";
    out += name + ": " + (secret && redact_auth ? std::string("[REDACTED]") : value) + "\n";
  }
  return out;
}

struct Answer {
  int status = 200;
  json::value body;
};

Answer canned_answer(const Request& request, const json::value& payload, const std::string& model,
                     std::int64_t tokens_in) {
  if (request.method == "GET") {
    return {200, json::object{{"object", "list"}, {"data", json::array{}}}};
  }
  if (!payload.is_object()) {
    return {400, json::object{{"error", json::object{{"message", "the request body must be a JSON object"},
                                                      {"type", "invalid_request_error"}}}}};
  }
  const auto created = std::chrono::duration_cast<std::chrono::seconds>(
                           std::chrono::system_clock::now().time_since_epoch())
                           .count();
  return {200, json::object{
                   {"id", "chatcmpl-emulator"},
                   {"object", "chat.completion"},
                   {"created", created},
                   {"model", model},
                   {"choices", json::array{json::object{
                                   {"index", 0},
                                   {"message", json::object{{"role", "assistant"}, {"content", k_canned_reply}}},
                                   {"finish_reason", "stop"}}}},
                   {"usage", json::object{{"prompt_tokens", tokens_in},
                                          {"completion_tokens", k_reply_tokens},
                                          {"total_tokens", tokens_in + k_reply_tokens}}}}};
}

// Applies the gateway's log limit: false when the log must not be kept (STOP_INSERTING),
// else room is made by deleting the oldest (DELETE_OLDEST, the default).
bool make_room(Store& store, const std::string& account_id, GatewayRecord& gateway) {
  const auto* limit = gateway.fields.if_contains("log_management");
  if (limit == nullptr || !limit->is_number() ||
      static_cast<double>(gateway.logs.size()) < limit->to_number<double>()) {
    return true;
  }
  const auto* strategy = gateway.fields.if_contains("log_management_strategy");
  if (strategy != nullptr && strategy->is_string() && strategy->as_string() == "STOP_INSERTING") {
    return false;
  }
  const std::string oldest = gateway.logs.begin().id();
  gateway.logs.erase(oldest);
  store.note_change({Change::Kind::log, account_id, gateway.id(), oldest});
  return true;
}

} // namespace

bool is_gateway_path(const std::vector<std::string>& segments) {
  return !segments.empty() && segments[0] == "v1";
}

Response gateway_proxy(Store& store, const Request& request, const std::vector<std::string>& segments) {
  const auto started = std::chrono::steady_clock::now();
  if (segments.size() < 4) {
    return error_response({404, k_unknown_gateway, "use /v1/{account_id}/{gateway_id}/{provider}/..."});
  }
  const std::string& account_id = segments[1];
  const std::string& gateway_id = segments[2];
  const std::string& provider = segments[3];
  auto account = store.accounts().find(account_id);
  GatewayRecord* gateway = !store.has_access(account_id) || account == store.accounts().end()
                               ? nullptr
                               : account->second.find_gateway(gateway_id);
  if (gateway == nullptr) {
    return error_response({404, k_unknown_gateway, "gateway '" + gateway_id + "' not found"});
  }
  if (is_true(gateway->fields, "authentication")) {
    const auto* token = request.header("cf-aig-authorization");
    if (token == nullptr || !token->starts_with("Bearer ") || token->size() <= 7) {
      return error_response({401, k_gateway_unauthorized,
                             "this gateway requires 'cf-aig-authorization: Bearer <token>'"});
    }
  }
  const json::value payload = request_payload(request.body);
  std::string model;
  if (payload.is_object()) {
    if (const auto* name = payload.as_object().if_contains("model"); name != nullptr && name->is_string()) {
      model = name->as_string();
    }
  }
  const std::int64_t tokens_in = std::max<std::int64_t>(1, static_cast<std::int64_t>(request.body.size() / 4));
  Answer answer = canned_answer(request, payload, model, tokens_in);
  const bool success = answer.status < 400;
  Response response{.status = answer.status, .body = json::serialize(answer.body)};
  response.headers.emplace_back("cf-aig-cache-status", "MISS");

  const auto* collect = request.header("cf-aig-collect-log");
  if (!is_true(gateway->fields, "collect_logs") || (collect != nullptr && *collect == "false") ||
      !make_room(store, account_id, *gateway)) {
    return response;
  }
  const std::string id = store.new_id();
  const std::int64_t created_ms = now_ms();
  const std::int64_t tokens_out = success ? k_reply_tokens : 0;
  const auto duration = std::chrono::duration_cast<std::chrono::milliseconds>(
                            std::chrono::steady_clock::now() - started)
                            .count();
  const auto* content_type = request.header("content-type");
  json::object fields{
      {"id", id},
      {"cached", false},
      {"created_at", rfc3339_of(created_ms)},
      {"duration", duration},
      {"model", model},
      {"path", joined_path(segments, 4)},
      {"provider", provider},
      {"success", success},
      {"tokens_in", success ? tokens_in : 0},
      {"tokens_out", tokens_out},
      {"cost", success ? static_cast<double>(tokens_in) * k_input_price +
                             static_cast<double>(tokens_out) * k_output_price
                       : 0.0},
      {"custom_cost", false},
      {"request_content_type", content_type != nullptr ? *content_type : "application/json"},
      {"response_content_type", "application/json"},
      {"status_code", answer.status},
      {"step", 0},
      {"request_head", header_text(request, true)},
      {"request_head_complete", true},
      {"request_size", request.body.size()},
      {"response_head", "content-type: application/json\n"},
      {"response_head_complete", true},
      {"response_size", response.body.size()}};
  if (const auto* metadata = request.header("cf-aig-metadata")) {
    fields["metadata"] = *metadata;
  }
  gateway->logs.put(id, LogRecord{std::move(fields), created_ms, payload, std::move(answer.body)});
  store.note_change({Change::Kind::log, account_id, gateway_id, id});
  response.headers.emplace_back("cf-aig-log-id", id);
  response.state_changed = true;
  return response;
}

} // namespace aigw::emulator
