#pragma once
// Conversions between model::Value and Boost.JSON, for the JSON renderer and plan files.

#include "model/value.h"

#include <boost/json/value.hpp>

namespace aigw::render {

/// The Boost.JSON form of a Value (integral numbers as int64, others as double).
boost::json::value to_json(const model::Value& value);

/// The Value form of Boost.JSON (every number becomes a double).
model::Value from_json(const boost::json::value& value);

} // namespace aigw::render
