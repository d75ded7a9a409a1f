#pragma once
// Field-level differences between a desired and a live object, for display and for
// deciding whether anything changed at all.

#include "engine/change.h"
#include "model/field_spec.h"
#include "model/resources.h"

#include <vector>

namespace aigw::engine {

/// Differences in the fields `desired` declares (an omitted field is unmanaged and never
/// compared). Read-only and sensitive fields never diff. Nested objects are managed whole:
/// a key live has and desired lacks shows as removed. Values compare in canonical form.
[[nodiscard]] std::vector<FieldChange> diff_declared(model::ResourceKind kind,
                                                     const model::Object& desired,
                                                     const model::Object& live);

/// Every field of a new object, shown as "absent -> value" (sensitive ones masked).
[[nodiscard]] std::vector<FieldChange> describe_new(model::ResourceKind kind,
                                                    const model::Object& fields);

/// Differences between two route graphs, one entry per changed element member, with paths
/// like "elements.primary.properties.model". Empty when equal up to element order.
[[nodiscard]] std::vector<FieldChange> diff_elements(const std::vector<model::RouteElement>& live,
                                                     const std::vector<model::RouteElement>& desired);

} // namespace aigw::engine
