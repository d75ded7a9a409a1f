// Billing: credit balance, usage and invoice history, invoice preview, top-ups, and the two
// account-level singletons (auto top-up config, spending limit), set with POST and removed
// with DELETE. The emulator charges nothing: top-ups succeed at once with a test card.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <chrono>

namespace aigw::emulator {
namespace json = boost::json;
using model::ResourceKind;

namespace {

std::int64_t balance_of(const AccountRecord& account) {
  std::int64_t balance = 0;
  for (const auto& topup : account.topups) {
    balance += topup.amount;
  }
  return balance;
}

json::object test_card() { return json::object{{"brand", "visa"}, {"last4", "4242"}}; }

// POST of a singleton: validate against the field table and store exactly its fields.
ApiResult<json::object> singleton_body(const Request& request, ResourceKind kind) {
  auto body = parse_object_body(request.body);
  if (!body) {
    return body.error();
  }
  if (auto error = check_body(*body, kind, BodyMode::create)) {
    return *error;
  }
  json::object kept;
  for (const auto& spec : model::field_specs(kind)) {
    kept[spec.name] = body->at(spec.name);
  }
  return kept;
}

Response spending_limit(Call& call) {
  const std::string& method = call.request.method;
  if (method == "GET") {
    const bool enabled = !call.account.spending_limit.is_null();
    return ok_result(json::object{{"config", call.account.spending_limit}, {"enabled", enabled}});
  }
  if (method == "DELETE") {
    call.account.spending_limit = nullptr;
    return committed(json::object{});
  }
  if (method != "POST") {
    return method_not_allowed(call.request);
  }
  auto config = singleton_body(call.request, ResourceKind::spending_limit);
  if (!config) {
    return error_response(config.error());
  }
  call.account.spending_limit = std::move(*config);
  return committed(json::object{});
}

Response topup_config(Call& call) {
  const std::string& method = call.request.method;
  if (method == "GET") {
    return ok_result(call.account.topup_config);
  }
  if (method == "DELETE") {
    call.account.topup_config = nullptr;
    return committed(json::object{});
  }
  if (method != "POST") {
    return method_not_allowed(call.request);
  }
  auto config = singleton_body(call.request, ResourceKind::auto_topup);
  if (!config) {
    return error_response(config.error());
  }
  call.account.topup_config = *config;
  return committed(std::move(*config));
}

Response create_topup(Call& call) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  // Same rule as auto top-up: amount in cents, min 1000.
  const auto* amount = body->if_contains("amount");
  if (amount == nullptr) {
    return error_response(invalid_request("missing required field 'amount'"));
  }
  if (auto error = check_field(*model::find_field(ResourceKind::auto_topup, "amount"), *amount)) {
    return error_response(*error);
  }
  // Stored as whole cents; the upper bound keeps the conversion defined.
  constexpr double k_max_topup = 1e12;
  if (amount->is_null() || amount->to_number<double>() > k_max_topup) {
    return error_response(invalid_request("'amount' must be a number of cents up to 1e12"));
  }
  const std::string intent = "pi_" + call.store.new_id();
  call.account.topups.push_back(
      {intent, static_cast<std::int64_t>(amount->to_number<double>()), now_rfc3339()});
  json::object result = test_card();
  result["client_secret"] = intent + "_secret";
  result["onboarding"] = false;
  result["payment_intent_id"] = intent;
  return committed(std::move(result));
}

Response topup_status(Call& call) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  auto intent = require_string(*body, "payment_intent_id", 1, 256);
  if (!intent) {
    return error_response(intent.error());
  }
  for (const auto& topup : call.account.topups) {
    if (topup.payment_intent_id == *intent) {
      return ok_result(json::object{{"payment_intent_id", *intent}, {"status", "completed"}});
    }
  }
  return error_response(not_found("top-up '" + *intent + "' not found"));
}

Response usage_history(Call& call) {
  const std::string* window = call.request.query_value("value_grouping_window");
  if (window == nullptr || (*window != "day" && *window != "hour")) {
    return error_response(invalid_request("'value_grouping_window' must be 'day' or 'hour'"));
  }
  return ok_result(json::object{{"history", json::array{}}});
}

Response invoice_history(Call& call) {
  const std::string* type = call.request.query_value("type");
  if (type != nullptr && *type != "auto" && *type != "all" && *type != "manual") {
    return error_response(invalid_request("'type' must be one of: auto, all, manual"));
  }
  json::array invoices;
  // Top-ups are the only invoices, and they are manual ones.
  if (type == nullptr || *type != "auto") {
    for (const auto& topup : call.account.topups) {
      invoices.push_back(json::object{
          {"id", "in_" + topup.payment_intent_id.substr(3)}, {"amount_due", topup.amount},
          {"amount_paid", topup.amount}, {"amount_remaining", 0}, {"currency", "usd"},
          {"status", "paid"}, {"invoice_origin", "manual"}, {"description", "Credit top-up"}});
    }
  }
  const std::size_t count = invoices.size();
  json::object pagination{
      {"has_more", false}, {"page", 1}, {"per_page", count}, {"total_count", count}};
  return ok_result(json::object{{"invoices", std::move(invoices)}, {"pagination", pagination}});
}

Response invoice_preview() {
  using namespace std::chrono;
  const auto now = floor<seconds>(system_clock::now()).time_since_epoch().count();
  constexpr std::int64_t k_month = 30LL * 24 * 3600;
  return ok_result(json::object{{"id", "upcoming"}, {"amount_due", 0}, {"amount_paid", 0},
                                {"amount_remaining", 0}, {"currency", "usd"},
                                {"invoice_lines", json::array{}}, {"period_start", now},
                                {"period_end", now + k_month}, {"status", "draft"}});
}

Response credit_balance(Call& call) {
  return ok_result(json::object{{"balance", balance_of(call.account)},
                                {"has_default_payment_method", true},
                                {"payment_method", test_card()},
                                {"topup_config", call.account.topup_config},
                                {"first_topup_success", !call.account.topups.empty()}});
}

} // namespace

Response billing_endpoints(Call& call) {
  const auto& s = call.segments;
  const std::string& method = call.request.method;
  const std::string path = s.size() == 2 ? s[1] : s.size() == 3 ? s[1] + "/" + s[2] : "";
  if (path == "spending-limit") {
    return spending_limit(call);
  }
  if (path == "topup/config") {
    return topup_config(call);
  }
  const bool is_get = method == "GET";
  if (path == "credit-balance" || path == "usage-history" || path == "invoice-history" ||
      path == "invoice-preview") {
    if (!is_get) {
      return method_not_allowed(call.request);
    }
    return path == "credit-balance"    ? credit_balance(call)
           : path == "usage-history"   ? usage_history(call)
           : path == "invoice-history" ? invoice_history(call)
                                       : invoice_preview();
  }
  if (path == "topup" || path == "topup/status") {
    if (method != "POST") {
      return method_not_allowed(call.request);
    }
    return path == "topup" ? create_topup(call) : topup_status(call);
  }
  return no_route(call.request);
}

} // namespace aigw::emulator
