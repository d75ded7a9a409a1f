#include "model/route_element_spec.h"

#include "model/nested_fields.h"

namespace aigw::model {
namespace {

using FT = FieldType;
using Outputs = RouteElementSpec::Outputs;

FieldSpec text(std::string_view name, std::string_view description) {
  return FieldSpec{.name = name, .type = FT::string, .min = 1, .description = description};
}

FieldSpec count(std::string_view name, double min, std::string_view description) {
  return FieldSpec{.name = name, .type = FT::number, .min = min, .whole = true,
                   .description = description};
}

std::vector<RouteElementSpec> make_specs() {
  std::vector<RouteElementSpec> specs;
  specs.push_back({.type = "start",
                   .description = "The entry of the route.",
                   .outputs = {{"next", true, "The first element."}},
                   .outputs_description = "start: next."});
  specs.push_back(
      {.type = "conditional",
       .description = "Chooses true or false by a condition on request metadata.",
       .properties = object_of(
           "properties", "conditional: the condition.",
           {FieldSpec{.name = "conditions", .type = FT::any,
                      .description = "MongoDB-like condition on request metadata, e.g. "
                                     "{metadata.plan: {$eq: pro}}."}}),
       .outputs = {{"true", true, "Where a matching request goes."},
                   {"false", true, "Where any other request goes."}},
       .outputs_description = "conditional: true and false."});
  specs.push_back({.type = "percentage",
                   .description = "Splits traffic by shares.",
                   .outputs_kind = Outputs::shares,
                   .outputs_description = "percentage: up to 5 shares named like '30%' totalling "
                                          "100, or less plus 'else'."});
  FieldSpec limit{.name = "limit", .type = FT::number, .min = 0,
                  .description = "Requests (count) or cost allowed per window (minimum 0)."};
  specs.push_back(
      {.type = "rate",
       .description = "Limits requests or cost per metadata key.",
       .properties = object_of(
           "properties", "rate: the limit.",
           {required(text("key", "Request metadata key the limit is counted per.")),
            required(std::move(limit)),
            required(FieldSpec{.name = "limitType", .type = FT::enumeration,
                               .enum_values = {"count", "cost"}, .description = "count or cost."}),
            required(count("window", 1, "Window in seconds (minimum 1)."))}),
       .properties_required = true,
       .outputs = {{"success", true, "Where a request within the limit goes."},
                   {"fallback", false, "Where a limited request goes; missing: the route ends."}},
       .outputs_description = "rate: success, and fallback when limited (optional)."});
  specs.push_back(
      {.type = "model",
       .description = "Calls a provider's model.",
       .properties = object_of(
           "properties", "model: the provider and model called.",
           {required(text("provider", "Provider slug, e.g. openai.")),
            required(text("model", "Model name, e.g. gpt-4o-mini.")),
            count("retries", 0, "Retries before the fallback output (minimum 0)."),
            count("timeout", 0, "Timeout in milliseconds (minimum 0).")}),
       .properties_required = true,
       .outputs = {{"success", true, "Where the model's answer goes."},
                   {"fallback", false, "Where a failed call goes; missing: the route ends."}},
       .outputs_description = "model: success, and fallback on failure (optional)."});
  specs.push_back({.type = "end",
                   .description = "The end of the route.",
                   .outputs_kind = Outputs::none,
                   .outputs_description = "end: no outputs."});
  return specs;
}

} // namespace

std::span<const RouteElementSpec> route_element_specs() {
  static const std::vector<RouteElementSpec> specs = make_specs();
  return specs;
}

const RouteElementSpec* find_route_element(std::string_view type) {
  for (const auto& spec : route_element_specs()) {
    if (spec.type == type) {
      return &spec;
    }
  }
  return nullptr;
}

} // namespace aigw::model
