#include "config/node_reader.h"

#include "config/suggest.h"
#include "model/credentials.h"
#include "util/concat.h"

#include <cmath>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace aigw::config {
namespace {

const std::string k_str_tag = "tag:yaml.org,2002:str";

enum class PlainKind { null, boolean, number, string };

/// The number of digits at s[at...].
std::size_t digits_at(std::string_view s, std::size_t at) {
  std::size_t n = 0;
  while (at + n < s.size() && s[at + n] >= '0' && s[at + n] <= '9') {
    ++n;
  }
  return n;
}

/// The core schema's number, `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, matched by
/// hand: every plain scalar of a file is classified, and std::regex cost 2% of loading.
bool is_core_number(std::string_view s) {
  std::size_t at = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
  const std::size_t whole = digits_at(s, at);
  at += whole;
  if (at < s.size() && s[at] == '.') {
    const std::size_t fraction = digits_at(s, at + 1);
    if (whole == 0 && fraction == 0) {
      return false;
    }
    at += 1 + fraction;
  } else if (whole == 0) {
    return false;
  }
  if (at < s.size() && (s[at] == 'e' || s[at] == 'E')) {
    ++at;
    if (at < s.size() && (s[at] == '-' || s[at] == '+')) {
      ++at;
    }
    const std::size_t exponent = digits_at(s, at);
    if (exponent == 0) {
      return false;
    }
    at += exponent;
  }
  return at == s.size();
}

// YAML 1.2 core schema (not 1.1): 'yes', 'on', '0x1F' and '012' stay strings, so a model
// name or a short id is never silently turned into a bool or an octal number.
PlainKind classify_plain(const std::string &s) {
  if (s.empty() || s == "~" || s == "null" || s == "Null" || s == "NULL") {
    return PlainKind::null;
  }
  if (s == "true" || s == "True" || s == "TRUE" || s == "false" || s == "False" || s == "FALSE") {
    return PlainKind::boolean;
  }
  if (is_core_number(s)) {
    return PlainKind::number;
  }
  return PlainKind::string;
}

bool is_plain(const YamlNode &node) {
  return node.Tag() == "?";
}

} // namespace

NodeReader::NodeReader(std::string file, EnvLookup env, std::vector<Diagnostic> *out)
    : m_file(std::move(file)), m_env(std::move(env)), m_out(out), m_budget(k_max_nodes_per_file) {}

void NodeReader::error_at(const YAML::Mark &mark, std::string message) {
  Diagnostic d;
  d.file = m_file;
  d.line = mark.line < 0 ? 1 : mark.line + 1;
  d.column = mark.column < 0 ? 1 : mark.column + 1;
  d.message = std::move(message);
  m_out->push_back(std::move(d));
}

void NodeReader::error(const YamlNode &node, std::string message) {
  error_at(node.IsDefined() ? node.Mark() : YAML::Mark::null_mark(), std::move(message));
}

void NodeReader::secret_error(const YamlNode &node, std::string message) {
  error(node, std::move(message));
  m_out->back().show_source = false;
}

model::Origin NodeReader::origin(const YamlNode &node) const {
  const YAML::Mark mark = node.IsDefined() ? node.Mark() : YAML::Mark::null_mark();
  return {m_file, mark.line < 0 ? 1 : mark.line + 1, mark.column < 0 ? 1 : mark.column + 1};
}

std::string NodeReader::raw(const YamlNode &node) {
  return node.IsScalar() ? node.Scalar() : std::string();
}

std::string NodeReader::describe(const YamlNode &node) {
  if (node.IsMap()) {
    return "a mapping";
  }
  if (node.IsSequence()) {
    return "a list";
  }
  if (!node.IsDefined() || node.IsNull()) {
    return "null";
  }
  const std::string &text = node.Scalar();
  const std::string shown = text.size() > 40 ? text.substr(0, 40) + "..." : text;
  if (!is_plain(node)) {
    return "the string '" + shown + "'";
  }
  switch (classify_plain(text)) {
  case PlainKind::null: return "null";
  case PlainKind::boolean: return "the boolean " + shown;
  case PlainKind::number: return "the number " + shown;
  case PlainKind::string: break;
  }
  return "the string '" + shown + "'";
}

