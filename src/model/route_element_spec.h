#pragma once
// The shape of a route element per type, from the reference (002: dynamic route elements)
// and the AI Gateway JSON configuration docs: which properties it takes and which outputs
// it has. Config validation and the generated JSON Schema read it.

#include "model/field_spec.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aigw::model {

/// One named output of an element type.
struct RouteOutputSpec {
  std::string_view name;
  bool required = true;
  std::string_view description;
};

struct RouteElementSpec {
  std::string_view type;
  std::string_view description;
  /// The `properties` object; nullopt when the type takes none.
  std::optional<FieldSpec> properties;
  bool properties_required = false;
  /// How outputs are named: fixed names (`outputs`), percentage shares ("30%", "else"),
  /// or none at all (end).
  enum class Outputs { fixed, shares, none };
  Outputs outputs_kind = Outputs::fixed;
  std::vector<RouteOutputSpec> outputs; ///< fixed: the names allowed
  std::string_view outputs_description;
};

/// Every element type, in the order of route_element_types().
std::span<const RouteElementSpec> route_element_specs();

/// The spec of one element type, or nullptr when there is no such type.
const RouteElementSpec* find_route_element(std::string_view type);

} // namespace aigw::model
