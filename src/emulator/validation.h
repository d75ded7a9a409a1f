#pragma once
// Request validation against the reference: JSON bodies, field types, enums, ranges and
// lengths (read from model::field_specs so config, engine and emulator agree), query paging.

#include "emulator/api_error.h"
#include "emulator/envelope.h"
#include "emulator/http_message.h"
#include "model/field_spec.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace aigw::emulator {

/// Which call a body is for: create (POST) takes fewer fields than update (PUT).
enum class BodyMode { create, update };

/// Parses a request body that must be a JSON object.
ApiResult<boost::json::object> parse_object_body(const std::string& body);

/// Checks one value against its spec (type, enum, range or length); null is accepted for
/// fields the reference marks nullable (every optional field, and numbers).
std::optional<ApiError> check_field(const model::FieldSpec& spec, const boost::json::value& value);

/// Checks every known field of a body: required ones present, each one well-typed, plus the
/// nested shapes the reference spells out (dataset filters, guardrails).
std::optional<ApiError> check_body(const boost::json::object& body, model::ResourceKind kind,
                                   BodyMode mode);

/// The fields of a body the server keeps. Create keeps only known create fields (the real
/// API strips what its create schema lacks); update keeps unknown fields too (forward
/// compatibility) but never read-only ones.
boost::json::object kept_fields(const boost::json::object& body, model::ResourceKind kind,
                                BodyMode mode);

/// A required string member with a length range.
ApiResult<std::string> require_string(const boost::json::object& body, std::string_view key,
                                      std::size_t min_length, std::size_t max_length);

/// `page` (>= 1) and `per_page` (1..100) from the query; defaults 1 and default_per_page.
ApiResult<PageRequest> parse_page(const Request& request, std::size_t default_per_page = 20);

/// A boolean query value ("true"/"false"), nullopt when absent; an error when malformed.
ApiResult<std::optional<bool>> parse_bool_query(const Request& request, const std::string& key);

/// Route elements: each an object with an `id`, a known `type` and `outputs` whose entries
/// are `{elementId}`; ids unique.
std::optional<ApiError> check_route_elements(const boost::json::value& elements);

} // namespace aigw::emulator
