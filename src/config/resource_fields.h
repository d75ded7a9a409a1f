#pragma once
// Checks a resource's declared keys against the shared field table (model::field_specs):
// unknown keys with a suggestion, read-only keys, types, enums, ranges, lengths, nested
// shapes, and keys the API needs that have no default.

#include "config/node_reader.h"
#include "model/field_spec.h"

#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace aigw::config {

/// The fields that passed, keyed by API name; ok is false when anything was reported.
struct Fields {
  model::Object values;
  bool ok = true;
};

/// Reads entries of a `kind` mapping at `node`. Keys in `structural` belong to the caller
/// (identity, children) and are skipped here but offered as suggestions. `where` names the
/// resource in messages ("gateway 'support-bot'").
Fields read_fields(NodeReader &reader, model::ResourceKind kind, const YamlNode &node,
                   const std::vector<Entry> &entries, std::span<const std::string_view> structural,
                   const std::string &where);

} // namespace aigw::config
