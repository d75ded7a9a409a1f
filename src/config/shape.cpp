#include "config/shape.h"

#include "config/suggest.h"
#include "model/credentials.h"
#include "model/web_url.h"
#include "util/concat.h"

#include <algorithm>
#include <cmath>
#include <sstream>

namespace aigw::config {
namespace {

std::string format_number(double d) {
  if (std::abs(d) < 1e15 && d == std::floor(d)) {
    return std::to_string(static_cast<long long>(d));
  }
  std::ostringstream out;
  out << d;
  return out.str();
}

// "between 0 and 5000" / "at least 100" / "at most 5"
std::string bounds_text(const model::FieldSpec &shape) {
  if (shape.min && shape.max) {
    return "between " + format_number(*shape.min) + " and " + format_number(*shape.max);
  }
  if (shape.min) {
    return "at least " + format_number(*shape.min);
  }
  return "at most " + format_number(*shape.max);
}

// "'base_url' must be an absolute http(s) URL (https://HOST/PATH); 'notaurl' has no scheme
// (http:// or https://)". A value read from `${VAR}` is named by its reference, not echoed.
std::string web_url_message(const std::string &path, const std::string &raw,
                            const std::string &problem) {
  constexpr std::size_t k_shown = 60;
  const std::string_view shown = std::string_view(raw).substr(0, k_shown);
  const std::string_view end = raw.size() > k_shown ? "...'" : "'";
  const std::string subject = raw.find("${") != std::string::npos
                                  ? concat("the value of '", shown, end)
                                  : concat("'", shown, end);
  return concat("'", path, "' must be an absolute http(s) URL (https://HOST/PATH); ", subject, " ",
                problem);
}

bool outside(const model::FieldSpec &shape, double x) {
  return (shape.min && x < *shape.min) || (shape.max && x > *shape.max);
}

std::optional<model::Value> check_enum(NodeReader &reader, const YamlNode &node,
                                       const model::FieldSpec &shape, const std::string &path) {
  auto text = reader.string(node, path);
  if (!text) {
    return std::nullopt;
  }
  for (const auto allowed : shape.enum_values) {
    if (allowed == *text) {
      return model::Value(*text);
    }
  }
  std::string message = "'" + path + "' must be one of: ";
  for (std::size_t i = 0; i < shape.enum_values.size(); ++i) {
    message += (i == 0 ? "" : ", ") + std::string(shape.enum_values[i]);
  }
  message += "; got '" + NodeReader::raw(node) + "'";
  if (const auto guess = nearest(*text, shape.enum_values); !guess.empty()) {
    message += " (did you mean '" + guess + "'?)";
  }
  reader.error(node, std::move(message));
  return std::nullopt;
}

std::optional<model::Value> check_object(NodeReader &reader, const YamlNode &node,
                                         const model::FieldSpec &shape, const std::string &path) {
  auto entries = reader.mapping(node, path);
  if (!entries) {
    return std::nullopt;
  }
  std::vector<std::string_view> names;
  std::vector<std::string_view> required;
  for (const auto &p : shape.members) {
    names.push_back(p.name);
    if (p.required) {
      required.push_back(p.name);
    }
  }
  bool ok = reader.check_required(node, *entries, required, "'" + path + "'");
  model::Object object;
  for (const auto &e : *entries) {
    if (!reader.check_known(e, names, "'" + path + "'")) {
      ok = false;
      continue;
    }
    for (const auto &p : shape.members) {
      if (p.name == e.key) {
        auto v = check_shape(reader, e.value, p, path + "." + e.key);
        ok = ok && v.has_value();
        if (v) {
          object.emplace(e.key, std::move(*v));
        }
      }
    }
  }
  return ok ? std::optional<model::Value>(std::move(object)) : std::nullopt;
}

// Picks the variant whose keys the node uses: all keys known and all required present
// first, then all keys known, else the first (whose errors then explain the mismatch).
const model::FieldSpec &choose_variant(const YamlNode &node, const model::FieldSpec &shape) {
  if (!node.IsMap()) {
    return shape.variants.front();
  }
  auto fits = [&node](const model::FieldSpec &variant, bool need_required) {
    for (auto it = node.begin(); it != node.end(); ++it) {
      bool known = false;
      for (const auto &p : variant.members) {
        known = known || (it->first.IsScalar() && p.name == it->first.Scalar());
      }
      if (!known) {
        return false;
      }
    }
    if (need_required) {
      for (const auto &p : variant.members) {
        if (p.required && !node[std::string(p.name)].IsDefined()) {
          return false;
        }
      }
    }
    return true;
  };
  for (const bool need_required : {true, false}) {
    for (const auto &variant : shape.variants) {
      if (fits(variant, need_required)) {
        return variant;
      }
    }
  }
  return shape.variants.front();
}

std::optional<model::Value> check_array(NodeReader &reader, const YamlNode &node,
                                        const model::FieldSpec &shape, const std::string &path) {
  if (!node.IsSequence()) {
    reader.type_error(node, path, "a list");
    return std::nullopt;
  }
  if (outside(shape, static_cast<double>(node.size()))) {
    reader.error(node, "'" + path + "' must have " + bounds_text(shape) + " items, got " +
                           std::to_string(node.size()));
    return std::nullopt;
  }
  model::Array items;
  bool ok = true;
  std::size_t index = 0;
  for (const auto &item : node) {
    const std::string item_path = path + "[" + std::to_string(index++) + "]";
    auto v = shape.element ? check_shape(reader, item, *shape.element, item_path)
                           : reader.value(item, item_path);
    ok = ok && v.has_value();
    if (v) {
      items.push_back(std::move(*v));
    }
  }
  return ok ? std::optional<model::Value>(std::move(items)) : std::nullopt;
}

std::optional<model::Value> check_map(NodeReader &reader, const YamlNode &node,
                                      const model::FieldSpec &shape, const std::string &path) {
  auto entries = reader.mapping(node, path);
  if (!entries) {
    return std::nullopt;
  }
  model::Object object;
  bool ok = true;
  for (const auto &e : *entries) {
    const std::string value_path = model::member_path(path, e.key);
    auto v = shape.element ? check_shape(reader, e.value, *shape.element, value_path)
                           : reader.value(e.value, value_path);
    ok = ok && v.has_value();
    if (v) {
      object.emplace(e.key, std::move(*v));
    }
  }
  return ok ? std::optional<model::Value>(std::move(object)) : std::nullopt;
}

} // namespace

std::optional<model::Value> check_shape(NodeReader &reader, const YamlNode &node,
                                        const model::FieldSpec &shape, const std::string &path) {
  using K = model::FieldType;
  switch (shape.type) {
  case K::any: return reader.value(node, path);
  case K::boolean: {
    auto b = reader.boolean(node, path);
    return b ? std::optional<model::Value>(*b) : std::nullopt;
  }
  case K::number: {
    auto n = reader.number(node, path);
    if (!n) {
      return std::nullopt;
    }
    if (outside(shape, *n)) {
      reader.error(node, "'" + path + "' must be " + bounds_text(shape) + ", got " +
                             NodeReader::raw(node));
      return std::nullopt;
    }
    if (shape.whole && std::floor(*n) != *n) {
      reader.error(node, "'" + path + "' must be a whole number, got " + NodeReader::raw(node));
      return std::nullopt;
    }
    return model::Value(*n);
  }
  case K::string: {
    auto s = reader.string(node, path);
    if (!s) {
      return std::nullopt;
    }
    // Lengths count characters (UTF-8 code points), as the API does, not bytes.
    const auto length = static_cast<std::size_t>(std::count_if(
        s->begin(), s->end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U; }));
    if (outside(shape, static_cast<double>(length))) {
      reader.error(node, "'" + path + "' must be " + bounds_text(shape) + " characters long, got " +
                             std::to_string(length));
      return std::nullopt;
    }
    if (shape.web_url) {
      if (auto problem = model::web_url_problem(*s); !problem.empty()) {
        reader.error(node, web_url_message(path, NodeReader::raw(node), problem));
        return std::nullopt;
      }
    }
    return model::Value(*s);
  }
  case K::enumeration: return check_enum(reader, node, shape, path);
  case K::scalar: {
    if (!node.IsScalar() || node.IsNull()) {
      reader.type_error(node, path, "a string, number or boolean");
      return std::nullopt;
    }
    return reader.scalar(node, path);
  }
  case K::object:
    if (!shape.variants.empty()) {
      return check_shape(reader, node, choose_variant(node, shape), path);
    }
    if (shape.members.empty()) {
      return reader.value(node, path);
    }
    return check_object(reader, node, shape, path);
  case K::array: return check_array(reader, node, shape, path);
  case K::map: return check_map(reader, node, shape, path);
  }
  return std::nullopt;
}

} // namespace aigw::config
