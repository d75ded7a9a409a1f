#include "config/resource_fields.h"

#include "config/shape.h"

#include <algorithm>

namespace aigw::config {

Fields read_fields(NodeReader &reader, model::ResourceKind kind, const YamlNode &node,
                   const std::vector<Entry> &entries, std::span<const std::string_view> structural,
                   const std::string &where) {
  Fields fields;
  std::vector<std::string_view> allowed(structural.begin(), structural.end());
  std::vector<std::string_view> required;
  for (const auto &spec : model::field_specs(kind)) {
    if (!spec.read_only) {
      allowed.push_back(spec.name);
    }
    // A key the create call needs and aigw has no default for must be declared.
    if (spec.required_on_create && !spec.create_default) {
      required.push_back(spec.name);
    }
  }
  fields.ok = reader.check_required(node, entries, required, where);
  for (const auto &e : entries) {
    if (std::find(structural.begin(), structural.end(), e.key) != structural.end()) {
      continue;
    }
    const model::FieldSpec *spec = model::find_field(kind, e.key);
    if (spec != nullptr && spec->read_only) {
      reader.error(e.key_node, "'" + e.key + "' is read-only (set by the server); remove it");
      fields.ok = false;
      continue;
    }
    if (spec == nullptr) {
      reader.check_known(e, allowed, "");
      fields.ok = false;
      continue;
    }
    auto value = check_shape(reader, e.value, *spec, e.key);
    if (!value) {
      fields.ok = false;
      continue;
    }
    fields.values.emplace(e.key, std::move(*value));
  }
  return fields;
}

} // namespace aigw::config
