#pragma once
// Request validation against the reference: JSON bodies (strict: no repeated keys, no
// non-finite numbers), field types, enums, ranges, lengths in characters, nested shapes and
// nulls, all read from emulator/reference_fields (never from aigw's own model tables), and
// query parameters.

#include "emulator/api_error.h"
#include "emulator/envelope.h"
#include "emulator/http_message.h"
#include "emulator/reference_fields.h"

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <optional>
#include <span>
#include <string>
#include <string_view>

namespace aigw::emulator {

/// Parses a request body that must be a JSON object (strictly, see strict_json.h).
ApiResult<boost::json::object> parse_object_body(const std::string& body);

/// The length of UTF-8 text in characters (code points), as the API counts lengths.
[[nodiscard]] std::size_t character_count(std::string_view text);

/// Checks one value against its field: null only where nullable, type, enum, range, length,
/// and nested members. `path` names the value in messages ("otel[0].url").
std::optional<ApiError> check_value(const reference::Field& field, const boost::json::value& value,
                                    const std::string& path);

/// Checks a body: required fields present, every known field valid. Unknown fields pass.
std::optional<ApiError> check_body(const boost::json::object& body, reference::Body kind);

/// The fields of a body the server keeps: the body's known fields, plus unknown ones when
/// `keep_unknown` (a full-body PUT keeps what it does not know; a create strips it), never
/// those in `dropped`.
boost::json::object kept_fields(const boost::json::object& body, reference::Body kind,
                                bool keep_unknown, std::span<const std::string_view> dropped = {});

/// Checks the query parameters the reference documents for a call (unknown ones pass).
std::optional<ApiError> check_query(const Request& request, reference::Query kind);

/// A required string member with a length range in characters.
ApiResult<std::string> require_string(const boost::json::object& body, std::string_view key,
                                      std::size_t min_length, std::size_t max_length);

/// `page` (>= 1) and `per_page` (1..100) from the query; defaults 1 and default_per_page.
ApiResult<PageRequest> parse_page(const Request& request, std::size_t default_per_page = 20);

/// A boolean query value ("true"/"false"), nullopt when absent; an error when malformed.
ApiResult<std::optional<bool>> parse_bool_query(const Request& request, const std::string& key);

/// Route elements: each an object with an `id`, a known `type`, `outputs` whose entries are
/// `{elementId}` (with the outputs its type requires) and the `properties` its type takes.
std::optional<ApiError> check_route_elements(const boost::json::value& elements);

} // namespace aigw::emulator
