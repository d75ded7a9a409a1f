#include "cloudflare/json_codec.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

namespace aigw::cloudflare {
namespace {

model::Value from_boost(const boost::json::value& in) {
  switch (in.kind()) {
  case boost::json::kind::null: return nullptr;
  case boost::json::kind::bool_: return in.get_bool();
  case boost::json::kind::int64: return in.get_int64();
  case boost::json::kind::uint64: return static_cast<double>(in.get_uint64());
  case boost::json::kind::double_: return in.get_double();
  case boost::json::kind::string: return std::string(in.get_string());
  case boost::json::kind::array: {
    model::Array out;
    out.reserve(in.get_array().size());
    for (const auto& item : in.get_array()) {
      out.push_back(from_boost(item));
    }
    return out;
  }
  case boost::json::kind::object: {
    model::Object out;
    for (const auto& [key, item] : in.get_object()) {
      out.insert_or_assign(std::string(key), from_boost(item));
    }
    return out;
  }
  }
  return nullptr;
}

} // namespace

Result<model::Value> parse_json(std::string_view text) {
  boost::system::error_code ec;
  boost::json::parse_options options;
  options.max_depth = 64;
  const auto parsed = boost::json::parse(text, ec, {}, options);
  if (ec) {
    return Error{"malformed JSON: " + ec.message()};
  }
  return from_boost(parsed);
}

} // namespace aigw::cloudflare
