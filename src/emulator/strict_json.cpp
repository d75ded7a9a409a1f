#include "emulator/strict_json.h"

#include <boost/json/basic_parser_impl.hpp>
#include <boost/json/parse.hpp>

#include <cmath>
#include <set>
#include <vector>

namespace aigw::emulator {
namespace json = boost::json;

namespace {

constexpr std::size_t k_max_depth = 64;

// A basic_parser handler that builds nothing: it only tracks the keys of each open object
// and the numbers, and stops at the first repeated key or non-finite number.
struct CheckingHandler {
  static constexpr std::size_t max_object_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_array_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_key_size = static_cast<std::size_t>(-1);
  static constexpr std::size_t max_string_size = static_cast<std::size_t>(-1);

  std::vector<std::set<std::string>> open_objects;
  std::string key;
  std::string problem;

  bool fail(std::string message, json::error_code& ec) {
    problem = std::move(message);
    ec = json::error::syntax; // any error stops the parser; `problem` says which
    return false;
  }
  bool on_document_begin(json::error_code&) { return true; }
  bool on_document_end(json::error_code&) { return true; }
  bool on_object_begin(json::error_code&) {
    open_objects.emplace_back();
    return true;
  }
  bool on_object_end(std::size_t, json::error_code&) {
    open_objects.pop_back();
    return true;
  }
  bool on_array_begin(json::error_code&) { return true; }
  bool on_array_end(std::size_t, json::error_code&) { return true; }
  bool on_key_part(json::string_view part, std::size_t, json::error_code&) {
    key.append(part.data(), part.size());
    return true;
  }
  bool on_key(json::string_view part, std::size_t, json::error_code& ec) {
    key.append(part.data(), part.size());
    const bool fresh = open_objects.back().insert(key).second;
    if (!fresh) {
      return fail("duplicate key '" + key + "' in a JSON object", ec);
    }
    key.clear();
    return true;
  }
  bool on_string_part(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_string(json::string_view, std::size_t, json::error_code&) { return true; }
  bool on_number_part(json::string_view, json::error_code&) { return true; }
  bool on_int64(std::int64_t, json::string_view, json::error_code&) { return true; }
  bool on_uint64(std::uint64_t, json::string_view, json::error_code&) { return true; }
  bool on_double(double d, json::string_view text, json::error_code& ec) {
    if (!std::isfinite(d)) {
      return fail("number " + std::string(text.substr(0, 40)) + " is out of range", ec);
    }
    return true;
  }
  bool on_bool(bool, json::error_code&) { return true; }
  bool on_null(json::error_code&) { return true; }
  bool on_comment_part(json::string_view, json::error_code&) { return true; }
  bool on_comment(json::string_view, json::error_code&) { return true; }
};

} // namespace

std::variant<json::value, StrictJsonError> parse_strict_json(std::string_view text) {
  json::parse_options options;
  options.max_depth = k_max_depth;
  json::basic_parser<CheckingHandler> checker(options);
  json::error_code ec;
  checker.write_some(false, text.data(), text.size(), ec);
  if (ec) {
    const std::string& problem = checker.handler().problem;
    if (!problem.empty()) {
      return StrictJsonError{false, problem};
    }
    return StrictJsonError{true, ec.message()};
  }
  json::value parsed = json::parse(text, ec, {}, options);
  if (ec) {
    return StrictJsonError{true, ec.message()};
  }
  return parsed;
}

bool has_only_finite_numbers(const json::value& value) {
  switch (value.kind()) {
  case json::kind::double_: return std::isfinite(value.get_double());
  case json::kind::array:
    for (const auto& item : value.get_array()) {
      if (!has_only_finite_numbers(item)) {
        return false;
      }
    }
    return true;
  case json::kind::object:
    for (const auto& [key, item] : value.get_object()) {
      if (!has_only_finite_numbers(item)) {
        return false;
      }
    }
    return true;
  default: return true;
  }
}

} // namespace aigw::emulator
