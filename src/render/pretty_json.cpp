#include "render/pretty_json.h"

#include "model/value.h"

#include <boost/json/serialize.hpp>

namespace aigw::render {
namespace {

void append(std::string& out, const boost::json::value& value, int depth) {
  const std::string pad(static_cast<std::size_t>(depth + 1) * 2, ' ');
  const std::string closing(static_cast<std::size_t>(depth) * 2, ' ');
  if (value.is_object() && !value.get_object().empty()) {
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : value.get_object()) {
      out += first ? "" : ",\n";
      first = false;
      out += pad + boost::json::serialize(boost::json::value(key)) + ": ";
      append(out, item, depth + 1);
    }
    out += "\n" + closing + "}";
  } else if (value.is_array() && !value.get_array().empty()) {
    out += "[\n";
    bool first = true;
    for (const auto& item : value.get_array()) {
      out += first ? "" : ",\n";
      first = false;
      out += pad;
      append(out, item, depth + 1);
    }
    out += "\n" + closing + "]";
  } else if (value.is_double()) {
    // Boost.JSON would print 0.06 as 6E-2; people read the shortest round-trip form.
    out += model::number_text(value.get_double());
  } else {
    out += boost::json::serialize(value);
  }
}

} // namespace

std::string pretty_json(const boost::json::value& value) {
  std::string out;
  append(out, value, 0);
  out += "\n";
  return out;
}

} // namespace aigw::render
