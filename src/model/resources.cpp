#include "model/resources.h"

namespace aigw::model {

std::string Origin::to_string() const {
  if (empty()) {
    return {};
  }
  return file + ":" + std::to_string(line) + ":" + std::to_string(column);
}

bool glob_match(std::string_view pattern, std::string_view text) {
  // Iterative matcher with single-star backtracking: linear in practice, never recursive.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t mark = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      mark = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++mark;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') {
    ++p;
  }
  return p == pattern.size();
}

bool in_scope(const std::vector<std::string>& scope, const std::string& id) {
  if (scope.empty()) {
    return true;
  }
  for (const auto& pattern : scope) {
    if (glob_match(pattern, id)) {
      return true;
    }
  }
  return false;
}

Value elements_to_value(const std::vector<RouteElement>& elements) {
  Array out;
  out.reserve(elements.size());
  for (const auto& e : elements) {
    Object obj{{"id", e.id}, {"type", e.type}, {"outputs", e.outputs}};
    if (!e.properties.empty()) {
      obj.emplace("properties", e.properties);
    }
    out.emplace_back(std::move(obj));
  }
  return out;
}

std::optional<std::vector<RouteElement>> elements_from_value(Value value) {
  if (!value.is_array()) {
    return std::nullopt;
  }
  std::vector<RouteElement> out;
  out.reserve(value.as_array().size());
  for (auto& item : value.as_array()) {
    const Value* id = item.find("id");
    const Value* type = item.find("type");
    if (id == nullptr || type == nullptr || !id->is_string() || !type->is_string()) {
      return std::nullopt;
    }
    RouteElement e{id->as_string(), type->as_string(), {}, {}};
    if (Value* props = item.find("properties"); props != nullptr && props->is_object()) {
      e.properties = std::move(props->as_object());
    }
    if (Value* outputs = item.find("outputs"); outputs != nullptr && outputs->is_object()) {
      e.outputs = std::move(outputs->as_object());
    }
    out.push_back(std::move(e));
  }
  return out;
}

} // namespace aigw::model
