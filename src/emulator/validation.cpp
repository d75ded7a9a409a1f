#include "emulator/validation.h"

#include <boost/json/parse.hpp>

#include <algorithm>
#include <charconv>
#include <set>

namespace aigw::emulator {
namespace json = boost::json;
using model::FieldSpec;
using model::FieldType;
using model::ResourceKind;

namespace {

std::string quoted(std::string_view name) { return "'" + std::string(name) + "'"; }

bool contains(std::span<const std::string_view> values, std::string_view candidate) {
  return std::find(values.begin(), values.end(), candidate) != values.end();
}

std::string joined(std::span<const std::string_view> values) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + std::string(v);
  }
  return out;
}

std::optional<ApiError> check_number(const FieldSpec& spec, const json::value& value) {
  if (!value.is_number()) {
    return invalid_request(quoted(spec.name) + " must be a number");
  }
  const double number = value.to_number<double>();
  if ((spec.min && number < *spec.min) || (spec.max && number > *spec.max)) {
    return invalid_request(quoted(spec.name) + " is out of range" +
                           (spec.min ? " (min " + model::Value(*spec.min).to_json() + ")"
                                     : std::string()) +
                           (spec.max ? " (max " + model::Value(*spec.max).to_json() + ")"
                                     : std::string()));
  }
  return std::nullopt;
}

std::optional<ApiError> check_string(const FieldSpec& spec, const json::value& value) {
  if (!value.is_string()) {
    return invalid_request(quoted(spec.name) + " must be a string");
  }
  const auto length = static_cast<double>(value.as_string().size());
  if ((spec.min && length < *spec.min) || (spec.max && length > *spec.max)) {
    return invalid_request(quoted(spec.name) + " has an invalid length");
  }
  return std::nullopt;
}

std::optional<ApiError> check_guardrails(const json::value& value) {
  for (const auto& [side, categories] : value.as_object()) {
    if (side != "prompt" && side != "response") {
      return invalid_request("'guardrails' accepts only 'prompt' and 'response'");
    }
    if (!categories.is_object()) {
      return invalid_request("'guardrails." + std::string(side) + "' must be an object");
    }
    for (const auto& [category, action] : categories.as_object()) {
      if (!contains(model::guardrail_categories(), category)) {
        return invalid_request("unknown guardrail category '" + std::string(category) + "'");
      }
      if (!action.is_string() || (action.as_string() != "FLAG" && action.as_string() != "BLOCK")) {
        return invalid_request("guardrail actions must be 'FLAG' or 'BLOCK'");
      }
    }
  }
  return std::nullopt;
}

std::optional<ApiError> check_filters(const json::value& value) {
  for (const auto& filter : value.as_array()) {
    const auto* object = filter.if_object();
    if (object == nullptr) {
      return invalid_request("each filter must be an object {key, operator, value}");
    }
    const auto* key = object->if_contains("key");
    if (key == nullptr || !key->is_string() ||
        !contains(model::dataset_filter_keys(), key->as_string())) {
      return invalid_request("filter 'key' must be one of: " + joined(model::dataset_filter_keys()));
    }
    const auto* op = object->if_contains("operator");
    if (op == nullptr || !op->is_string() ||
        !contains(model::dataset_filter_operators(), op->as_string())) {
      return invalid_request("filter 'operator' must be one of: " +
                             joined(model::dataset_filter_operators()));
    }
    const auto* values = object->if_contains("value");
    if (values == nullptr || !values->is_array() ||
        std::any_of(values->as_array().begin(), values->as_array().end(),
                    [](const json::value& v) { return v.is_structured() || v.is_null(); })) {
      return invalid_request("filter 'value' must be an array of strings, numbers or booleans");
    }
  }
  return std::nullopt;
}

} // namespace

ApiResult<json::object> parse_object_body(const std::string& body) {
  boost::system::error_code ec;
  json::value parsed = json::parse(body, ec);
  if (ec) {
    return ApiError{400, codes::k_malformed_json, "malformed JSON body: " + ec.message()};
  }
  if (!parsed.is_object()) {
    return invalid_request("the request body must be a JSON object");
  }
  return std::move(parsed.as_object());
}

std::optional<ApiError> check_field(const FieldSpec& spec, const json::value& value) {
  if (value.is_null()) {
    if (spec.required_on_create && spec.type != FieldType::number) {
      return invalid_request(quoted(spec.name) + " must not be null");
    }
    return std::nullopt;
  }
  switch (spec.type) {
  case FieldType::boolean:
    if (!value.is_bool()) {
      return invalid_request(quoted(spec.name) + " must be a boolean");
    }
    return std::nullopt;
  case FieldType::number: return check_number(spec, value);
  case FieldType::string: return check_string(spec, value);
  case FieldType::enumeration:
    if (!value.is_string() || !contains(spec.enum_values, value.as_string())) {
      return invalid_request(quoted(spec.name) + " must be one of: " + joined(spec.enum_values));
    }
    return std::nullopt;
  case FieldType::object:
    if (!value.is_object()) {
      return invalid_request(quoted(spec.name) + " must be an object");
    }
    return spec.name == "guardrails" ? check_guardrails(value) : std::nullopt;
  case FieldType::array:
    if (!value.is_array()) {
      return invalid_request(quoted(spec.name) + " must be an array");
    }
    return spec.name == "filters" ? check_filters(value) : std::nullopt;
  }
  return std::nullopt;
}

