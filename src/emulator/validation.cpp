#include "emulator/validation.h"

#include "emulator/strict_json.h"

#include <boost/url/parse.hpp>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

namespace aigw::emulator {
namespace json = boost::json;
using reference::Field;
using reference::Type;

namespace {

// Appends instead of `"'" + std::string(name)`: GCC 12 at -O3 reports a false -Wrestrict
// on operator+(const char*, std::string&&) (GCC bug 105329).
std::string quoted(std::string_view name) {
  std::string text;
  text.reserve(name.size() + 2);
  text.append(1, '\'').append(name).append(1, '\'');
  return text;
}

std::string joined(std::span<const std::string_view> values) {
  std::string out;
  for (const auto& v : values) {
    out += (out.empty() ? "" : ", ") + std::string(v);
  }
  return out;
}

std::string number_text(double value) {
  if (std::floor(value) == value && std::fabs(value) < 1e15) {
    return std::to_string(static_cast<long long>(value));
  }
  return std::to_string(value);
}

std::string range_text(const Field& field) {
  std::string out;
  if (field.min) {
    out += " (min " + number_text(*field.min) + ")";
  }
  if (field.max) {
    out += " (max " + number_text(*field.max) + ")";
  }
  return out;
}

// Schemes compare without case (RFC 3986 3.1): "HTTPS://host" is a URL as good as any. A
// port is digits (RFC 3986 3.2.3); Boost.URL 1.81 reads "https://host:abc/" as the
// authority "host:" and the path "abc/", so the authority must be all of what "//" starts.
bool is_web_url(std::string_view text) {
  auto url = boost::urls::parse_absolute_uri(text);
  if (!url) {
    return false;
  }
  const auto slashes = text.find("//");
  const auto after = slashes == std::string_view::npos ? std::string_view() : text.substr(slashes + 2);
  if (url->encoded_authority() != after.substr(0, after.find_first_of("/?#"))) {
    return false;
  }
  return (url->scheme_id() == boost::urls::scheme::https ||
          url->scheme_id() == boost::urls::scheme::http) &&
         url->has_authority() && !url->host().empty();
}

std::optional<ApiError> check_number(const Field& field, const json::value& value,
                                     const std::string& path) {
  if (!value.is_number()) {
    return invalid_request(quoted(path) + " must be a number");
  }
  const double number = value.to_number<double>();
  if (field.type == Type::integer && std::floor(number) != number) {
    return invalid_request(quoted(path) + " must be a whole number");
  }
  if ((field.min && number < *field.min) || (field.max && number > *field.max)) {
    return invalid_request(quoted(path) + " is out of range" + range_text(field));
  }
  return std::nullopt;
}

std::optional<ApiError> check_string(const Field& field, const json::value& value,
                                     const std::string& path) {
  if (!value.is_string()) {
    return invalid_request(quoted(path) + " must be a string");
  }
  const auto length = static_cast<double>(character_count(value.as_string()));
  if ((field.min && length < *field.min) || (field.max && length > *field.max)) {
    return invalid_request(quoted(path) + " has an invalid length" + range_text(field));
  }
  if (field.uri && !is_web_url(value.as_string())) {
    return invalid_request(quoted(path) + " must be an absolute http(s) URL");
  }
  return std::nullopt;
}

std::optional<ApiError> check_members(const std::vector<Field>& members, const json::object& object,
                                      const std::string& path) {
  for (const auto& member : members) {
    const std::string member_path = path.empty() ? std::string(member.name)
                                                 : path + "." + std::string(member.name);
    const auto* value = object.if_contains(member.name);
    if (value == nullptr) {
      if (member.required) {
        return invalid_request("missing required field " + quoted(member_path));
      }
      continue;
    }
    if (auto error = check_value(member, *value, member_path)) {
      return error;
    }
  }
  return std::nullopt;
}

std::optional<ApiError> check_object(const Field& field, const json::value& value,
                                     const std::string& path) {
  if (!value.is_object()) {
    return invalid_request(quoted(path) + " must be an object");
  }
  const auto& object = value.as_object();
  if (field.min && static_cast<double>(object.size()) < *field.min) {
    std::string names;
    for (const auto& member : field.members) {
      names += (names.empty() ? "" : " or ") + quoted(member.name);
    }
    return invalid_request(quoted(path) + " must have " + names);
  }
  return check_members(field.members, object, path);
}

std::optional<ApiError> check_array(const Field& field, const json::value& value,
                                    const std::string& path) {
  if (!value.is_array()) {
    return invalid_request(quoted(path) + " must be an array");
  }
  const auto& array = value.as_array();
  if (field.min && static_cast<double>(array.size()) < *field.min) {
    return invalid_request(quoted(path) + " must not be empty");
  }
  if (field.items.empty()) {
    return std::nullopt;
  }
  for (std::size_t i = 0; i < array.size(); ++i) {
    if (auto error = check_value(field.items.front(), array[i], path + "[" + std::to_string(i) + "]")) {
      return error;
    }
  }
  return std::nullopt;
}

std::optional<ApiError> check_map(const Field& field, const json::value& value,
                                  const std::string& path) {
  if (!value.is_object()) {
    return invalid_request(quoted(path) + " must be an object");
  }
  for (const auto& [key, item] : value.as_object()) {
    const bool ok = field.type == Type::string_map
                        ? item.is_string()
                        : (item.is_string() || item.is_number() || item.is_bool());
    if (!ok) {
      return invalid_request(quoted(path + "." + std::string(key)) + " must be a " +
                             (field.type == Type::string_map ? "string" : "string, number or boolean"));
    }
  }
  return std::nullopt;
}

std::optional<ApiError> check_one_of(const Field& field, const json::value& value,
                                     const std::string& path) {
  if (!value.is_object()) {
    return invalid_request(quoted(path) + " must be an object");
  }
  std::optional<ApiError> first_error;
  for (const auto& variant : field.variants) {
    auto error = check_members(variant.members, value.as_object(), path);
    if (!error) {
      return std::nullopt;
    }
    if (!first_error) {
      first_error = std::move(error);
    }
  }
  return invalid_request(quoted(path) + " matches none of its documented shapes: " +
                         first_error->message);
}

ApiResult<std::string> query_number_text(const std::string& text, const Field& field) {
  double number = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || !std::isfinite(number)) {
    return invalid_request(quoted(field.name) + " must be a number");
  }
  if (auto error = check_number(field, json::value(number), std::string(field.name))) {
    return *error;
  }
  return text;
}

} // namespace

