#pragma once
// What the API accepts, transcribed from the reference (seeds/002 for names, types and which
// fields are optional; seeds/000, the SDK, for `| null`, lengths and ranges). The emulator
// validates requests with this table and never with model::field_specs, so a field that
// aigw's own table gets wrong fails an end-to-end test instead of passing unnoticed.
// reference_fields_test checks the table against the seed text.

#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace aigw::emulator::reference {

enum class Type {
  boolean,
  number,
  integer,     ///< a `number` that counts something (cents, attempts, seconds): no fraction
  string,
  enumeration, ///< a string from `enum_values`
  object,      ///< members in `members`; other members are ignored
  array,       ///< items: `items` (one field describing each item)
  string_map,  ///< `map[string]`: an object whose values are strings
  scalar_map,  ///< `map[string or number or boolean]`
  scalar,      ///< string, number or boolean
  one_of,      ///< exactly one of `variants` (each an object field)
  any,         ///< `unknown` in the reference
};

struct Field {
  std::string_view name;
  Type type = Type::string;
  bool required = false; ///< 002 does not mark it `optional`
  bool nullable = false; ///< the SDK types it `| null`
  std::vector<std::string_view> enum_values;
  std::optional<double> min; ///< a number's value, a string's length in characters, an
                             ///< object's member count
  std::optional<double> max;
  bool uri = false;            ///< a string with `format uri`
  std::vector<Field> members;  ///< object members
  std::vector<Field> items;    ///< array: one entry, the item's field
  std::vector<Field> variants; ///< one_of
};

/// The request bodies of the reference, by call.
enum class Body {
  gateway_create,
  gateway_update,
  dataset_write, ///< create and update take the same body
  provider_config_create,
  route_create,
  route_update,
  version_create,
  deployment_create,
  evaluation_create,
  log_patch,
  topup_create,
  topup_status,
  auto_topup_set,
  spending_limit_set,
};

/// Every body, for tests that walk the table.
std::span<const Body> all_bodies();
/// The heading of the body's section in 002 ("Create a new Gateway", ...).
std::string_view seed_heading(Body body);
/// The top-level fields of a body.
const std::vector<Field>& body_fields(Body body);

/// The query parameters of a GET or DELETE, by call.
enum class Query {
  gateways_list,
  evaluation_types_list,
  logs_list,
  logs_delete,
  datasets_list,
  evaluations_list,
  usage_history,
  invoice_history,
};

std::span<const Query> all_queries();
std::string_view seed_heading(Query query);
/// The parameters (page and per_page included where the reference lists them).
const std::vector<Field>& query_fields(Query query);

/// The `properties` of a route element of `type`, or nullptr for types that have none.
const std::vector<Field>* element_properties(std::string_view type);
/// The outputs a route element of `type` must have (start: next; conditional: true and
/// false; rate and model: success); empty for percentage and end, which take any names.
std::span<const std::string_view> element_required_outputs(std::string_view type);
/// Route element types ("start", "conditional", "percentage", "rate", "model", "end").
std::span<const std::string_view> element_types();

} // namespace aigw::emulator::reference
