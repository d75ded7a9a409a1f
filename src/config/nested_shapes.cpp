// The shapes of nested fields, from the API reference (002: gateway update body, dataset
// create body, dynamic route elements). Kept beside schemas/aigw.schema.json, which
// describes the same shapes for editors.

#include "config/shape.h"

namespace aigw::config {
namespace {

using K = Shape::Kind;

Shape kind(K k) {
  return Shape{.kind = k};
}

Shape enumeration(std::vector<std::string_view> values) {
  return Shape{.kind = K::enumeration, .enum_values = std::move(values)};
}

Shape string_of_length(std::optional<double> min, std::optional<double> max) {
  return Shape{.kind = K::string, .min = min, .max = max};
}

Shape list_of(Shape item) {
  return Shape{.kind = K::array, .items = std::make_shared<const Shape>(std::move(item))};
}

Shape object(std::vector<Property> properties) {
  return Shape{.kind = K::object, .properties = std::move(properties)};
}

Shape guardrail_side() {
  std::vector<Property> categories;
  for (const auto category : model::guardrail_categories()) {
    categories.push_back({category, enumeration({"FLAG", "BLOCK"})});
  }
  return object(std::move(categories));
}

Shape guardrails() {
  return object({{"prompt", guardrail_side()}, {"response", guardrail_side()}});
}

Shape dlp() {
  const Shape action = enumeration({"BLOCK", "FLAG"});
  Shape profiles_form = object({{"action", action, true},
                                {"enabled", kind(K::boolean), true},
                                {"profiles", list_of(kind(K::string)), true}});
  Shape policy = object({{"id", kind(K::string), true},
                         {"action", action, true},
                         {"check", list_of(enumeration({"REQUEST", "RESPONSE"})), true},
                         {"enabled", kind(K::boolean), true},
                         {"profiles", list_of(kind(K::string)), true}});
  Shape policies_form =
      object({{"enabled", kind(K::boolean), true}, {"policies", list_of(std::move(policy)), true}});
  return Shape{.kind = K::one_of, .variants = {std::move(profiles_form), std::move(policies_form)}};
}

Shape otel() {
  return list_of(object({{"authorization", string_of_length(std::nullopt, 256), true},
                         {"headers", kind(K::string_map), true},
                         {"url", string_of_length(1, 2048), true},
                         {"content_type", enumeration({"json", "protobuf"})}}));
}

Shape stripe() {
  return object({{"authorization", kind(K::string), true},
                 {"usage_events", list_of(object({{"payload", kind(K::string), true}})), true}});
}

Shape filters() {
  std::vector<std::string_view> keys(model::dataset_filter_keys().begin(),
                                     model::dataset_filter_keys().end());
  std::vector<std::string_view> operators(model::dataset_filter_operators().begin(),
                                          model::dataset_filter_operators().end());
  return list_of(object({{"key", enumeration(std::move(keys)), true},
                         {"operator", enumeration(std::move(operators)), true},
                         {"value", list_of(kind(K::scalar)), true}}));
}

Shape nested_shape(std::string_view name) {
  if (name == "guardrails") {
    return guardrails();
  }
  if (name == "dlp") {
    return dlp();
  }
  if (name == "otel") {
    return otel();
  }
  if (name == "stripe") {
    return stripe();
  }
  if (name == "filters") {
    return filters();
  }
  return kind(K::any);
}

} // namespace

Shape shape_of(model::ResourceKind /*kind*/, const model::FieldSpec &spec) {
  using FT = model::FieldType;
  switch (spec.type) {
  case FT::boolean: return kind(K::boolean);
  case FT::number: return Shape{.kind = K::number, .min = spec.min, .max = spec.max, .whole = spec.whole};
  case FT::string: return string_of_length(spec.min, spec.max);
  case FT::enumeration: return enumeration({spec.enum_values.begin(), spec.enum_values.end()});
  case FT::object:
  case FT::array: return nested_shape(spec.name);
  }
  return kind(K::any);
}

std::optional<Shape> element_properties_shape(std::string_view type) {
  const Shape non_negative{.kind = K::number, .min = 0};
  const Shape whole_non_negative{.kind = K::number, .min = 0, .whole = true};
  if (type == "conditional") {
    return object({{"conditions", kind(K::any)}});
  }
  if (type == "rate") {
    return object({{"key", string_of_length(1, std::nullopt), true},
                   {"limit", non_negative, true},
                   {"limitType", enumeration({"count", "cost"}), true},
                   {"window", Shape{.kind = K::number, .min = 1, .whole = true}, true}});
  }
  if (type == "model") {
    return object({{"provider", string_of_length(1, std::nullopt), true},
                   {"model", string_of_length(1, std::nullopt), true},
                   {"retries", whole_non_negative},
                   {"timeout", whole_non_negative}});
  }
  return std::nullopt;
}

} // namespace aigw::config