ApiResult<json::object> parse_object_body(const std::string& body) {
  auto parsed = parse_strict_json(body);
  if (auto* error = std::get_if<StrictJsonError>(&parsed)) {
    if (error->syntax) {
      return ApiError{400, codes::k_malformed_json, "malformed JSON body: " + error->message};
    }
    return invalid_request(error->message);
  }
  auto& value = std::get<json::value>(parsed);
  if (!value.is_object()) {
    return invalid_request("the request body must be a JSON object");
  }
  return std::move(value.as_object());
}

std::size_t character_count(std::string_view text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;
  }));
}

std::optional<ApiError> check_value(const Field& field, const json::value& value,
                                    const std::string& path) {
  if (value.is_null()) {
    if (field.nullable || field.type == Type::any) {
      return std::nullopt;
    }
    return invalid_request(quoted(path) + " must not be null");
  }
  switch (field.type) {
  case Type::boolean:
    return value.is_bool() ? std::nullopt
                           : std::optional(invalid_request(quoted(path) + " must be a boolean"));
  case Type::number:
  case Type::integer: return check_number(field, value, path);
  case Type::string: return check_string(field, value, path);
  case Type::enumeration:
    if (!value.is_string() ||
        std::find(field.enum_values.begin(), field.enum_values.end(), value.as_string()) ==
            field.enum_values.end()) {
      return invalid_request(quoted(path) + " must be one of: " + joined(field.enum_values));
    }
    return std::nullopt;
  case Type::object: return check_object(field, value, path);
  case Type::array: return check_array(field, value, path);
  case Type::string_map:
  case Type::scalar_map: return check_map(field, value, path);
  case Type::scalar:
    return value.is_string() || value.is_number() || value.is_bool()
               ? std::nullopt
               : std::optional(invalid_request(quoted(path) + " must be a string, number or boolean"));
  case Type::one_of: return check_one_of(field, value, path);
  case Type::any: return std::nullopt;
  }
  return std::nullopt;
}

