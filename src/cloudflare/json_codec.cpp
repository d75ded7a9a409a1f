#include "cloudflare/json_codec.h"

#include <boost/json/basic_parser_impl.hpp>

#include <cmath>
#include <limits>
#include <optional>
#include <vector>

namespace aigw::cloudflare {
namespace {

namespace json = boost::json;
using ErrorCode = boost::system::error_code;

/// Builds a model::Value straight from the parser's events, in place: each value is put
/// where it belongs in the tree as soon as it begins (no intermediate frame, no move of a
/// finished container into its parent). Unlike parsing into a boost::json::value first, it
/// sees each number's text: numbers a double cannot hold exactly keep that text (see
/// model::Value::number), so fields aigw does not interpret are sent back unchanged.
class ValueBuilder {
public:
  static constexpr std::size_t max_object_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_array_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_key_size = std::numeric_limits<std::size_t>::max();
  static constexpr std::size_t max_string_size = std::numeric_limits<std::size_t>::max();

  ValueBuilder() { m_open.reserve(16); } // deeper documents grow it

  bool on_document_begin(ErrorCode&) { return true; }
  bool on_document_end(ErrorCode&) { return true; }
  bool on_array_begin(ErrorCode&) {
    m_open.push_back(&place(model::Value(model::Array{})));
    return true;
  }
  bool on_array_end(std::size_t, ErrorCode&) {
    m_open.pop_back();
    return true;
  }
  bool on_object_begin(ErrorCode&) {
    m_open.push_back(&place(model::Value(model::Object{})));
    if (m_members.size() == m_objects) {
      m_members.emplace_back();
    }
    ++m_objects;
    return true;
  }
  bool on_object_end(std::size_t, ErrorCode&) {
    auto& members = m_members[--m_objects];
    m_open.back()->as_object() = model::Object::take(members);
    members.clear();
    m_open.pop_back();
    return true;
  }
  bool on_string_part(json::string_view s, std::size_t, ErrorCode&) {
    m_text.append(s.data(), s.size());
    return true;
  }
  bool on_string(json::string_view s, std::size_t, ErrorCode&) {
    if (m_text.empty()) {
      place(model::Value(std::string(s.data(), s.size())));
    } else {
      m_text.append(s.data(), s.size());
      place(model::Value(std::exchange(m_text, {})));
    }
    return true;
  }
  bool on_key_part(json::string_view s, std::size_t, ErrorCode&) {
    m_key.append(s.data(), s.size());
    return true;
  }
  bool on_key(json::string_view s, std::size_t, ErrorCode&) {
    m_key.append(s.data(), s.size());
    return true;
  }
  bool on_number_part(json::string_view s, ErrorCode&) {
    m_text.append(s.data(), s.size());
    return true;
  }
  bool on_int64(std::int64_t i, json::string_view s, ErrorCode&) {
    return number(static_cast<double>(i), s, i >= -k_exact && i <= k_exact);
  }
  bool on_uint64(std::uint64_t u, json::string_view s, ErrorCode&) {
    return number(static_cast<double>(u), s, u <= static_cast<std::uint64_t>(k_exact));
  }
  bool on_double(double d, json::string_view s, ErrorCode&) {
    m_text.append(s.data(), s.size());
    const bool exact = std::isfinite(d) && significant_digits(m_text) <= 15 &&
                       (d != 0 || significant_digits(m_text) == 0);
    return number(d, {}, exact);
  }
  bool on_bool(bool b, ErrorCode&) {
    place(model::Value(b));
    return true;
  }
  bool on_null(ErrorCode&) {
    place(model::Value(nullptr));
    return true;
  }
  bool on_comment_part(json::string_view, ErrorCode&) { return true; }
  bool on_comment(json::string_view, ErrorCode&) { return true; }

  std::optional<model::Value>& result() { return m_result; }

private:
  static constexpr std::int64_t k_exact = std::int64_t{1} << 53;

  /// Significant digits of a JSON number's mantissa ("0.00120e5" has 2). A double
  /// holds any decimal of up to 15 significant digits exactly enough to print it back.
  static std::size_t significant_digits(const std::string& text) {
    std::string digits;
    for (char c : text) {
      if (c == 'e' || c == 'E') {
        break;
      }
      if (c >= '0' && c <= '9') {
        digits += c;
      }
    }
    const auto first = digits.find_first_not_of('0');
    if (first == std::string::npos) {
      return 0;
    }
    const auto last = digits.find_last_not_of('0');
    return last - first + 1;
  }

  bool number(double approximate, json::string_view tail, bool exact) {
    m_text.append(tail.data(), tail.size());
    // Integers a double holds exactly are plain numbers; any other number keeps its text.
    if (exact) {
      m_text.clear();
      place(model::Value(approximate));
    } else {
      place(model::Value::number(approximate, std::exchange(m_text, {})));
    }
    return true;
  }

  /// Puts a value where the document is: the root, the end of the open array, or the
  /// pending key of the open object. Returns it where it now lives. The pointers in m_open
  /// stay valid: a container (or an object's member buffer) only grows while none of its
  /// elements is open, and growing m_members moves its buffers without moving their items.
  model::Value& place(model::Value value) {
    if (m_open.empty()) {
      m_result = std::move(value);
      return *m_result;
    }
    model::Value& parent = *m_open.back();
    if (parent.is_array()) {
      auto& array = parent.as_array();
      array.push_back(std::move(value));
      return array.back();
    }
    // An object's members wait in the buffer of its depth until it closes, then move
    // into it sorted, in one allocation (a repeated key keeps its last value).
    auto& members = m_members[m_objects - 1];
    members.emplace_back(std::move(m_key), std::move(value));
    m_key.clear();
    return members.back().second;
  }

  std::vector<model::Value*> m_open; ///< the containers not closed yet, innermost last
  /// The members of each open object so far, by the object's depth among open objects;
  /// kept between objects so that their buffers are reused.
  std::vector<std::vector<model::Object::value_type>> m_members;
  std::size_t m_objects = 0; ///< how many objects are open
  std::string m_text;                ///< a string or number read in parts so far
  std::string m_key;                 ///< the key the next value of an object goes under
  std::optional<model::Value> m_result;
};

} // namespace

Result<model::Value> parse_json(std::string_view text) {
  json::parse_options options;
  options.max_depth = 64;
  json::basic_parser<ValueBuilder> parser(options);
  ErrorCode ec;
  const std::size_t used = parser.write_some(false, text.data(), text.size(), ec);
  if (!ec && used != text.size()) {
    ec = json::error::extra_data;
  }
  if (ec || !parser.handler().result()) {
    return Error{"malformed JSON: " + (ec ? ec.message() : std::string("no value"))};
  }
  return std::move(*parser.handler().result());
}

} // namespace aigw::cloudflare
