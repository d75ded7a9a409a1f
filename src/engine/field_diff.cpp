#include "engine/field_diff.h"

#include "engine/normalize.h"
#include "model/credentials.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <string>

namespace aigw::engine {
namespace {

using model::Value;

using model::without_indices;

/// Nested credentials that are plain fields to the API but must never be shown (see
/// model/credentials.h), wherever they are in a list.
bool is_sensitive_path(const std::string& path) {
  return model::is_credential_path(without_indices(path));
}

using model::member_path;

std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

void append_differences(const std::string& path, const Value* old_value, const Value* new_value,
                        std::vector<FieldChange>& out);

/// Lists of objects (filters, otel exporters, DLP policies) diff element by element; a list
/// of scalars (profile ids, a filter's values) reads best whole: ["a","b"] -> ["a","c"].
bool is_list_of_objects(const Value& value) {
  if (!value.is_array()) {
    return false;
  }
  const auto& items = value.as_array();
  return std::any_of(items.begin(), items.end(),
                     [](const Value& item) { return item.is_object(); });
}

/// Two lists element by element. Of equal length: position by position (set-like lists are
/// sorted by their canonical form already, and order matters in the others). Otherwise
/// elements equal on both sides are left out and the rest pair up in order, recursing as
/// "path[i]" (i: the index in the desired list; in the live list for a removal).
void append_list_differences(const std::string& path, const model::Array& old_list,
                             const model::Array& new_list, std::vector<FieldChange>& out) {
  if (old_list.size() == new_list.size()) {
    for (std::size_t i = 0; i < new_list.size(); ++i) {
      append_differences(index_path(path, i), &old_list[i], &new_list[i], out);
    }
    return;
  }
  std::vector<bool> old_matched(old_list.size(), false);
  std::vector<std::size_t> new_unmatched;
  for (std::size_t j = 0; j < new_list.size(); ++j) {
    bool matched = false;
    for (std::size_t i = 0; i < old_list.size() && !matched; ++i) {
      if (!old_matched[i] && old_list[i] == new_list[j]) {
        old_matched[i] = true;
        matched = true;
      }
    }
    if (!matched) {
      new_unmatched.push_back(j);
    }
  }
  std::vector<std::size_t> old_unmatched;
  for (std::size_t i = 0; i < old_list.size(); ++i) {
    if (!old_matched[i]) {
      old_unmatched.push_back(i);
    }
  }
  const std::size_t paired = std::min(old_unmatched.size(), new_unmatched.size());
  for (std::size_t k = 0; k < paired; ++k) {
    append_differences(index_path(path, new_unmatched[k]), &old_list[old_unmatched[k]],
                       &new_list[new_unmatched[k]], out);
  }
  for (std::size_t k = paired; k < new_unmatched.size(); ++k) {
    append_differences(index_path(path, new_unmatched[k]), nullptr, &new_list[new_unmatched[k]],
                       out);
  }
  for (std::size_t k = paired; k < old_unmatched.size(); ++k) {
    append_differences(index_path(path, old_unmatched[k]), &old_list[old_unmatched[k]], nullptr,
                       out);
  }
}

/// Appends the differences between two canonical values under path; objects recurse so a
/// reader sees "guardrails.prompt.S1", lists of objects recurse element by element
/// ("otel[0].url"),
/// anything else is shown whole (credentials masked).
void append_differences(const std::string& path, const Value* old_value, const Value* new_value,
                        std::vector<FieldChange>& out) {
  if (old_value != nullptr && new_value != nullptr && *old_value == *new_value) {
    return;
  }
  if (old_value != nullptr && new_value != nullptr && old_value->is_object() &&
      new_value->is_object()) {
    std::set<std::string> keys;
    for (const auto& [key, ignored] : old_value->as_object()) {
      keys.insert(key);
    }
    for (const auto& [key, ignored] : new_value->as_object()) {
      keys.insert(key);
    }
    for (const auto& key : keys) {
      append_differences(member_path(path, key), old_value->find(key), new_value->find(key), out);
    }
    return;
  }
  if (old_value != nullptr && new_value != nullptr && is_list_of_objects(*old_value) &&
      is_list_of_objects(*new_value)) {
    append_list_differences(path, old_value->as_array(), new_value->as_array(), out);
    return;
  }
  FieldChange change{path, std::nullopt, std::nullopt, is_sensitive_path(path)};
  if (old_value != nullptr) {
    change.old_value = model::mask_credentials(without_indices(path), *old_value);
  }
  if (new_value != nullptr) {
    change.new_value = model::mask_credentials(without_indices(path), *new_value);
  }
  out.push_back(std::move(change));
}

bool is_diffable(model::ResourceKind kind, const std::string& name) {
  const auto* spec = model::find_field(kind, name);
  return spec == nullptr || (!spec->read_only && !spec->sensitive);
}

} // namespace

std::vector<FieldChange> diff_declared(model::ResourceKind kind, const model::Object& desired,
                                       const model::Object& live) {
  std::vector<FieldChange> out;
  for (const auto& [name, wanted] : desired) {
    if (!is_diffable(kind, name)) {
      continue;
    }
    auto it = live.find(name);
    if (it != live.end() && it->second == wanted) {
      continue; // equal values normalise alike: nothing to copy or compare
    }
    const Value new_value = normalize_field(kind, name, wanted);
    if (it == live.end()) {
      append_differences(name, nullptr, &new_value, out);
      continue;
    }
    const Value old_value = normalize_field(kind, name, it->second);
    append_differences(name, &old_value, &new_value, out);
  }
  return out;
}

std::vector<FieldChange> describe_new(model::ResourceKind kind, const model::Object& fields) {
  std::vector<FieldChange> out;
  for (const auto& [name, value] : fields) {
    const auto* spec = model::find_field(kind, name);
    if (spec != nullptr && spec->sensitive) {
      out.push_back({name, std::nullopt, std::nullopt, true});
    } else {
      out.push_back({name, std::nullopt,
                     model::mask_credentials(name, normalize_field(kind, name, value)), false});
    }
  }
  return out;
}

std::vector<FieldChange> diff_elements(const std::vector<model::RouteElement>& live,
                                       const std::vector<model::RouteElement>& desired) {
  std::vector<FieldChange> out;
  const Value old_value = normalize_elements(live);
  const Value new_value = normalize_elements(desired);
  append_differences("elements", &old_value, &new_value, out);
  return out;
}

} // namespace aigw::engine
