#include "emulator/reference_fields.h"

#include <array>

namespace aigw::emulator::reference {
namespace {

using T = Type;

Field required(std::string_view name, Type type) {
  return Field{.name = name, .type = type, .required = true};
}
Field optional(std::string_view name, Type type) { return Field{.name = name, .type = type}; }
Field nullable(std::string_view name, Type type) {
  return Field{.name = name, .type = type, .nullable = true};
}
Field with_enum(Field field, std::vector<std::string_view> values) {
  field.type = T::enumeration;
  field.enum_values = std::move(values);
  return field;
}
Field with_range(Field field, std::optional<double> min, std::optional<double> max) {
  field.min = min;
  field.max = max;
  return field;
}
Field with_members(Field field, std::vector<Field> members) {
  field.type = T::object;
  field.members = std::move(members);
  return field;
}
Field array_of(Field field, Field item) {
  field.type = T::array;
  field.items = {std::move(item)};
  return field;
}

const std::vector<std::string_view> k_flag_block = {"FLAG", "BLOCK"};
const std::vector<std::string_view> k_guardrail_categories = {
    "P1", "S1", "S10", "S11", "S12", "S13", "S2", "S3", "S4", "S5", "S6", "S7", "S8", "S9"};

Field guardrail_side(std::string_view name) {
  std::vector<Field> categories;
  for (const auto category : k_guardrail_categories) {
    categories.push_back(with_enum(optional(category, T::enumeration), k_flag_block));
  }
  return with_members(required(name, T::object), std::move(categories));
}

// 002 types both sides as required members; the SDK too. aigw sends only the sides that are
// configured, and the API is documented nowhere to refuse that, so a missing side is
// accepted but an empty `guardrails` object is not (see docs/emulator.md).
Field guardrails() {
  Field prompt = guardrail_side("prompt");
  Field response = guardrail_side("response");
  prompt.required = false;
  response.required = false;
  Field field = with_members(nullable("guardrails", T::object), {prompt, response});
  field.min = 1;
  return field;
}

Field dlp() {
  Field profiles_form = with_members(
      required("dlp", T::object),
      {with_enum(required("action", T::enumeration), {"BLOCK", "FLAG"}),
       required("enabled", T::boolean),
       array_of(required("profiles", T::array), required("profile", T::string))});
  Field policy = with_members(
      required("policy", T::object),
      {required("id", T::string), with_enum(required("action", T::enumeration), {"FLAG", "BLOCK"}),
       array_of(required("check", T::array),
                with_enum(required("check", T::enumeration), {"REQUEST", "RESPONSE"})),
       required("enabled", T::boolean),
       array_of(required("profiles", T::array), required("profile", T::string))});
  Field policies_form =
      with_members(required("dlp", T::object),
                   {required("enabled", T::boolean),
                    array_of(required("policies", T::array), std::move(policy))});
  Field field = optional("dlp", T::one_of);
  field.variants = {std::move(profiles_form), std::move(policies_form)};
  return field;
}

Field otel() {
  Field url = with_range(required("url", T::string), std::nullopt, 2048);
  url.uri = true;
  Field exporter = with_members(
      required("exporter", T::object),
      {with_range(required("authorization", T::string), std::nullopt, 256),
       required("headers", T::string_map), std::move(url),
       with_enum(optional("content_type", T::enumeration), {"json", "protobuf"})});
  return array_of(nullable("otel", T::array), std::move(exporter));
}

Field stripe() {
  return with_members(
      nullable("stripe", T::object),
      {required("authorization", T::string),
       array_of(required("usage_events", T::array),
                with_members(required("usage_event", T::object),
                             {required("payload", T::string)}))});
}

// The fields both gateway bodies take.
std::vector<Field> gateway_common() {
  return {
      required("cache_invalidate_on_update", T::boolean),
      with_range(Field{.name = "cache_ttl", .type = T::integer, .required = true, .nullable = true},
                 0, std::nullopt),
      required("collect_logs", T::boolean),
      with_range(Field{.name = "rate_limiting_interval", .type = T::integer, .required = true,
                       .nullable = true},
                 0, std::nullopt),
      with_range(Field{.name = "rate_limiting_limit", .type = T::integer, .required = true,
                       .nullable = true},
                 0, std::nullopt),
      optional("authentication", T::boolean),
      with_range(nullable("log_management", T::integer), 10000, 10000000),
      with_enum(nullable("log_management_strategy", T::enumeration),
                {"STOP_INSERTING", "DELETE_OLDEST"}),
      optional("logpush", T::boolean),
      with_range(nullable("logpush_public_key", T::string), 16, 1024),
      with_enum(nullable("rate_limiting_technique", T::enumeration), {"fixed", "sliding"}),
      with_enum(nullable("retry_backoff", T::enumeration), {"constant", "linear", "exponential"}),
      with_range(nullable("retry_delay", T::integer), 0, 5000),
      with_range(nullable("retry_max_attempts", T::integer), 1, 5),
      with_enum(optional("workers_ai_billing_mode", T::enumeration), {"postpaid"}),
      optional("zdr", T::boolean),
  };
}

std::vector<Field> gateway_create_fields() {
  std::vector<Field> fields = gateway_common();
  fields.insert(fields.begin(), with_range(required("id", T::string), 1, 64));
  return fields;
}

std::vector<Field> gateway_update_fields() {
  std::vector<Field> fields = gateway_common();
  fields.push_back(dlp());
  fields.push_back(guardrails());
  fields.push_back(otel());
  fields.push_back(nullable("store_id", T::string));
  fields.push_back(stripe());
  return fields;
}

std::vector<Field> dataset_fields() {
  Field filter = with_members(
      required("filter", T::object),
      {with_enum(required("key", T::enumeration),
                 {"created_at", "request_content_type", "response_content_type", "success",
                  "cached", "provider", "model", "cost", "tokens", "tokens_in", "tokens_out",
                  "duration", "feedback"}),
       with_enum(required("operator", T::enumeration), {"eq", "contains", "lt", "gt"}),
       array_of(required("value", T::array), required("value", T::scalar))});
  // The reference gives no length for a dataset name; 1..256 is the emulator's own bound.
  return {required("enable", T::boolean), array_of(required("filters", T::array), filter),
          with_range(required("name", T::string), 1, 256)};
}

// Provider config: 002 lists both `secret` and `secret_id` as required, yet a config needs
// only one of them; the endpoint asks for at least one (see docs/emulator.md).
std::vector<Field> provider_config_fields() {
  return {with_range(required("alias", T::string), 1, 64),
          required("default_config", T::boolean),
          with_range(required("provider_slug", T::string), 1, 128),
          optional("secret", T::string),
          optional("secret_id", T::string),
          with_range(optional("rate_limit", T::integer), 0, std::nullopt),
          with_range(optional("rate_limit_period", T::integer), 0, std::nullopt)};
}

Field string_list(std::string_view name) {
  Field field = array_of(required(name, T::array), with_range(required("id", T::string), 1, std::nullopt));
  field.min = 1;
  return field;
}

const std::vector<Field>& fields_of(Body body) {
  static const std::vector<Field> gateway_create = gateway_create_fields();
  static const std::vector<Field> gateway_update = gateway_update_fields();
  static const std::vector<Field> dataset = dataset_fields();
  static const std::vector<Field> provider_config = provider_config_fields();
  // `elements` is checked element by element (check_route_elements): its union of six
  // object shapes is not a table.
  static const std::vector<Field> route_create = {
      with_range(required("name", T::string), 1, 256), required("elements", T::array)};
  static const std::vector<Field> route_update = {with_range(required("name", T::string), 1, 256)};
  static const std::vector<Field> version_create = {required("elements", T::array)};
  static const std::vector<Field> deployment_create = {
      with_range(required("version_id", T::string), 1, 256)};
  static const std::vector<Field> evaluation_create = {
      string_list("dataset_ids"), string_list("evaluation_type_ids"),
      with_range(required("name", T::string), 1, 256)};
  static const std::vector<Field> log_patch = {
      optional("feedback", T::number), optional("metadata", T::scalar_map),
      optional("score", T::number)};
  // Cents are whole numbers. The upper bound is the emulator's own: it keeps the sums exact.
  static const std::vector<Field> topup_create = {
      with_range(required("amount", T::integer), 1000, 1e12)};
  static const std::vector<Field> topup_status = {
      with_range(required("payment_intent_id", T::string), 1, 256)};
  static const std::vector<Field> auto_topup = {
      with_range(required("amount", T::integer), 1000, 1e12),
      with_range(required("threshold", T::integer), 500, 1e12)};
  static const std::vector<Field> spending_limit = {
      with_range(required("amount", T::integer), 100, 1e12),
      with_enum(required("duration", T::enumeration), {"daily", "weekly", "monthly"}),
      with_enum(required("strategy", T::enumeration), {"fixed", "sliding"})};
  switch (body) {
  case Body::gateway_create: return gateway_create;
  case Body::gateway_update: return gateway_update;
  case Body::dataset_write: return dataset;
  case Body::provider_config_create: return provider_config;
  case Body::route_create: return route_create;
  case Body::route_update: return route_update;
  case Body::version_create: return version_create;
  case Body::deployment_create: return deployment_create;
  case Body::evaluation_create: return evaluation_create;
  case Body::log_patch: return log_patch;
  case Body::topup_create: return topup_create;
  case Body::topup_status: return topup_status;
  case Body::auto_topup_set: return auto_topup;
  case Body::spending_limit_set: return spending_limit;
  }
  return gateway_create;
}

constexpr std::array<Body, 14> k_bodies = {
    Body::gateway_create,    Body::gateway_update,   Body::dataset_write,
    Body::provider_config_create, Body::route_create, Body::route_update,
    Body::version_create,    Body::deployment_create, Body::evaluation_create,
    Body::log_patch,         Body::topup_create,     Body::topup_status,
    Body::auto_topup_set,    Body::spending_limit_set};

Field page() { return with_range(optional("page", T::integer), 1, std::nullopt); }
Field per_page() { return with_range(optional("per_page", T::integer), 1, 100); }
const std::vector<std::string_view> k_asc_desc = {"asc", "desc"};

Field log_filters() {
  Field filter = with_members(
      required("filter", T::object),
      {with_enum(required("key", T::enumeration),
                 {"id", "created_at", "request_content_type", "response_content_type",
                  "request_type", "success", "cached", "provider", "model", "model_type", "cost",
                  "tokens", "tokens_in", "tokens_out", "duration", "feedback", "event_id",
                  "metadata.key", "metadata.value", "authentication", "wholesale",
                  "compatibilityMode", "dlp_action"}),
       with_enum(required("operator", T::enumeration), {"eq", "neq", "contains", "lt", "gt"}),
       array_of(required("value", T::array), required("value", T::scalar))});
  return array_of(optional("filters", T::array), std::move(filter));
}

std::vector<Field> logs_list_fields() {
  std::vector<Field> fields = {
      optional("cached", T::boolean),
      with_enum(optional("direction", T::enumeration), k_asc_desc),
      optional("end_date", T::string),
      with_enum(optional("feedback", T::enumeration), {"0", "1"}),
      log_filters(),
      optional("meta_info", T::boolean),
      optional("model", T::string),
      optional("model_type", T::string),
      with_enum(optional("order_by", T::enumeration),
                {"created_at", "provider", "model", "model_type", "success", "cached"}),
      with_enum(optional("order_by_direction", T::enumeration), k_asc_desc),
      page(),
      per_page(),
      optional("provider", T::string),
      optional("request_content_type", T::string),
      optional("response_content_type", T::string),
      optional("search", T::string),
      optional("start_date", T::string),
      optional("success", T::boolean)};
  for (const auto name : {"max_cost", "max_duration", "max_tokens_in", "max_tokens_out",
                          "max_total_tokens", "min_cost", "min_duration", "min_tokens_in",
                          "min_tokens_out", "min_total_tokens"}) {
    fields.push_back(optional(name, T::number));
  }
  return fields;
}

const std::vector<Field>& fields_of(Query query) {
  static const std::vector<Field> gateways = {page(), per_page(), optional("search", T::string)};
  static const std::vector<Field> evaluation_types = {
      optional("order_by", T::string), with_enum(optional("order_by_direction", T::enumeration), k_asc_desc),
      page(), per_page()};
  static const std::vector<Field> logs_list = logs_list_fields();
  static const std::vector<Field> logs_delete = {
      log_filters(), with_range(optional("limit", T::integer), 1, std::nullopt),
      with_enum(optional("order_by", T::enumeration),
                {"created_at", "provider", "model", "model_type", "success", "cached", "cost",
                 "tokens_in", "tokens_out", "duration", "feedback"}),
      with_enum(optional("order_by_direction", T::enumeration), k_asc_desc)};
  static const std::vector<Field> datasets = {optional("enable", T::boolean),
                                              optional("name", T::string), page(), per_page(),
                                              optional("search", T::string)};
  static const std::vector<Field> evaluations = {optional("name", T::string), page(), per_page(),
                                                 optional("processed", T::boolean),
                                                 optional("search", T::string)};
  static const std::vector<Field> usage_history = {
      with_enum(required("value_grouping_window", T::enumeration), {"day", "hour"}),
      with_range(optional("end_time", T::integer), 0, std::nullopt),
      with_range(optional("start_time", T::integer), 0, std::nullopt)};
  static const std::vector<Field> invoice_history = {
      with_enum(optional("type", T::enumeration), {"auto", "all", "manual"})};
  switch (query) {
  case Query::gateways_list: return gateways;
  case Query::evaluation_types_list: return evaluation_types;
  case Query::logs_list: return logs_list;
  case Query::logs_delete: return logs_delete;
  case Query::datasets_list: return datasets;
  case Query::evaluations_list: return evaluations;
  case Query::usage_history: return usage_history;
  case Query::invoice_history: return invoice_history;
  }
  return gateways;
}

constexpr std::array<Query, 8> k_queries = {
    Query::gateways_list,    Query::evaluation_types_list, Query::logs_list,
    Query::logs_delete,      Query::datasets_list,         Query::evaluations_list,
    Query::usage_history,    Query::invoice_history};

constexpr std::array<std::string_view, 6> k_element_types = {"start", "conditional", "percentage",
                                                             "rate", "model", "end"};

} // namespace

std::span<const Body> all_bodies() { return k_bodies; }

std::string_view seed_heading(Body body) {
  switch (body) {
  case Body::gateway_create: return "Create a new Gateway";
  case Body::gateway_update: return "Update a Gateway";
  case Body::dataset_write: return "Create a new Dataset";
  case Body::provider_config_create: return "Create a new Provider Configs";
  case Body::route_create: return "Create a new AI Gateway Dynamic Route.";
  case Body::route_update: return "Update an AI Gateway Dynamic Route.";
  case Body::version_create: return "Create a new AI Gateway Dynamic Route Version.";
  case Body::deployment_create: return "Create a new AI Gateway Dynamic Route Deployment.";
  case Body::evaluation_create: return "Create a new Evaluation";
  case Body::log_patch: return "Patch Gateway Log";
  case Body::topup_create: return "Create a top-up";
  case Body::topup_status: return "Check top-up status";
  case Body::auto_topup_set: return "Set auto top-up configuration";
  case Body::spending_limit_set: return "Set spending limit";
  }
  return "";
}

const std::vector<Field>& body_fields(Body body) { return fields_of(body); }

std::span<const Query> all_queries() { return k_queries; }

std::string_view seed_heading(Query query) {
  switch (query) {
  case Query::gateways_list: return "List Gateways";
  case Query::evaluation_types_list: return "List Evaluators";
  case Query::logs_list: return "List Gateway Logs";
  case Query::logs_delete: return "Delete Gateway Logs";
  case Query::datasets_list: return "List Datasets";
  case Query::evaluations_list: return "List Evaluations";
  case Query::usage_history: return "Get usage history";
  case Query::invoice_history: return "Get invoice history";
  }
  return "";
}

const std::vector<Field>& query_fields(Query query) { return fields_of(query); }

const std::vector<Field>* element_properties(std::string_view type) {
  static const std::vector<Field> conditional = {optional("conditions", T::any)};
  // 002 types `retries` and `timeout` as required members; aigw's configuration treats them
  // as optional and the API's behaviour without them is undocumented: accepted when absent.
  static const std::vector<Field> model = {
      with_range(required("model", T::string), 1, std::nullopt),
      with_range(required("provider", T::string), 1, std::nullopt),
      with_range(optional("retries", T::integer), 0, std::nullopt),
      with_range(optional("timeout", T::integer), 0, std::nullopt)};
  static const std::vector<Field> rate = {
      with_range(required("key", T::string), 1, std::nullopt),
      with_range(required("limit", T::number), 0, std::nullopt),
      with_enum(required("limitType", T::enumeration), {"count", "cost"}),
      with_range(required("window", T::integer), 1, std::nullopt)};
  if (type == "conditional") {
    return &conditional;
  }
  if (type == "model") {
    return &model;
  }
  if (type == "rate") {
    return &rate;
  }
  return nullptr;
}

// 002: start {next}, conditional {true, false}, rate and model {success, fallback};
// percentage and end take any names. 002 types a rate or model element's `fallback` as
// required too, but aigw's configuration (and its examples) treat it as optional, "a missing
// fallback ends the route", and the API's behaviour without it is undocumented, so it is
// accepted absent (see docs/emulator.md).
std::span<const std::string_view> element_required_outputs(std::string_view type) {
  static constexpr std::array<std::string_view, 1> k_start = {"next"};
  static constexpr std::array<std::string_view, 2> k_conditional = {"true", "false"};
  static constexpr std::array<std::string_view, 1> k_success = {"success"};
  if (type == "start") {
    return k_start;
  }
  if (type == "conditional") {
    return k_conditional;
  }
  if (type == "rate" || type == "model") {
    return k_success;
  }
  return {};
}

std::span<const std::string_view> element_types() { return k_element_types; }

} // namespace aigw::emulator::reference