void NodeReader::type_error(const YamlNode &node, std::string_view what,
                            std::string_view expected) {
  // Built by appending: GCC 12 at -O3 reports a false -Wrestrict on
  // operator+(const char*, std::string&&) (GCC bug 105329).
  std::string message(1, '\'');
  message.append(what).append("' must be ").append(expected).append(", got ").append(describe(node));
  error(node, message);
}

std::optional<std::vector<Entry>> NodeReader::mapping(const YamlNode &node,
                                                      std::string_view what) {
  if (!node.IsMap()) {
    type_error(node, what, "a mapping");
    return std::nullopt;
  }
  std::vector<Entry> entries;
  entries.reserve(node.size());
  for (auto it = node.begin(); it != node.end(); ++it) {
    const YamlNode key = it->first;
    if (!key.IsScalar()) {
      error(key, "keys of '" + std::string(what) + "' must be plain strings");
      continue;
    }
    // yaml-cpp keeps both pairs of a duplicated key and lookups see only the first:
    // refuse the document instead of silently dropping one value.
    bool duplicate = false;
    for (const auto &seen : entries) {
      if (seen.key == key.Scalar()) {
        error(key, "duplicate key '" + key.Scalar() + "' (first at line " +
                       std::to_string(seen.key_node.Mark().line + 1) + ")");
        duplicate = true;
        break;
      }
    }
    if (!duplicate) {
      entries.push_back({key.Scalar(), key, it->second});
    }
  }
  return entries;
}

bool NodeReader::check_known(const Entry &entry, std::span<const std::string_view> allowed,
                             std::string_view where) {
  for (const auto name : allowed) {
    if (name == entry.key) {
      return true;
    }
  }
  std::string message = "unknown key '" + entry.key + "'";
  if (!where.empty()) {
    message += " in " + std::string(where);
  }
  if (const std::string guess = nearest(entry.key, allowed); !guess.empty()) {
    message += " (did you mean '" + guess + "'?)";
  } else if (allowed.size() <= 14) {
    message += " (expected one of: ";
    for (std::size_t i = 0; i < allowed.size(); ++i) {
      message += (i == 0 ? "" : ", ") + std::string(allowed[i]);
    }
    message += ")";
  }
  error(entry.key_node, std::move(message));
  return false;
}

bool NodeReader::check_required(const YamlNode &node, const std::vector<Entry> &entries,
                                std::span<const std::string_view> required,
                                std::string_view where) {
  bool ok = true;
  for (const auto name : required) {
    bool found = false;
    for (const auto &e : entries) {
      found = found || e.key == name;
    }
    if (!found) {
      error(node, "missing required key '" + std::string(name) + "' in " + std::string(where));
      ok = false;
    }
  }
  return ok;
}

std::optional<model::Value> NodeReader::scalar(const YamlNode &node, std::string_view what) {
  if (!node.IsDefined() || node.IsNull()) {
    return model::Value(nullptr);
  }
  if (!node.IsScalar()) {
    type_error(node, what, "a scalar");
    return std::nullopt;
  }
  const std::string &text = node.Scalar();
  const std::string &tag = node.Tag();
  bool as_string = tag == "!" || tag == k_str_tag;
  if (!as_string && tag != "?") {
    error(node, "unsupported YAML tag '" + tag + "' on '" + std::string(what) + "'");
    return std::nullopt;
  }
  if (!as_string) {
    switch (classify_plain(text)) {
    case PlainKind::null: return model::Value(nullptr);
    case PlainKind::boolean: return model::Value(text[0] == 't' || text[0] == 'T');
    case PlainKind::number: {
      const double number = std::strtod(text.c_str(), nullptr);
      if (!std::isfinite(number)) {
        error(node, concat("'", what, "' is out of range: ", text));
        return std::nullopt;
      }
      return model::Value(number);
    }
    case PlainKind::string: as_string = true; break;
    }
  }
  // Text without `${` interpolates to itself (`$${` contains it too): most scalars of a file
  // skip the copy character by character.
  if (text.find("${") == std::string::npos) {
    return model::Value(text);
  }
  // In a credential an empty variable counts as unset, as for a provider secret: sending
  // "Bearer " would wipe the live token.
  // Only text that names a variable can be unknown; the path check (a table walk and two
  // strings) is skipped for every other scalar.
  const bool credential = model::is_credential_path(model::without_indices(std::string(what)));
  const EnvLookup non_empty = [this](const std::string &name) -> std::optional<std::string> {
    auto value = m_env(name);
    return value && !value->empty() ? value : std::nullopt;
  };
  Interpolated result = interpolate(text, credential ? non_empty : m_env);
  if (credential && !result.variables.empty()) {
    m_credentials.push_back({std::string(what), result.variables});
  }
  if (credential && !result.unset.empty() && result.unset.size() == result.errors.size()) {
    m_unresolved.push_back({std::string(what), std::move(result.unset)});
    return model::Value(std::string());
  }
  if (!result.errors.empty()) {
    for (const auto &message : result.errors) {
      error(node, message + " (in '" + std::string(what) + "')");
    }
    return std::nullopt;
  }
  return model::Value(std::move(result.text));
}

