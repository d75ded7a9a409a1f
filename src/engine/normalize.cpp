#include "engine/normalize.h"

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

namespace aigw::engine {
namespace {

using model::ResourceKind;
using model::Value;

Value normalize_at(ResourceKind kind, const std::string& path, const Value& value) {
  if (value.is_object()) {
    model::Object out;
    for (const auto& [key, member] : value.as_object()) {
      Value canonical = normalize_at(kind, path + "." + key, member);
      // Inside a field, a null or empty member says nothing a missing one does not
      // (`guardrails.response: {}` or `dlp.profiles: []` from a server default equals none).
      if (canonical.is_null() || (canonical.is_object() && canonical.as_object().empty()) ||
          (canonical.is_array() && canonical.as_array().empty())) {
        continue;
      }
      out.emplace(key, std::move(canonical));
    }
    return out;
  }
  if (value.is_array()) {
    model::Array out;
    out.reserve(value.as_array().size());
    for (const auto& item : value.as_array()) {
      out.push_back(normalize_at(kind, path + "[]", item));
    }
    if (is_set_like(kind, path)) {
      // Ordered by each item's JSON text, serialised once per item, not per comparison.
      std::vector<std::pair<std::string, std::size_t>> keys;
      keys.reserve(out.size());
      for (std::size_t i = 0; i < out.size(); ++i) {
        keys.emplace_back(out[i].to_json(), i);
      }
      std::sort(keys.begin(), keys.end());
      model::Array sorted;
      sorted.reserve(out.size());
      for (const auto& key : keys) {
        sorted.push_back(std::move(out[key.second]));
      }
      return sorted;
    }
    return out;
  }
  return value;
}

} // namespace

bool is_set_like(ResourceKind kind, std::string_view path) {
  const auto* spec = model::find_field_at(kind, path);
  return spec != nullptr && spec->set_like;
}

Value normalize_field(ResourceKind kind, std::string_view name, const Value& value) {
  return normalize_at(kind, std::string(name), value);
}

bool fields_equal(ResourceKind kind, std::string_view name, const Value& a, const Value& b) {
  const auto nested = [](const Value& v) { return v.is_object() || v.is_array(); };
  if (!nested(a) && !nested(b)) {
    return a == b; // normalising a scalar returns it unchanged: no copies needed
  }
  return normalize_field(kind, name, a) == normalize_field(kind, name, b);
}

Value normalize_elements(const std::vector<model::RouteElement>& elements) {
  model::Object out;
  for (const auto& element : elements) {
    model::Object shape{{"type", element.type}, {"outputs", element.outputs}};
    // No properties and empty properties are the same to the API; omitting them keeps
    // start and end elements short in a plan.
    if (!element.properties.empty()) {
      shape.emplace("properties", element.properties);
    }
    out[element.id] = std::move(shape);
  }
  return out;
}

bool elements_equal(const std::vector<model::RouteElement>& a,
                    const std::vector<model::RouteElement>& b) {
  if (a.size() != b.size()) {
    return false;
  }
  // The same elements in the same order normalise alike: only lists that differ somewhere
  // (another order, properties `{}` against none) pay for the normalised copies.
  return a == b || normalize_elements(a) == normalize_elements(b);
}

} // namespace aigw::engine
