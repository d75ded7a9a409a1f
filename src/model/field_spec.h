#pragma once
// The one table of API fields per resource kind: types, ranges, enums, which fields are
// read-only, which the create call accepts, which compare as sets, and server defaults.
// Config validation, the diff, the emulator and the JSON Schema all read this table.

#include "model/value.h"

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aigw::model {

enum class FieldType { boolean, number, string, enumeration, object, array };

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::string;
  std::vector<std::string_view> enum_values; ///< for enumeration
  std::optional<double> min;                 ///< number value, or string length
  std::optional<double> max;
  bool whole = false;              ///< a number with no fraction (counts, seconds, cents)
  bool read_only = false;          ///< set by the server; never diffed, never sent
  bool required_on_create = false; ///< the create call requires it
  bool accepted_on_create = true;  ///< false: only a follow-up update can set it
  bool set_like = false;           ///< an array whose order has no meaning
  bool sensitive = false;          ///< never printed
  std::optional<Value> create_default; ///< what aigw sends on create when omitted
  std::string_view description;
};

/// The JSON type a field of this type takes: "boolean", "number", "string" (also for an
/// enumeration), "object" or "array". Used in messages and checked against the schema.
std::string_view json_type_name(FieldType type);

/// Which table to read.
enum class ResourceKind {
  gateway,
  dataset,
  provider_config,
  route,
  spending_limit,
  auto_topup,
  custom_provider,
};

/// Human name of a kind: "gateway", "dataset", "provider config", ...
std::string_view resource_kind_name(ResourceKind kind);

/// The field table of a kind (route: none beyond name/elements, which are typed).
std::span<const FieldSpec> field_specs(ResourceKind kind);

/// The spec of one field, or nullptr when the kind has no such field.
const FieldSpec* find_field(ResourceKind kind, std::string_view name);

/// Gateway guardrail categories (keys of `guardrails.prompt` / `guardrails.response`).
std::span<const std::string_view> guardrail_categories();
/// Dataset filter keys and operators.
std::span<const std::string_view> dataset_filter_keys();
std::span<const std::string_view> dataset_filter_operators();
/// Route element types.
std::span<const std::string_view> route_element_types();

} // namespace aigw::model
