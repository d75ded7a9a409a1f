#pragma once
// Indented JSON text, so saved plans and JSON output diff well in review.

#include <boost/json/value.hpp>

#include <string>

namespace aigw::render {

/// The value as JSON indented by two spaces, keys in insertion order, ending in a newline.
std::string pretty_json(const boost::json::value& value);

} // namespace aigw::render
