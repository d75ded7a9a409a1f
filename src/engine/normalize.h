#pragma once
// Canonical forms of field values, so that values equal in meaning compare equal:
// set-like arrays (order has no meaning) are sorted, and null or empty members of nested
// objects are dropped (they mean the same to the API as an absent member).

#include "model/field_spec.h"
#include "model/resources.h"
#include "model/value.h"

#include <string_view>
#include <vector>

namespace aigw::engine {

/// The canonical form of field `name` of a resource of `kind`.
[[nodiscard]] model::Value normalize_field(model::ResourceKind kind, std::string_view name,
                                           const model::Value& value);

/// True when the two values of field `name` mean the same (numbers by value, sets
/// unordered).
[[nodiscard]] bool fields_equal(model::ResourceKind kind, std::string_view name,
                                const model::Value& a, const model::Value& b);

/// True when `path` (dotted, "[]" for "any element of an array") is a set-like array of
/// `kind` in the field table, at the top (`filters`) or nested (`dlp.profiles`).
[[nodiscard]] bool is_set_like(model::ResourceKind kind, std::string_view path);

/// Route elements as one canonical Value: an object keyed by element id (so order does
/// not matter), each holding type, outputs and (when any) properties.
[[nodiscard]] model::Value normalize_elements(const std::vector<model::RouteElement>& elements);

/// True when the two graphs are equal up to element order (properties compare by value).
[[nodiscard]] bool elements_equal(const std::vector<model::RouteElement>& a,
                                  const std::vector<model::RouteElement>& b);

} // namespace aigw::engine
