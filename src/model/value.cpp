#include "model/value.h"

#include <utility>

#include "util/json_escape.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace aigw::model {

bool Value::is_integer() const {
  if (!is_number()) {
    return false;
  }
  const double d = as_number();
  return std::isfinite(d) && std::floor(d) == d && std::fabs(d) < 9.2e18;
}

const Value* Value::find(std::string_view key) const {
  if (!is_object()) {
    return nullptr;
  }
  const auto& obj = as_object();
  auto it = obj.find(key);
  return it == obj.end() ? nullptr : &it->second;
}

Value* Value::find(std::string_view key) {
  return const_cast<Value*>(std::as_const(*this).find(key));
}

Value Value::number(double approximate, std::string text) {
  Value out(approximate);
  if (!text.empty()) {
    out.m_data = PreciseNumber{approximate, std::move(text)};
  }
  return out;
}

const std::string& Value::number_text() const {
  static const std::string none;
  const auto* precise = std::get_if<PreciseNumber>(&m_data);
  return precise != nullptr ? precise->text : none;
}

namespace {

/// A number's text: the original when kept, else how to_json() prints it.
std::string number_text_of(const Value& v) {
  return v.number_text().empty() ? v.to_json() : v.number_text();
}

} // namespace

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) {
    const double x = a.as_number();
    const double y = b.as_number();
    const bool exact = std::isfinite(x) && std::fabs(x) < 9007199254740992.0;
    if (!exact && (!a.number_text().empty() || !b.number_text().empty())) {
      // A double cannot tell these apart (2^53 + 1 reads as 2^53; 1e400 as infinity).
      return number_text_of(a) == number_text_of(b);
    }
    return x == y;
  }
  return a.m_data == b.m_data;
}

std::string number_text(double number) {
  if (std::isfinite(number) && std::floor(number) == number && std::fabs(number) < 9.2e18) {
    return std::to_string(static_cast<long long>(number));
  }
  // std::to_chars without a format or precision is the shortest round-trip form.
  char buf[64];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, number);
  return ec == std::errc{} ? std::string(buf, end) : std::string("null");
}

namespace {

void append_escaped(std::string& out, const std::string& s) {
  out += '"';
  out += json_escape(s);
  out += '"';
}

void append_json(std::string& out, const Value& v) {
  switch (v.kind()) {
  case Value::Kind::null: out += "null"; break;
  case Value::Kind::boolean: out += v.as_bool() ? "true" : "false"; break;
  case Value::Kind::number: {
    if (!v.number_text().empty()) {
      out += v.number_text();
    } else {
      out += std::isfinite(v.as_number()) ? number_text(v.as_number()) : "null";
    }
    break;
  }
  case Value::Kind::string: append_escaped(out, v.as_string()); break;
  case Value::Kind::array: {
    out += '[';
    bool first = true;
    for (const auto& item : v.as_array()) {
      if (!first) {
        out += ',';
      }
      first = false;
      append_json(out, item);
    }
    out += ']';
    break;
  }
  case Value::Kind::object: {
    out += '{';
    bool first = true;
    for (const auto& [key, item] : v.as_object()) {
      if (!first) {
        out += ',';
      }
      first = false;
      append_escaped(out, key);
      out += ':';
      append_json(out, item);
    }
    out += '}';
    break;
  }
  }
}

} // namespace

std::string Value::to_json() const {
  std::string out;
  append_json(out, *this);
  return out;
}

const char* kind_name(Value::Kind kind) {
  switch (kind) {
  case Value::Kind::null: return "null";
  case Value::Kind::boolean: return "boolean";
  case Value::Kind::number: return "number";
  case Value::Kind::string: return "string";
  case Value::Kind::array: return "array";
  case Value::Kind::object: return "object";
  }
  return "unknown";
}

} // namespace aigw::model
