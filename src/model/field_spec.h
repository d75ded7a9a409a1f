#pragma once
// The one table of API fields per resource kind: types, ranges, enums, which fields are
// read-only, which the create call accepts, which compare as sets, which are sensitive,
// server defaults, and the shape of nested fields (otel, dlp, guardrails, stripe, dataset
// filters) down to every member. Config validation, normalisation, the diff, credential
// masking and the generated JSON Schema all read this table; the emulator does not (it
// checks requests against its own transcription of the reference).

#include "model/value.h"

#include <memory>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aigw::model {

/// What a value is. `map` is an object with any keys whose values all follow `element`;
/// `scalar` is a string, number or boolean; `any` is whatever JSON value.
enum class FieldType { boolean, number, string, enumeration, object, array, map, scalar, any };

struct FieldSpec {
  std::string_view name;
  FieldType type = FieldType::string;
  std::vector<std::string_view> enum_values; ///< for enumeration
  std::optional<double> min;                 ///< number value, string length, array items
  std::optional<double> max;
  bool whole = false;              ///< a number with no fraction (counts, seconds, cents)
  bool read_only = false;          ///< set by the server; never diffed, never sent
  bool required_on_create = false; ///< the create call requires it
  bool accepted_on_create = true;  ///< false: only a follow-up update can set it
  bool set_like = false;           ///< an array whose order has no meaning
  bool sensitive = false;          ///< never printed (below a field: a credential, masked)
  std::optional<Value> create_default; ///< what aigw sends on create when omitted
  std::string_view description;
  bool required = false;           ///< a member its parent object must have
  /// object: the only members allowed. An object with neither members nor variants
  /// takes any members.
  std::vector<FieldSpec> members;
  /// object: one of these object forms instead of `members`, chosen by the members a
  /// value has (dlp: {action, enabled, profiles} or {enabled, policies}).
  std::vector<FieldSpec> variants;
  /// array: every item; map: every value.
  std::shared_ptr<const FieldSpec> element;
  bool web_url = false; ///< string: an absolute http(s) URL with a host (model/web_url.h)
};

/// The JSON type a field of this type takes: "boolean", "number", "string" (also for an
/// enumeration), "object" (also for a map) or "array"; "scalar" and "value" for the rest.
/// Used in messages.
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

/// The spec at a path below a field: members by ".name", array items by "[]" (or "[3]"),
/// map values by ".key" (the rest of the path is the key: "otel[].headers.x.y"); an object
/// with variants finds a member in the first variant that has it. nullptr when the table
/// has nothing there. Examples: "dlp.policies[].check", "otel[].authorization".
const FieldSpec* find_field_at(ResourceKind kind, std::string_view path);

/// Gateway guardrail categories (keys of `guardrails.prompt` / `guardrails.response`).
std::span<const std::string_view> guardrail_categories();
/// What a guardrail category covers and what its actions do ("P1: Prompt injection. FLAG
/// logs the match, ..."); empty when unknown.
std::string_view guardrail_category_description(std::string_view category);
/// Dataset filter keys and operators.
std::span<const std::string_view> dataset_filter_keys();
std::span<const std::string_view> dataset_filter_operators();
/// Route element types.
std::span<const std::string_view> route_element_types();

} // namespace aigw::model