std::optional<ApiError> check_body(const json::object& body, reference::Body kind) {
  return check_members(reference::body_fields(kind), body, "");
}

json::object kept_fields(const json::object& body, reference::Body kind, bool keep_unknown,
                         std::span<const std::string_view> dropped) {
  const auto& fields = reference::body_fields(kind);
  json::object kept;
  for (const auto& [key, value] : body) {
    if (std::find(dropped.begin(), dropped.end(), key) != dropped.end()) {
      continue;
    }
    const bool known = std::any_of(fields.begin(), fields.end(),
                                   [&](const Field& f) { return f.name == key; });
    if (known || keep_unknown) {
      kept[key] = value;
    }
  }
  return kept;
}

std::optional<ApiError> check_query(const Request& request, reference::Query kind) {
  for (const auto& field : reference::query_fields(kind)) {
    const std::string* text = request.query_value(std::string(field.name));
    if (text == nullptr) {
      if (field.required) {
        return invalid_request("missing required query parameter " + quoted(field.name));
      }
      continue;
    }
    switch (field.type) {
    case Type::boolean:
      if (*text != "true" && *text != "false") {
        return invalid_request(quoted(field.name) + " must be 'true' or 'false'");
      }
      break;
    case Type::number:
    case Type::integer:
      if (auto checked = query_number_text(*text, field); !checked) {
        return checked.error();
      }
      break;
    case Type::enumeration:
      if (std::find(field.enum_values.begin(), field.enum_values.end(), *text) ==
          field.enum_values.end()) {
        return invalid_request(quoted(field.name) + " must be one of: " + joined(field.enum_values));
      }
      break;
    case Type::array: {
      // `filters` as a JSON text (how a client that cannot nest query keys sends it).
      auto parsed = parse_strict_json(*text);
      auto* value = std::get_if<json::value>(&parsed);
      if (value == nullptr) {
        return invalid_request(quoted(field.name) + " must be a JSON array");
      }
      if (auto error = check_value(field, *value, std::string(field.name))) {
        return error;
      }
      break;
    }
    default: break;
    }
  }
  return std::nullopt;
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
  const std::size_t length = character_count(value->as_string());
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

std::optional<ApiError> check_element(const json::object& object, std::set<std::string>& ids) {
  const auto* id = object.if_contains("id");
  if (id == nullptr || !id->is_string() || id->as_string().empty()) {
    return invalid_request("each element needs a non-empty string 'id'");
  }
  const std::string element_id(id->as_string());
  if (!ids.insert(element_id).second) {
    return invalid_request("duplicate element id '" + element_id + "'");
  }
  const auto* type = object.if_contains("type");
  const auto types = reference::element_types();
  if (type == nullptr || !type->is_string() ||
      std::find(types.begin(), types.end(), type->as_string()) == types.end()) {
    return invalid_request("element 'type' must be one of: " + joined(types));
  }
  const std::string_view type_name = type->as_string();
  const auto* outputs = object.if_contains("outputs");
  if (outputs == nullptr || !outputs->is_object()) {
    return invalid_request("each element needs an 'outputs' object");
  }
  for (const auto& [name, target] : outputs->as_object()) {
    const auto* target_object = target.if_object();
    const auto* target_id = target_object == nullptr ? nullptr : target_object->if_contains("elementId");
    if (target_id == nullptr || !target_id->is_string()) {
      return invalid_request("output '" + std::string(name) + "' must be {elementId: string}");
    }
  }
  for (const auto name : reference::element_required_outputs(type_name)) {
    if (!outputs->as_object().contains(name)) {
      return invalid_request("element '" + element_id + "' (" + std::string(type_name) +
                             ") needs output '" + std::string(name) + "'");
    }
  }
  const auto* members = reference::element_properties(type_name);
  const auto* properties = object.if_contains("properties");
  if (members == nullptr) {
    return std::nullopt;
  }
  if (properties == nullptr || !properties->is_object()) {
    return invalid_request("element '" + element_id + "' (" + std::string(type_name) +
                           ") needs a 'properties' object");
  }
  return check_members(*members, properties->as_object(), "elements." + element_id + ".properties");
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
    if (auto error = check_element(*object, ids)) {
      return error;
    }
  }
  return std::nullopt;
}

} // namespace aigw::emulator
