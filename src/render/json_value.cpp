#include "render/json_value.h"

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/string.hpp>

#include <cmath>
#include <cstdint>

namespace aigw::render {

boost::json::value to_json(const model::Value& value) {
  using Kind = model::Value::Kind;
  switch (value.kind()) {
  case Kind::null: return nullptr;
  case Kind::boolean: return value.as_bool();
  case Kind::number:
    if (value.is_integer()) {
      return static_cast<std::int64_t>(value.as_number());
    }
    if (!std::isfinite(value.as_number())) {
      return nullptr; // JSON has no Infinity or NaN; Boost.JSON would write an invalid token
    }
    return value.as_number();
  case Kind::string: return boost::json::string(value.as_string());
  case Kind::array: {
    boost::json::array out;
    for (const auto& item : value.as_array()) {
      out.push_back(to_json(item));
    }
    return out;
  }
  case Kind::object: {
    boost::json::object out;
    for (const auto& [key, item] : value.as_object()) {
      out[key] = to_json(item);
    }
    return out;
  }
  }
  return nullptr;
}

model::Value from_json(const boost::json::value& value) {
  switch (value.kind()) {
  case boost::json::kind::null: return nullptr;
  case boost::json::kind::bool_: return value.get_bool();
  case boost::json::kind::int64: return static_cast<double>(value.get_int64());
  case boost::json::kind::uint64: return static_cast<double>(value.get_uint64());
  case boost::json::kind::double_: return value.get_double();
  case boost::json::kind::string: return std::string(value.get_string());
  case boost::json::kind::array: {
    model::Array out;
    for (const auto& item : value.get_array()) {
      out.push_back(from_json(item));
    }
    return out;
  }
  case boost::json::kind::object: {
    model::Object out;
    for (const auto& [key, item] : value.get_object()) {
      out.emplace(std::string(key), from_json(item));
    }
    return out;
  }
  }
  return nullptr;
}

} // namespace aigw::render
