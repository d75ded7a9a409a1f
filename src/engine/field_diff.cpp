#include "engine/field_diff.h"

#include "engine/normalize.h"
#include "model/credentials.h"

#include <algorithm>
#include <array>
#include <set>
#include <string>

namespace aigw::engine {
namespace {

using model::Value;

/// Nested credentials that are plain fields to the API but must never be shown (see
/// model/credentials.h).
bool is_sensitive_path(const std::string& path) { return model::is_credential_path(path); }

/// Appends the differences between two canonical values under path; objects recurse so a
/// reader sees "guardrails.prompt.S1", anything else is shown whole (credentials masked).
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
      append_differences(path + "." + key, old_value->find(key), new_value->find(key), out);
    }
    return;
  }
  FieldChange change{path, std::nullopt, std::nullopt, is_sensitive_path(path)};
  if (old_value != nullptr) {
    change.old_value = model::mask_credentials(path, *old_value);
  }
  if (new_value != nullptr) {
    change.new_value = model::mask_credentials(path, *new_value);
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
    const Value new_value = normalize_field(kind, name, wanted);
    auto it = live.find(name);
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
