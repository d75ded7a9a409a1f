#pragma once
// JSON text <-> model::Value, over Boost.JSON. Serialising uses model::Value::to_json().

#include "model/value.h"
#include "util/result.h"

#include <string_view>

namespace aigw::cloudflare {

/// Parses JSON text; an error (never an exception) on malformed or too deeply nested input.
Result<model::Value> parse_json(std::string_view text);

} // namespace aigw::cloudflare