std::optional<ApiError> check_body(const json::object& body, ResourceKind kind, BodyMode mode) {
  for (const auto& spec : model::field_specs(kind)) {
    if (spec.read_only || (mode == BodyMode::create && !spec.accepted_on_create)) {
      continue;
    }
    const auto* value = body.if_contains(spec.name);
    if (value == nullptr) {
      if (spec.required_on_create) {
        return invalid_request("missing required field " + quoted(spec.name));
      }
      continue;
    }
    if (auto error = check_field(spec, *value)) {
      return error;
    }
  }
  return std::nullopt;
}

json::object kept_fields(const json::object& body, ResourceKind kind, BodyMode mode) {
  json::object kept;
  for (const auto& [key, value] : body) {
    const FieldSpec* spec = model::find_field(kind, key);
    if (spec == nullptr) {
      if (mode == BodyMode::update) {
        kept[key] = value;
      }
      continue;
    }
    if (spec->read_only || spec->sensitive ||
        (mode == BodyMode::create && !spec->accepted_on_create)) {
      continue;
    }
    kept[key] = value;
  }
  return kept;
}

ApiResult<std::string> require_string(const json::object& body, std::string_view key,
                                      std::size_t min_length, std::size_t max_length) {
  const auto* value = body.if_contains(key);
  if (value == nullptr) {
    return invalid_request("missing required field " + quoted(key));
  }
  if (!value->is_string()) {
    return invalid_request(quoted(key) + " must be a string");
  }
  const std::size_t length = value->as_string().size();
  if (length < min_length || length > max_length) {
    return invalid_request(quoted(key) + " must be " + std::to_string(min_length) + ".." +
                           std::to_string(max_length) + " characters");
  }
  return std::string(value->as_string());
}

namespace {

ApiResult<std::size_t> parse_bounded(const Request& request, const std::string& key,
                                     std::size_t fallback, std::size_t min, std::size_t max) {
  const std::string* text = request.query_value(key);
  if (text == nullptr) {
    return fallback;
  }
  std::size_t number = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), number);
  if (ec != std::errc{} || end != text->data() + text->size() || number < min || number > max) {
    return invalid_request(quoted(key) + " must be an integer in " + std::to_string(min) + ".." +
                           std::to_string(max));
  }
  return number;
}

} // namespace

ApiResult<PageRequest> parse_page(const Request& request, std::size_t default_per_page) {
  // Page numbers past any plausible list are still valid (an empty page), so the upper bound
  // only guards the arithmetic.
  auto page = parse_bounded(request, "page", 1, 1, 1'000'000'000);
  if (!page) {
    return page.error();
  }
  auto per_page = parse_bounded(request, "per_page", default_per_page, 1, 100);
  if (!per_page) {
    return per_page.error();
  }
  return PageRequest{*page, *per_page};
}

ApiResult<std::optional<bool>> parse_bool_query(const Request& request, const std::string& key) {
  const std::string* text = request.query_value(key);
  if (text == nullptr) {
    return std::optional<bool>{};
  }
  if (*text == "true" || *text == "false") {
    return std::optional<bool>{*text == "true"};
  }
  return invalid_request(quoted(key) + " must be 'true' or 'false'");
}

std::optional<ApiError> check_route_elements(const json::value& elements) {
  if (!elements.is_array()) {
    return invalid_request("'elements' must be an array");
  }
  if (elements.as_array().empty()) {
    return invalid_request("'elements' must not be empty");
  }
  std::set<std::string> ids;
  for (const auto& element : elements.as_array()) {
    const auto* object = element.if_object();
    if (object == nullptr) {
      return invalid_request("each element must be an object {id, type, outputs}");
    }
    const auto* id = object->if_contains("id");
    if (id == nullptr || !id->is_string() || id->as_string().empty()) {
      return invalid_request("each element needs a non-empty string 'id'");
    }
    if (!ids.insert(std::string(id->as_string())).second) {
      return invalid_request("duplicate element id '" + std::string(id->as_string()) + "'");
    }
    const auto* type = object->if_contains("type");
    if (type == nullptr || !type->is_string() ||
        !contains(model::route_element_types(), type->as_string())) {
      return invalid_request("element 'type' must be one of: " +
                             joined(model::route_element_types()));
    }
    const auto* outputs = object->if_contains("outputs");
    if (outputs == nullptr || !outputs->is_object()) {
      return invalid_request("each element needs an 'outputs' object");
    }
    for (const auto& [name, target] : outputs->as_object()) {
      const auto* target_object = target.if_object();
      const auto* element_id =
          target_object == nullptr ? nullptr : target_object->if_contains("elementId");
      if (element_id == nullptr || !element_id->is_string()) {
        return invalid_request("output '" + std::string(name) + "' must be {elementId: string}");
      }
    }
    const auto* properties = object->if_contains("properties");
    if (properties != nullptr && !properties->is_object()) {
      return invalid_request("element 'properties' must be an object");
    }
  }
  return std::nullopt;
}

} // namespace aigw::emulator
