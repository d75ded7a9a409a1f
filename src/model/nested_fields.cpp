#include "model/nested_fields.h"

namespace aigw::model {
namespace {

using FT = FieldType;

FieldSpec leaf(std::string_view name, FieldType type, std::string_view description) {
  return FieldSpec{.name = name, .type = type, .description = description};
}

FieldSpec enumeration(std::string_view name, std::vector<std::string_view> values,
                      std::string_view description) {
  return FieldSpec{.name = name, .type = FT::enumeration, .enum_values = std::move(values),
                   .description = description};
}

FieldSpec sensitive(FieldSpec spec) {
  spec.sensitive = true;
  return spec;
}

FieldSpec set_like(FieldSpec spec) {
  spec.set_like = true;
  return spec;
}

FieldSpec profile_ids() {
  return set_like(array_of("profiles", "DLP profile ids; order has no meaning.",
                           leaf("", FT::string, "A DLP profile id.")));
}

FieldSpec guardrail_side(std::string_view name, std::string_view description) {
  std::vector<FieldSpec> categories;
  for (const auto category : guardrail_categories()) {
    FieldSpec action = enumeration(category, {"FLAG", "BLOCK"}, guardrail_category_description(category));
    categories.push_back(std::move(action));
  }
  return object_of(name, description, std::move(categories));
}

} // namespace

FieldSpec object_of(std::string_view name, std::string_view description,
                    std::vector<FieldSpec> members) {
  return FieldSpec{.name = name, .type = FT::object, .description = description,
                   .members = std::move(members)};
}

FieldSpec array_of(std::string_view name, std::string_view description, FieldSpec item) {
  return FieldSpec{.name = name, .type = FT::array, .description = description,
                   .element = std::make_shared<const FieldSpec>(std::move(item))};
}

FieldSpec map_of(std::string_view name, std::string_view description, FieldSpec value) {
  return FieldSpec{.name = name, .type = FT::map, .description = description,
                   .element = std::make_shared<const FieldSpec>(std::move(value))};
}

FieldSpec required(FieldSpec spec) {
  spec.required = true;
  return spec;
}

FieldSpec dlp_field() {
  FieldSpec profiles_form = object_of(
      "", "DLP with one action for a list of profiles.",
      {required(enumeration("action", {"BLOCK", "FLAG"}, "What to do on a match: BLOCK or FLAG.")),
       required(leaf("enabled", FT::boolean, "Whether DLP is enabled.")),
       required(profile_ids())});
  // The SDK orders a policy's actions FLAG, BLOCK (and the profiles form's BLOCK, FLAG).
  FieldSpec policy = object_of(
      "", "One DLP policy.",
      {required(leaf("id", FT::string, "Policy id.")),
       required(enumeration("action", {"FLAG", "BLOCK"}, "What to do on a match: FLAG or BLOCK.")),
       required(set_like(array_of("check", "What to scan: REQUEST, RESPONSE or both; order has no meaning.",
                                  enumeration("", {"REQUEST", "RESPONSE"}, "Scanned side.")))),
       required(leaf("enabled", FT::boolean, "Whether the policy is enabled.")),
       required(profile_ids())});
  FieldSpec policies_form = object_of(
      "", "DLP with per-policy actions.",
      {required(leaf("enabled", FT::boolean, "Whether DLP is enabled.")),
       required(set_like(array_of("policies", "DLP policies; order has no meaning.",
                                  std::move(policy))))});
  FieldSpec dlp{.name = "dlp", .type = FT::object,
                .description = "Data loss prevention: {action, enabled, profiles} or {enabled, policies}."};
  dlp.variants = {std::move(profiles_form), std::move(policies_form)};
  return dlp;
}

FieldSpec guardrails_field() {
  return object_of(
      "guardrails",
      "Guardrails: {prompt, response}, each mapping a category (P1, S1..S13) to FLAG or BLOCK.",
      {guardrail_side("prompt", "Guardrail actions applied to the prompt: category -> FLAG (log) "
                                "or BLOCK (refuse)."),
       guardrail_side("response", "Guardrail actions applied to the response: category -> FLAG "
                                  "(log) or BLOCK (refuse).")});
}

FieldSpec otel_field() {
  FieldSpec authorization = leaf("authorization", FT::string,
                                 "Authorization header value sent to the collector (at most 256 "
                                 "characters); use ${ENV}.");
  authorization.max = 256;
  FieldSpec url = leaf("url", FT::string, "Collector URL (at most 2048 characters).");
  url.min = 1;
  url.max = 2048;
  url.web_url = true;
  FieldSpec exporter = object_of(
      "", "One OpenTelemetry exporter.",
      {required(sensitive(std::move(authorization))),
       required(map_of("headers", "Extra headers sent to the collector; values are credentials.",
                       sensitive(leaf("", FT::string, "A header value.")))),
       required(std::move(url)),
       enumeration("content_type", {"json", "protobuf"}, "Export encoding: json or protobuf.")});
  return set_like(array_of("otel",
                           "OpenTelemetry exporters: [{authorization, headers, url, content_type}]; "
                           "order has no meaning.",
                           std::move(exporter)));
}

FieldSpec stripe_field() {
  FieldSpec event = object_of("", "One usage event.",
                              {required(leaf("payload", FT::string, "Event payload."))});
  return object_of(
      "stripe", "Stripe usage billing: {authorization, usage_events: [{payload}]}.",
      {required(sensitive(leaf("authorization", FT::string, "Stripe authorization; use ${ENV}."))),
       required(array_of("usage_events", "Usage events sent to Stripe.", std::move(event)))});
}

FieldSpec filters_field() {
  const auto keys = dataset_filter_keys();
  const auto operators = dataset_filter_operators();
  FieldSpec filter = object_of(
      "", "One filter: key, operator, value.",
      {required(enumeration("key", {keys.begin(), keys.end()}, "The log field filtered on.")),
       required(enumeration("operator", {operators.begin(), operators.end()},
                            "Comparison: eq, contains, lt or gt.")),
       required(set_like(array_of("value", "Values compared with; order has no meaning.",
                                  leaf("", FT::scalar, "A string, number or boolean."))))});
  return array_of("filters", "Log filters: [{key, operator, value: [...]}]; order has no meaning.",
                  std::move(filter));
}

} // namespace aigw::model
