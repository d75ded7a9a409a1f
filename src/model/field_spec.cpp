#include "model/field_spec.h"

#include "model/nested_fields.h"

#include <algorithm>
#include <array>

namespace aigw::model {
namespace {

using FT = FieldType;

FieldSpec ro(std::string_view name, FieldType type, std::string_view description) {
  FieldSpec s{name, type};
  s.read_only = true;
  s.description = description;
  return s;
}

const std::vector<FieldSpec>& gateway_table() {
  static const std::vector<FieldSpec> table = [] {
    std::vector<FieldSpec> t;
    auto add = [&t](FieldSpec s) { t.push_back(std::move(s)); };
    add({.name = "cache_invalidate_on_update", .type = FT::boolean, .required_on_create = true,
         .create_default = Value(false),
         .description = "Invalidate cached responses when the gateway is updated."});
    add({.name = "cache_ttl", .type = FT::number, .min = 0, .whole = true, .required_on_create = true,
         .create_default = Value(0), .description = "Cache time to live in seconds; 0 disables caching."});
    add({.name = "collect_logs", .type = FT::boolean, .required_on_create = true,
         .create_default = Value(true), .description = "Store request logs for this gateway."});
    add({.name = "rate_limiting_interval", .type = FT::number, .min = 0, .whole = true,
         .required_on_create = true, .create_default = Value(0),
         .description = "Rate limiting window in seconds; 0 disables rate limiting."});
    add({.name = "rate_limiting_limit", .type = FT::number, .min = 0, .whole = true, .required_on_create = true,
         .create_default = Value(0),
         .description = "Requests allowed per rate limiting window; 0 disables rate limiting."});
    add({.name = "authentication", .type = FT::boolean,
         .description = "Require an authenticated request (cf-aig-authorization) to use the gateway."});
    add({.name = "log_management", .type = FT::number, .min = 10000, .max = 10000000, .whole = true,
         .description = "Maximum number of logs kept for the gateway (10000..10000000)."});
    add({.name = "log_management_strategy", .type = FT::enumeration,
         .enum_values = {"STOP_INSERTING", "DELETE_OLDEST"},
         .description = "What happens when the log limit is reached."});
    add({.name = "logpush", .type = FT::boolean, .description = "Push logs with Logpush."});
    add({.name = "logpush_public_key", .type = FT::string, .min = 16, .max = 1024,
         .description = "Public key used to encrypt pushed logs (16..1024 characters)."});
    add({.name = "rate_limiting_technique", .type = FT::enumeration,
         .enum_values = {"fixed", "sliding"}, .description = "Rate limiting window technique."});
    add({.name = "retry_backoff", .type = FT::enumeration,
         .enum_values = {"constant", "linear", "exponential"},
         .description = "Backoff strategy for retry delays."});
    add({.name = "retry_delay", .type = FT::number, .min = 0, .max = 5000, .whole = true,
         .description = "Delay between retry attempts in milliseconds (0..5000)."});
    add({.name = "retry_max_attempts", .type = FT::number, .min = 1, .max = 5, .whole = true,
         .description = "Maximum number of retry attempts for failed requests (1..5)."});
    add({.name = "workers_ai_billing_mode", .type = FT::enumeration, .enum_values = {"postpaid"},
         .description = "How Workers AI calls through this gateway are billed; only 'postpaid'."});
    add({.name = "zdr", .type = FT::boolean, .description = "Zero data retention."});
    // Nested fields: the update call sets them, after create (see nested_fields.cpp).
    for (auto nested : {dlp_field(), guardrails_field(), otel_field(), stripe_field()}) {
      nested.accepted_on_create = false;
      add(std::move(nested));
    }
    add({.name = "store_id", .type = FT::string, .accepted_on_create = false,
         .description = "Store id."});
    t.push_back(ro("created_at", FT::string, "When the gateway was created."));
    t.push_back(ro("modified_at", FT::string, "When the gateway was last changed."));
    t.push_back(ro("is_default", FT::boolean, "Whether this is the account's default gateway."));
    return t;
  }();
  return table;
}

const std::vector<FieldSpec>& dataset_table() {
  static const std::vector<FieldSpec> table = [] {
    std::vector<FieldSpec> t;
    t.push_back({.name = "enable", .type = FT::boolean, .required_on_create = true,
                 .create_default = Value(true), .description = "Whether the dataset collects logs."});
    FieldSpec filters = filters_field();
    filters.required_on_create = true;
    filters.set_like = true;
    filters.create_default = Value(Array{});
    t.push_back(std::move(filters));
    t.push_back(ro("id", FT::string, "Server-assigned dataset id."));
    t.push_back(ro("gateway_id", FT::string, "The gateway the dataset belongs to."));
    t.push_back(ro("created_at", FT::string, "When the dataset was created."));
    t.push_back(ro("modified_at", FT::string, "When the dataset was last changed."));
    return t;
  }();
  return table;
}

const std::vector<FieldSpec>& provider_config_table() {
  static const std::vector<FieldSpec> table = [] {
    std::vector<FieldSpec> t;
    t.push_back({.name = "default_config", .type = FT::boolean, .required_on_create = true,
                 .create_default = Value(false),
                 .description = "Use this config when a request names no alias."});
    t.push_back({.name = "secret_id", .type = FT::string,
                 .description = "Id of a secret held in a Secrets Store, instead of `secret`."});
    t.push_back({.name = "rate_limit", .type = FT::number, .min = 0, .whole = true,
                 .description = "Requests allowed per rate limit period."});
    t.push_back({.name = "rate_limit_period", .type = FT::number, .min = 0, .whole = true,
                 .description = "Rate limit period in seconds."});
    FieldSpec secret{.name = "secret", .type = FT::string, .sensitive = true,
                     .description = "The provider API key; must come from ${ENV}; write-only."};
    t.push_back(secret);
    t.push_back(ro("id", FT::string, "Server-assigned provider config id."));
    t.push_back(ro("gateway_id", FT::string, "The gateway the config belongs to."));
    t.push_back(ro("modified_at", FT::string, "When the config was last changed."));
    t.push_back(ro("secret_preview", FT::string, "A preview of the stored secret."));
    return t;
  }();
  return table;
}

const std::vector<FieldSpec>& spending_limit_table() {
  static const std::vector<FieldSpec> table = {
      {.name = "amount", .type = FT::number, .min = 100, .whole = true, .required_on_create = true,
       .description = "Spending limit amount in cents (min 100)."},
      {.name = "duration", .type = FT::enumeration, .enum_values = {"daily", "weekly", "monthly"},
       .required_on_create = true, .description = "Spending limit duration."},
      {.name = "strategy", .type = FT::enumeration, .enum_values = {"fixed", "sliding"},
       .required_on_create = true, .description = "Spending limit strategy."},
  };
  return table;
}

const std::vector<FieldSpec>& auto_topup_table() {
  static const std::vector<FieldSpec> table = {
      {.name = "amount", .type = FT::number, .min = 1000, .whole = true, .required_on_create = true,
       .description = "Auto top-up amount in cents (min 1000)."},
      {.name = "threshold", .type = FT::number, .min = 500, .whole = true, .required_on_create = true,
       .description = "Balance threshold in cents that triggers auto top-up (min 500)."},
  };
  return table;
}

const std::vector<FieldSpec>& custom_provider_table() {
  static const std::vector<FieldSpec> table = [] {
    std::vector<FieldSpec> t;
    t.push_back({.name = "name", .type = FT::string, .min = 1, .required_on_create = true,
                 .description = "Display name of the provider."});
    t.push_back({.name = "base_url", .type = FT::string, .min = 1, .required_on_create = true,
                 .description = "Absolute http(s) URL requests are forwarded to.",
                 .web_url = true});
    t.push_back({.name = "beta", .type = FT::boolean, .description = "Mark the provider as beta."});
    t.push_back({.name = "enable", .type = FT::boolean,
                 .description = "Whether the provider can be used."});
    t.push_back({.name = "description", .type = FT::string, .description = "What the provider is."});
    t.push_back({.name = "link", .type = FT::string, .description = "Link to the provider's site."});
    t.push_back({.name = "curl_example", .type = FT::string,
                 .description = "Example request with curl."});
    t.push_back({.name = "js_example", .type = FT::string,
                 .description = "Example request in JavaScript."});
    t.push_back({.name = "position", .type = FT::number, .min = 0, .whole = true,
                 .description = "Sort position in the list."});
    t.push_back({.name = "headers", .type = FT::string, .sensitive = true,
                 .description = "Extra HTTP headers sent to the provider, as the text of a JSON "
                                "object; may hold credentials, so it must come from ${ENV}."});
    t.push_back(ro("id", FT::string, "Server-assigned custom provider id."));
    t.push_back(ro("logo", FT::string, "The provider's logo."));
    t.push_back(ro("created_at", FT::string, "When the provider was created."));
    t.push_back(ro("modified_at", FT::string, "When the provider was last changed."));
    return t;
  }();
  return table;
}

constexpr std::array<std::string_view, 14> k_guardrail_categories = {
    "P1", "S1", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9", "S10", "S11", "S12", "S13"};
// Llama Guard's hazard categories (S1..S13) and prompt injection (P1), as the dashboard
// names them.
constexpr std::array<std::string_view, 14> k_guardrail_descriptions = {
    "P1: Prompt injection. FLAG logs the match, BLOCK refuses the request.",
    "S1: Violent crimes. FLAG logs the match, BLOCK refuses the request.",
    "S2: Non-violent crimes. FLAG logs the match, BLOCK refuses the request.",
    "S3: Sex-related crimes. FLAG logs the match, BLOCK refuses the request.",
    "S4: Child sexual exploitation. FLAG logs the match, BLOCK refuses the request.",
    "S5: Defamation. FLAG logs the match, BLOCK refuses the request.",
    "S6: Specialized advice. FLAG logs the match, BLOCK refuses the request.",
    "S7: Privacy. FLAG logs the match, BLOCK refuses the request.",
    "S8: Intellectual property. FLAG logs the match, BLOCK refuses the request.",
    "S9: Indiscriminate weapons. FLAG logs the match, BLOCK refuses the request.",
    "S10: Hate. FLAG logs the match, BLOCK refuses the request.",
    "S11: Suicide and self-harm. FLAG logs the match, BLOCK refuses the request.",
    "S12: Sexual content. FLAG logs the match, BLOCK refuses the request.",
    "S13: Elections. FLAG logs the match, BLOCK refuses the request.",
};

/// The name at the start of path (up to '.' or '['), removed from path.
std::string_view take_name(std::string_view& path) {
  const auto end = std::min(path.find_first_of(".["), path.size());
  const auto name = path.substr(0, end);
  path.remove_prefix(end);
  return name;
}

const FieldSpec* find_member(const FieldSpec& object, std::string_view name) {
  for (const auto& member : object.members) {
    if (member.name == name) {
      return &member;
    }
  }
  for (const auto& variant : object.variants) {
    if (const auto* member = find_member(variant, name)) {
      return member;
    }
  }
  return nullptr;
}

bool is_leaf(const FieldSpec& spec) {
  return spec.type != FieldType::object && spec.type != FieldType::array &&
         spec.type != FieldType::map;
}
constexpr std::array<std::string_view, 13> k_filter_keys = {
    "created_at", "request_content_type", "response_content_type", "success", "cached",
    "provider", "model", "cost", "tokens", "tokens_in", "tokens_out", "duration", "feedback"};
constexpr std::array<std::string_view, 4> k_filter_operators = {"eq", "contains", "lt", "gt"};
constexpr std::array<std::string_view, 6> k_element_types = {"start", "conditional", "percentage",
                                                             "rate", "model", "end"};

} // namespace

std::string_view json_type_name(FieldType type) {
  switch (type) {
  case FieldType::boolean: return "boolean";
  case FieldType::number: return "number";
  case FieldType::string:
  case FieldType::enumeration: return "string";
  case FieldType::object:
  case FieldType::map: return "object";
  case FieldType::array: return "array";
  case FieldType::scalar: return "scalar";
  case FieldType::any: return "value";
  }
  return "value";
}

std::span<const FieldSpec> field_specs(ResourceKind kind) {
  switch (kind) {
  case ResourceKind::gateway: return gateway_table();
  case ResourceKind::dataset: return dataset_table();
  case ResourceKind::provider_config: return provider_config_table();
  case ResourceKind::spending_limit: return spending_limit_table();
  case ResourceKind::auto_topup: return auto_topup_table();
  case ResourceKind::custom_provider: return custom_provider_table();
  case ResourceKind::route: return {};
  }
  return {};
}

const FieldSpec* find_field(ResourceKind kind, std::string_view name) {
  for (const auto& spec : field_specs(kind)) {
    if (spec.name == name) {
      return &spec;
    }
  }
  return nullptr;
}

const FieldSpec* find_field_at(ResourceKind kind, std::string_view path) {
  const FieldSpec* spec = find_field(kind, take_name(path));
  while (spec != nullptr && !path.empty()) {
    if (path.front() == '[') {
      const auto close = path.find(']');
      if (close == std::string_view::npos || spec->type != FieldType::array) {
        return nullptr;
      }
      path.remove_prefix(close + 1);
      spec = spec->element.get();
    } else if (spec->type == FieldType::map && spec->element && is_leaf(*spec->element)) {
      // A key may hold '.' or '[': the whole rest is the key, and a leaf ends the path.
      return path.size() > 1 ? spec->element.get() : nullptr;
    } else {
      path.remove_prefix(1); // '.'
      const auto name = take_name(path);
      spec = spec->type == FieldType::map ? spec->element.get()
             : spec->type == FieldType::object ? find_member(*spec, name)
                                                : nullptr;
    }
  }
  return spec;
}

std::span<const std::string_view> guardrail_categories() { return k_guardrail_categories; }

std::string_view guardrail_category_description(std::string_view category) {
  for (std::size_t i = 0; i < k_guardrail_categories.size(); ++i) {
    if (k_guardrail_categories[i] == category) {
      return k_guardrail_descriptions[i];
    }
  }
  return {};
}
std::span<const std::string_view> dataset_filter_keys() { return k_filter_keys; }
std::span<const std::string_view> dataset_filter_operators() { return k_filter_operators; }
std::span<const std::string_view> route_element_types() { return k_element_types; }

} // namespace aigw::model
