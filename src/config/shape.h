#pragma once
// Shape: a small structural description of a nested YAML value (objects, lists, enums,
// ranges), used for the parts of a resource the flat field table does not describe:
// guardrails, dlp, otel, stripe, dataset filters and route element properties.

#include "config/node_reader.h"
#include "model/field_spec.h"
#include "model/value.h"

#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace aigw::config {

struct Property;

/// What a value must look like.
struct Shape {
  enum class Kind {
    any,
    boolean,
    number,
    string,
    enumeration,
    scalar,
    object,
    array,
    string_map,
    one_of
  };
  Kind kind = Kind::any;
  std::vector<std::string_view> enum_values; ///< enumeration
  std::optional<double> min;                 ///< number value, string length, list length
  std::optional<double> max;
  bool whole = false;                 ///< number: no fraction (counts, seconds, cents)
  std::vector<Property> properties;   ///< object: the only keys allowed
  std::shared_ptr<const Shape> items; ///< array: every item
  std::vector<Shape> variants;        ///< one_of: chosen by the keys present
};

/// A key of an object shape.
struct Property {
  std::string_view name;
  Shape shape;
  bool required = false;
};

/// Checks node against shape, reporting every mismatch under `path` (e.g. "otel[0].url").
/// Returns the value (interpolated) when it fits.
std::optional<model::Value> check_shape(NodeReader &reader, const YamlNode &node,
                                        const Shape &shape, const std::string &path);

/// The shape of one field of the shared table (nested fields get their own shape).
Shape shape_of(model::ResourceKind kind, const model::FieldSpec &spec);

/// Shape of a route element's `properties` for a type; nullopt when the type takes none.
std::optional<Shape> element_properties_shape(std::string_view type);

} // namespace aigw::config
