#pragma once
// Checks a YAML value against a spec of the shared field table (model::FieldSpec): types,
// enums, ranges, lengths, and nested shapes member by member (guardrails, dlp, otel,
// stripe, dataset filters, route element properties).

#include "config/node_reader.h"
#include "model/field_spec.h"
#include "model/value.h"

#include <optional>
#include <string>

namespace aigw::config {

/// Checks node against spec, reporting every mismatch under `path` (e.g. "otel[0].url").
/// Returns the value (interpolated) when it fits.
std::optional<model::Value> check_shape(NodeReader &reader, const YamlNode &node,
                                        const model::FieldSpec &spec, const std::string &path);

} // namespace aigw::config
