#pragma once
// The JSON Schema (Draft 2020-12) of aigw's YAML files, generated from the tables: the
// kinds (model::all_kinds: YAML keys, parents, identity), their fields and nested shapes
// with descriptions (model::field_specs) and route elements (model::route_element_specs).
// schemas/aigw.schema.json is this text (`aigw schema`); a CTest test fails when the
// committed file differs.

#include "model/value.h"

#include <string>

namespace aigw::config {

/// The schema as a value.
[[nodiscard]] model::Value json_schema();

/// The schema as the committed file holds it: two-space indents, "$schema", "$id", "title",
/// "type" and "description" first in an object, then the other keys sorted; a final newline.
[[nodiscard]] std::string json_schema_text();

} // namespace aigw::config
