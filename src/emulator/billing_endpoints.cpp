// Billing: credit balance, usage and invoice history, invoice preview, top-ups, and the two
// account-level singletons (auto top-up config, spending limit), set with POST and removed
// with DELETE. The emulator charges nothing: top-ups succeed at once with a test card.

#include "emulator/endpoints.h"
#include "emulator/validation.h"

#include <chrono>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Body;

namespace {

std::int64_t balance_of(const AccountRecord& account) {
  std::int64_t balance = 0;
  for (const auto& topup : account.topups) {
    balance += topup.amount;
  }
  return balance;
}

json::object test_card() { return json::object{{"brand", "visa"}, {"last4", "4242"}}; }

// POST of a singleton: validate against the reference and store exactly its fields.
ApiResult<json::object> singleton_body(const Request& request, Body kind) {
  auto body = parse_object_body(request.body);
  if (!body) {
    return body.error();
  }
  if (auto error = check_body(*body, kind)) {
    return *error;
  }
  return kept_fields(*body, kind, false);
}

// The reference types these objects as objects, never null, with fields the SDK marks
// `| null`: with nothing set, every field is null.
json::object spending_limit_config(const AccountRecord& account) {
  if (account.spending_limit.is_object()) {
    return account.spending_limit.as_object();
  }
  return json::object{{"amount", nullptr}, {"duration", nullptr}, {"strategy", nullptr}};
}

json::object topup_config_object(const AccountRecord& account) {
  json::object config{{"amount", nullptr},       {"disabledReason", nullptr}, {"error", nullptr},
                      {"lastFailedAt", nullptr}, {"threshold", nullptr}};
  if (account.topup_config.is_object()) {
    for (const auto& [key, value] : account.topup_config.as_object()) {
      config[key] = value;
    }
  }
  return config;
}

Response spending_limit(Call& call) {
  const std::string& method = call.request.method;
  if (method == "GET") {
    const bool enabled = call.account.spending_limit.is_object();
    return ok_result(
        json::object{{"config", spending_limit_config(call.account)}, {"enabled", enabled}});
  }
  if (method == "DELETE") {
    call.account.spending_limit = nullptr;
    note(call, Change::Kind::billing, "", "");
    return committed(json::object{});
  }
  if (method != "POST") {
    return method_not_allowed(call.request, "GET, POST, DELETE");
  }
  auto config = singleton_body(call.request, Body::spending_limit_set);
  if (!config) {
    return error_response(config.error());
  }
  call.account.spending_limit = std::move(*config);
  note(call, Change::Kind::billing, "", "");
  return committed(json::object{});
}

Response topup_config(Call& call) {
  const std::string& method = call.request.method;
  if (method == "GET") {
    return ok_result(topup_config_object(call.account));
  }
  if (method == "DELETE") {
    call.account.topup_config = nullptr;
    note(call, Change::Kind::billing, "", "");
    return committed(json::object{});
  }
  if (method != "POST") {
    return method_not_allowed(call.request, "GET, POST, DELETE");
  }
  auto config = singleton_body(call.request, Body::auto_topup_set);
  if (!config) {
    return error_response(config.error());
  }
  call.account.topup_config = *config;
  note(call, Change::Kind::billing, "", "");
  return committed(std::move(*config));
}

Response create_topup(Call& call) {
  auto body = parse_object_body(call.request.body);
  if (!body) {
    return error_response(body.error());
  }
  if (auto error = check_body(*body, Body::topup_create)) {
    return error_response(*error);
  }
  const auto* amount = body->if_contains("amount");
  const std::string intent = "pi_" + call.store.new_id();
  call.account.topups.put(
      intent, {intent, static_cast<std::int64_t>(amount->to_number<double>()), now_rfc3339()});
  note(call, Change::Kind::topup, "", intent);
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
  if (auto error = check_body(*body, Body::topup_status)) {
    return error_response(*error);
  }
  auto intent = require_string(*body, "payment_intent_id", 1, 256);
  if (!intent) {
    return error_response(intent.error());
  }
  if (call.account.topups.find(*intent) != nullptr) {
    return ok_result(json::object{{"payment_intent_id", *intent}, {"status", "completed"}});
  }
  return error_response(not_found("top-up '" + *intent + "' not found"));
}

Response usage_history(Call& call) {
  if (auto error = check_query(call.request, reference::Query::usage_history)) {
    return error_response(*error);
  }
  return ok_result(json::object{{"history", json::array{}}});
}

Response invoice_history(Call& call) {
  if (auto error = check_query(call.request, reference::Query::invoice_history)) {
    return error_response(*error);
  }
  const std::string* type = call.request.query_value("type");
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
                                {"topup_config", topup_config_object(call.account)},
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
      return method_not_allowed(call.request, "GET");
    }
    return path == "credit-balance"    ? credit_balance(call)
           : path == "usage-history"   ? usage_history(call)
           : path == "invoice-history" ? invoice_history(call)
                                       : invoice_preview();
  }
  if (path == "topup" || path == "topup/status") {
    if (method != "POST") {
      return method_not_allowed(call.request, "POST");
    }
    return path == "topup" ? create_topup(call) : topup_status(call);
  }
  return no_route(call.request);
}

} // namespace aigw::emulator