std::vector<model::CredentialReference> NodeReader::take_unresolved() {
  return std::exchange(m_unresolved, {});
}

std::vector<model::CredentialReference> NodeReader::take_credentials() {
  return std::exchange(m_credentials, {});
}

std::optional<model::Value> NodeReader::value(const YamlNode &node, std::string_view what) {
  return value_at_depth(node, what, 0);
}

std::optional<model::Value> NodeReader::value_at_depth(const YamlNode &node,
                                                       std::string_view what, int depth) {
  if (m_budget == 0) {
    if (!m_budget_reported) {
      error(node, "document too large: more than " + std::to_string(k_max_nodes_per_file) +
                      " nodes after expanding aliases");
      m_budget_reported = true;
    }
    return std::nullopt;
  }
  --m_budget;
  if (depth > k_max_value_depth) {
    error(node, concat("'", what, "' is nested deeper than ", std::to_string(k_max_value_depth),
                       " levels"));
    return std::nullopt;
  }
  if (node.IsSequence()) {
    model::Array items;
    bool ok = true;
    std::size_t index = 0;
    for (const auto &item : node) {
      auto v =
          value_at_depth(item, std::string(what) + "[" + std::to_string(index++) + "]", depth + 1);
      ok = ok && v.has_value();
      if (v) {
        items.push_back(std::move(*v));
      }
    }
    return ok ? std::optional<model::Value>(std::move(items)) : std::nullopt;
  }
  if (node.IsMap()) {
    auto entries = mapping(node, what);
    if (!entries) {
      return std::nullopt;
    }
    model::Object object;
    bool ok = true;
    for (const auto &e : *entries) {
      auto v = value_at_depth(e.value, model::member_path(std::string(what), e.key), depth + 1);
      ok = ok && v.has_value();
      if (v) {
        object.emplace(e.key, std::move(*v));
      }
    }
    return ok ? std::optional<model::Value>(std::move(object)) : std::nullopt;
  }
  return scalar(node, what);
}

std::optional<std::string> NodeReader::string(const YamlNode &node, std::string_view what) {
  if (node.IsScalar() && !node.IsNull()) {
    auto v = scalar(node, what);
    if (!v) {
      return std::nullopt;
    }
    if (v->is_string()) {
      return v->as_string();
    }
  }
  type_error(node, what, "a string");
  return std::nullopt;
}

std::optional<bool> NodeReader::boolean(const YamlNode &node, std::string_view what) {
  if (node.IsScalar() && is_plain(node) && classify_plain(node.Scalar()) == PlainKind::boolean) {
    return scalar(node, what)->as_bool();
  }
  type_error(node, what, "a boolean (true or false)");
  return std::nullopt;
}

std::optional<double> NodeReader::number(const YamlNode &node, std::string_view what) {
  if (node.IsScalar() && is_plain(node) && classify_plain(node.Scalar()) == PlainKind::number) {
    auto v = scalar(node, what);
    return v ? std::optional<double>(v->as_number()) : std::nullopt;
  }
  type_error(node, what, "a number");
  return std::nullopt;
}

} // namespace aigw::config
